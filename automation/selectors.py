from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from accounts.models import Membership
from automation.models import ApiToken, secret_hash
from miniprograms.models import MiniProgram


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token whose secret this is. The lookup is by the secret's hash, so the time it
    takes says nothing about how much of a guess was right."""
    if not secret:
        return None
    token = (
        ApiToken.objects.select_related("user", "workspace")
        .filter(secret_hash=secret_hash(secret))
        .first()
    )
    return token if token is not None and token.is_usable() else None


def visible_api_tokens(membership: Membership):
    """The tokens a member may see and revoke: all of the workspace's for the Owner and Masters,
    a Developer's own."""
    tokens = (
        membership.workspace.api_tokens.select_related("user")
        .prefetch_related(
            Prefetch("mini_programs", queryset=MiniProgram.objects.prefetch_related("listings"))
        )
        .order_by("-created_at", "-id")
    )
    if membership.is_developer:
        tokens = tokens.filter(user=membership.user)
    return tokens


def api_token_for(membership: Membership, token_id: int) -> ApiToken:
    """The token on screen, or 404 when it is another workspace's or another member's to a
    Developer."""
    return get_object_or_404(visible_api_tokens(membership), pk=token_id)
