"""Tokens follow their member: removing or blocking someone revokes the tokens they made."""

from django.dispatch import receiver

from accounts.models import Membership
from automation.services import api_tokens_revoke_for_member
from core.activity import activity_recorded
from core.models import ActivityEvent

# The membership is still in the database when these are recorded (members.services).
REVOKING_ACTIONS = {
    ActivityEvent.Action.MEMBER_REMOVED: "member removed",
    ActivityEvent.Action.MEMBER_BLOCKED: "member blocked",
}


@receiver(activity_recorded, dispatch_uid="automation.revoke_tokens_of_departed_members")
def revoke_tokens_of_departed_members(sender, event: ActivityEvent, **kwargs):
    reason = REVOKING_ACTIONS.get(event.action)
    if reason is None or event.target_type != Membership._meta.label_lower:
        return
    membership = (
        Membership.objects.select_related("user", "workspace").filter(pk=event.target_id).first()
    )
    if membership is not None:
        api_tokens_revoke_for_member(membership=membership, actor=event.actor, reason=reason)
