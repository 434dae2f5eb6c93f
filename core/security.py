"""Request and response hardening that settings alone do not give (CSP, HSTS, ... are settings)."""

from functools import wraps

from django.core.exceptions import SuspiciousOperation


def no_referrer(view):
    """For pages whose URL carries a secret token: the browser must not pass that URL on to
    another site in a Referer header."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


class RefuseNullCharactersMiddleware:
    """Nobody types a NUL, and PostgreSQL cannot store one in text or JSON: a request with one in
    its query string or form fields is answered 400 before any view (or draft) sees it. Forms
    refuse it too; this also covers what is kept without a form, such as the wizard's drafts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for data in (request.GET, request.POST):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise SuspiciousOperation("A NUL character in the request's fields.")
        return self.get_response(request)
