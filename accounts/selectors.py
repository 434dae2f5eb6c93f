"""Reads about the signed-in person and the workspace on screen."""

from django.conf import settings

from accounts.models import Membership, User
from core.text import normalize_email_address

SESSION_WORKSPACE_KEY = "workspace_id"


def current_membership(request) -> Membership | None:
    """The membership on screen. Every active membership is read in the same query and kept on
    `request.active_memberships` for the top bar's workspace switcher, so a console page pays
    one query for both (and for the onboarding banner)."""
    request.active_memberships = []
    user = request.user
    if not user.is_authenticated:
        return None
    # The onboarding banner reads the workspace's wizard from here too, in the same query.
    request.active_memberships = memberships = list(
        user.active_memberships().select_related("workspace__onboarding")
    )
    wanted = request.session.get(SESSION_WORKSPACE_KEY)
    for membership in memberships:
        if membership.workspace_id == wanted:
            return membership
    return min(memberships, key=lambda item: (item.joined_at, item.id), default=None)


def time_zone_for_email(email: str) -> str:
    """The zone mail to `email` shows times in: its account's, or the server's for someone who
    has none yet."""
    zone = (
        User.objects.filter(email=normalize_email_address(email))
        .values_list("time_zone", flat=True)
        .first()
    )
    return zone or settings.TIME_ZONE
