"""A ceiling on request bodies, checked before any of the body is read.

Django reads a body only when something asks for it, but then whole: a form's fields into memory,
its files into the temporary folder. So the declared Content-Length is compared with the limit of
the URL first, and a body over it is answered with the 413 page unread. An ordinary form may send
REQUEST_BODY_MAX_BYTES; a view that takes a file or a batch of webhook events declares how many
bytes more with `accepts_body_up_to`. docs/request-limits.md gives the numbers and the matching
reverse-proxy setting.

Django reads no more than the Content-Length, and nothing of a body sent without one (chunked),
so such a body could not reach a form: it is refused with 411 Length Required, saying so, rather
than passed on as an empty form.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _


def accepts_body_up_to(setting_name: str):
    """For a view that takes a file or a large payload: its request body may hold
    `settings.<setting_name>` bytes more than an ordinary form's, which leaves room for the
    form's other fields and the multipart framing. A file just over its own limit therefore
    still reaches the form, which says so next to the field."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.body_allowance_setting = setting_name
        return wrapper

    return decorator


def answers_body_too_large_with(answer):
    """For a view that answers machines (the HTTP API): `answer(request, limit, allowance)`
    refuses a body over its limit instead of the 413 page."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)

        wrapper.body_too_large_answer = answer
        return wrapper

    return decorator


def _view(request):
    try:
        return resolve(request.path_info).func
    except Resolver404:
        return None


def too_large_page(request, limit: int, allowance: int):
    return render(request, "413.html", {"limit": limit, "file_limit": allowance}, status=413)


def declared_length(meta) -> int | None:
    """The Content-Length as Django reads it (anything but a number counts as no body), or
    None when there is no Content-Length at all."""
    value = meta.get("CONTENT_LENGTH")
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Placed above every middleware that reads the body (the CSRF check reads the form) and
    below the ones that set the response headers and the language, so the 413 page is like any
    other page of the console."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = declared_length(request.META)
        if length is None:
            if "HTTP_TRANSFER_ENCODING" in request.META:
                return HttpResponse(
                    _("Send the request body with a Content-Length header."),
                    status=411,
                    content_type="text/plain; charset=utf-8",
                )
        elif length > settings.REQUEST_BODY_MAX_BYTES:
            # Only a body too large for an ordinary form costs the extra URL resolution. The
            # view says how many bytes it accepts on top of an ordinary form (0 for most).
            view = _view(request)
            setting_name = getattr(view, "body_allowance_setting", None)
            allowance = getattr(settings, setting_name) if setting_name else 0
            limit = settings.REQUEST_BODY_MAX_BYTES + allowance
            if length > limit:
                answer = getattr(view, "body_too_large_answer", too_large_page)
                return answer(request, limit, allowance)
        return self.get_response(request)
