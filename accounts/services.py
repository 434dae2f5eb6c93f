"""Writes to accounts and workspaces. Each service owns its transaction and writes its activity
event inside it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from accounts.mail import mail_sign_up_attempt
from accounts.models import Membership, User, Workspace
from core.activity import record_activity
from core.models import ActivityEvent
from core.text import normalize_email_address
from core.time_zones import DEFAULT_TIME_ZONE, validate_time_zone


def owner_sign_up(
    *, full_name: str, email: str, password: str, time_zone: str = DEFAULT_TIME_ZONE
) -> User | None:
    """Create an account and the workspace it owns (SPEC section 1: the person who signs up
    becomes the Owner of a new workspace).

    When the email already has an account nothing is created and None is returned; the account's
    owner gets an email about it instead. The password is hashed either way, so the two cases
    take the same time (no account enumeration, SECURITY.md)."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, full_name=full_name, time_zone=time_zone
            )
            workspace = Workspace.objects.create(name=default_workspace_name(full_name))
            Membership.objects.create(user=user, workspace=workspace, role=Membership.Role.OWNER)
            record_activity(
                workspace=workspace,
                actor=user,
                action=ActivityEvent.Action.WORKSPACE_CREATED,
                target=workspace,
                after={"name": workspace.name, "owner": user.email},
            )
    except IntegrityError:
        existing = User.objects.filter(email=normalize_email_address(email)).first()
        if existing is None:
            raise
        mail_sign_up_attempt(user=existing)
        return None
    return user


def default_workspace_name(full_name: str) -> str:
    return gettext("%(name)s's workspace") % {"name": full_name.strip()[:80]}


def workspace_rename(*, workspace: Workspace, actor: User, name: str) -> Workspace:
    with transaction.atomic():
        before = workspace.name
        workspace.name = name
        workspace.save(update_fields=["name"])
        if before != name:
            record_activity(
                workspace=workspace,
                actor=actor,
                action=ActivityEvent.Action.WORKSPACE_RENAMED,
                target=workspace,
                before={"name": before},
                after={"name": name},
            )
    return workspace


def user_update_profile(*, user: User, full_name: str, time_zone: str, language: str) -> User:
    """A person's own settings. They belong to no workspace, so no workspace's activity log
    records them."""
    validate_time_zone(time_zone)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": gettext("Choose English or Simplified Chinese.")})
    user.full_name = full_name
    user.time_zone = time_zone
    user.language = language
    user.save(update_fields=["full_name", "time_zone", "language"])
    return user
