"""Response headers that only some pages need (the rest come from settings: CSP, HSTS, ...)."""

from functools import wraps


def no_referrer(view):
    """For pages whose URL carries a secret token: the browser must not pass that URL on to
    another site in a Referer header."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper
