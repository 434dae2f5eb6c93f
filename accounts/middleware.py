from django.utils import timezone, translation

from accounts.models import User
from accounts.selectors import current_membership


class CurrentWorkspaceMiddleware:
    """Sets `request.membership`: the signed-in user's membership in the workspace on screen.

    The workspace on screen is kept in the session (the top bar's switcher changes it); when it is
    missing or no longer valid, the user's first active membership is used. `None` when signed
    out or when the user has no active membership anywhere. `request.active_memberships` lists
    every workspace the user may switch to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = current_membership(request)
        return self.get_response(request)


class RememberLanguageMiddleware:
    """Keeps `User.language` on the language the signed-in user's requests are answered in (their
    choice in the language switch, else their browser's). It writes only when that changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = translation.get_language()
        if user.is_authenticated and language and user.language != language:
            User.objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Shows every date of a signed-in user's request in their own time zone (`User.time_zone`);
    a signed-out visitor sees the server's (`TIME_ZONE`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(request.user.time_zone)
        try:
            return self.get_response(request)
        finally:
            # The zone would otherwise stay active in this thread for whoever comes next.
            timezone.deactivate()
