"""Request and response hardening that settings alone do not give (CSP, HSTS, ... are settings)."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils.csp import build_policy


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


class PermissionsPolicyMiddleware:
    """Django has no setting for this header. No page uses the camera, the microphone, the
    location and the like (settings.PERMISSIONS_POLICY), so no script on one may ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def add_static_file_headers(headers, path, url):
    """WhiteNoise answers a static file before the middleware that sets these on pages runs: an
    SVG opened on its own would otherwise run its scripts and could be framed. No nonce: a file
    never needs one (WHITENOISE_ADD_HEADERS_FUNCTION)."""
    headers["Content-Security-Policy"] = build_policy(settings.SECURE_CSP)
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY
