"""Reads about the signed-in person and the workspace on screen."""

import hashlib

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone, translation

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


def content_fragment_key(request, *parts, forms: bool = False, page=None) -> str:
    """What a cached piece of a workspace page varies on, for `{% cache %}`: the workspace's
    `content_version` (moved by every change its pages show), the reader's membership (role,
    scope and permissions) and staff flags, language and zone, then the page's own `parts`.

    The page of an object with a version of its own (`page`, a mini program: its
    `page_version`) varies on that and the workspace's `shared_version` instead of the content
    version, so a change to another mini program leaves it cached.

    With `forms`, the reader's CSRF secret too: a cached form carries the token it was drawn
    with, which only works for the browser that holds that secret.
    """
    membership = request.membership
    user = request.user
    workspace = membership.workspace
    key = [
        workspace.content_version
        if page is None
        else f"{workspace.shared_version}-{page.page_version}",
        membership.pk,
        user.is_staff,
        user.is_superuser,
        translation.get_language(),
        timezone.get_current_timezone_name(),
        *parts,
    ]
    if forms:
        get_token(request)
        key.append(hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest())
    return ".".join(str(part) for part in key)
