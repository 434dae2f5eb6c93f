"""Writes to API tokens. Each service owns its transaction and writes its activity row in it,
after locking the workspace."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Membership, User, Workspace
from automation.models import EXPIRY_DAYS, ApiToken
from core.activity import record_activity
from core.models import ActivityEvent

# How often a token's "last used" is written at most: a script calling every second would
# otherwise turn every read into a write.
LAST_USE_PRECISION = timedelta(minutes=1)


def _active_membership(*, workspace: Workspace, user: User) -> Membership | None:
    membership = Membership.objects.filter(workspace=workspace, user=user).first()
    return membership if membership is not None and membership.is_active else None


def _clean_name(*, workspace: Workspace, name: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": gettext("Give the token a name.")})
    try:
        # Its length and visible characters, for callers that bring no form (the HTTP API).
        ApiToken._meta.get_field("name").clean(name, None)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from None
    if workspace.api_tokens.filter(name=name, revoked_at__isnull=True).exists():
        raise _duplicate_name_error()
    return name


def _duplicate_name_error() -> ValidationError:
    return ValidationError(
        {"name": gettext("This workspace already has a token with this name. Choose another.")},
        code="duplicate_name",
    )


def _expiry(expires_in_days: int | None):
    if expires_in_days is None:
        return None
    if expires_in_days not in EXPIRY_DAYS:
        raise ValidationError(
            {"expires_in_days": gettext("Choose 30, 90 or 365 days, or no expiry.")}
        )
    return timezone.now() + timedelta(days=expires_in_days)


def _scope(*, membership: Membership, all_mini_programs: bool, mini_programs) -> list:
    """The mini programs a new token is limited to (none when it covers the workspace). A
    Developer's token covers only mini programs assigned to them, named one by one."""
    if all_mini_programs:
        if membership.is_developer:
            raise ValidationError(
                {
                    "all_mini_programs": gettext(
                        "A Developer's token is limited to mini programs assigned to them."
                    )
                }
            )
        return []
    mini_programs = list(mini_programs)
    if not mini_programs:
        raise ValidationError(
            {"mini_programs": gettext("Choose at least one mini program for the token.")}
        )
    allowed = membership.workspace.mini_programs.all()
    if membership.is_developer:
        allowed = allowed.filter(developers=membership)
    allowed_ids = set(allowed.values_list("pk", flat=True))
    if any(mini_program.pk not in allowed_ids for mini_program in mini_programs):
        raise ValidationError(
            {
                "mini_programs": gettext("Choose only mini programs assigned to you.")
                if membership.is_developer
                else gettext("Choose mini programs of this workspace.")
            }
        )
    return mini_programs


def _summary(token: ApiToken, mini_programs) -> dict:
    return {
        "name": token.name,
        "prefix": token.prefix,
        "access": token.access,
        "mini_programs": "all"
        if token.all_mini_programs
        else sorted(mini_program.app_id for mini_program in mini_programs),
        "expires_at": token.expires_at.isoformat() if token.expires_at else None,
    }


def api_token_create(
    *,
    workspace: Workspace,
    actor: User,
    name: str,
    access: str,
    expires_in_days: int | None,
    all_mini_programs: bool,
    mini_programs=(),
) -> tuple[ApiToken, str]:
    """A token acting as `actor` within the scope chosen, and its secret, which exists nowhere
    else: show it once and forget it."""
    if access not in ApiToken.Access.values:
        raise ValidationError({"access": gettext("Choose read only or read and write.")})
    expires_at = _expiry(expires_in_days)
    with transaction.atomic():
        workspace.lock()
        membership = _active_membership(workspace=workspace, user=actor)
        if membership is None:
            raise PermissionDenied
        scope = _scope(
            membership=membership, all_mini_programs=all_mini_programs, mini_programs=mini_programs
        )
        token = ApiToken(
            workspace=workspace,
            user=actor,
            name=_clean_name(workspace=workspace, name=name),
            access=access,
            all_mini_programs=all_mini_programs,
            expires_at=expires_at,
        )
        secret = token.issue_secret()
        try:
            with transaction.atomic():
                token.save()
        except IntegrityError:
            raise _duplicate_name_error() from None
        token.mini_programs.set(scope)
        record_activity(
            workspace=workspace,
            actor=actor,
            action=ActivityEvent.Action.API_TOKEN_CREATED,
            target=token,
            after=_summary(token, scope),
        )
    return token, secret


def may_revoke(*, token: ApiToken, user: User) -> bool:
    """The Owner and Masters revoke any of the workspace's tokens; a Developer their own."""
    if user.is_active and user.is_staff:
        return True
    membership = _active_membership(workspace=token.workspace, user=user)
    return membership is not None and (not membership.is_developer or token.user_id == user.pk)


def _revoke(token: ApiToken, *, actor: User | None, reason: str = "") -> bool:
    """Revokes `token` unless it already is; True when this call did it."""
    now = timezone.now()
    if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        return False
    token.revoked_at = now
    record_activity(
        workspace=token.workspace,
        actor=actor,
        action=ActivityEvent.Action.API_TOKEN_REVOKED,
        target=token,
        before={"name": token.name, "revoked": False},
        after={"revoked": True, **({"reason": reason} if reason else {})},
    )
    return True


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Stops the token at once. Revoking a revoked token changes nothing."""
    if not may_revoke(token=token, user=actor):
        raise PermissionDenied
    with transaction.atomic():
        token.workspace.lock()
        _revoke(token, actor=actor)
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_tokens_revoke_for_member(*, membership: Membership, actor: User | None, reason: str) -> int:
    """Revokes every token the member made in their workspace, inside the caller's transaction
    (the one removing or blocking them), so the tokens die with the access they carried."""
    tokens = membership.workspace.api_tokens.filter(user=membership.user, revoked_at__isnull=True)
    return sum(_revoke(token, actor=actor, reason=reason) for token in tokens)


def api_token_record_use(*, token: ApiToken, ip_address: str | None) -> None:
    """Notes when and from where the token was last used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USE_PRECISION:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USE_PRECISION), pk=token.pk
    ).update(last_used_at=now, last_used_ip=ip_address)
    token.last_used_at, token.last_used_ip = now, ip_address
