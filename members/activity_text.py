"""How invitation and member actions read in the activity log (core.activity_text)."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from core.activity_text import Field, Sentence, Target, choice_label, model_field
from core.dates import date_format
from core.models import ActivityEvent
from members.models import Invitation
from miniprograms.activity_text import mini_programs_field
from miniprograms.models import MiniProgram

Action = ActivityEvent.Action
MEMBERSHIP = "members.membership"
INVITATION = "members.invitation"


# Each look-up reads only what the sentences show, in no order: they are found by key.


def memberships_by_pk(keys):
    pks = [int(key) for key in keys if key.isdigit()]
    memberships = (
        Membership.objects.filter(pk__in=pks)
        .select_related("user")
        .only("pk", "user__full_name", "user__email")
        .order_by()
    )
    return {membership.pk: membership for membership in memberships}


def invitations_by_pk(keys):
    pks = [int(key) for key in keys if key.isdigit()]
    invitations = Invitation.objects.filter(pk__in=pks).only("pk", "email").order_by()
    return {invitation.pk: invitation for invitation in invitations}


LOOKUPS = {MEMBERSHIP: memberships_by_pk, INVITATION: invitations_by_pk}


def _email_at_the_time(event) -> str:
    # Both objects' str() begin with the email, then a role label in the language of the day.
    return event.target_repr.partition(" · ")[0]


def _member(membership, event) -> str:
    if membership is None:
        return (event.before or {}).get("email") or _email_at_the_time(event)
    return membership.user.full_name or membership.user.email


def _invitee(invitation, event) -> str:
    return invitation.email if invitation is not None else _email_at_the_time(event)


TARGETS = {
    Membership._meta.label_lower: Target(lookup=MEMBERSHIP, show=_member),
    Invitation._meta.label_lower: Target(lookup=INVITATION, show=_invitee),
}

role_label = choice_label(Membership.Role)

REASONS = {"inviter removed": _("The person who sent it was removed from the workspace")}


def _reason(value, context) -> str:
    return str(REASONS.get(value, ""))


def moment(value, context) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return ""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


INVITATION_FIELDS = {
    "name": model_field(Invitation, "name"),
    "email": model_field(Invitation, "email"),
    "role": model_field(Invitation, "role", show=role_label),
    "mini_programs": mini_programs_field(Invitation._meta.get_field("mini_programs").verbose_name),
    "status": Field(label=_("Status"), show=choice_label(Invitation.Status)),
    "reason": Field(label=_("Reason"), show=_reason),
    "expires_at": model_field(Invitation, "expires_at", show=moment),
    "delivery": model_field(Invitation, "delivery_status", show=choice_label(Invitation.Delivery)),
}

MEMBERSHIP_FIELDS = {
    "email": Field(label=_("Email")),
    "role": model_field(Membership, "role", show=role_label),
    "status": model_field(Membership, "status", show=choice_label(Membership.Status)),
    "mini_programs": mini_programs_field(MiniProgram._meta.verbose_name_plural),
}


def _invited(event, context):
    after = event.after or {}
    return {"email": after.get("email", ""), "role": role_label(after.get("role"), context)}


def _new_owner(event, context):
    return {"owner": (event.after or {}).get("owner", "")}


ACTIONS = {
    Action.INVITATION_SENT: Sentence(
        _("%(actor)s invited %(email)s as %(role)s"), fields=INVITATION_FIELDS, params=_invited
    ),
    Action.INVITATION_RESENT: Sentence(
        _("%(actor)s resent the invitation to %(target)s"), fields=INVITATION_FIELDS
    ),
    Action.INVITATION_WITHDRAWN: Sentence(
        _("%(actor)s withdrew the invitation to %(target)s"), fields=INVITATION_FIELDS
    ),
    Action.INVITATION_ACCEPTED: Sentence(
        _("%(actor)s accepted the invitation and joined as %(role)s"),
        fields=INVITATION_FIELDS,
        params=_invited,
    ),
    Action.MEMBER_ROLE_CHANGED: Sentence(
        _("%(actor)s changed the role of %(target)s"), fields=MEMBERSHIP_FIELDS
    ),
    Action.MEMBER_ASSIGNMENTS_CHANGED: Sentence(
        _("%(actor)s changed the mini programs assigned to %(target)s"), fields=MEMBERSHIP_FIELDS
    ),
    Action.MEMBER_BLOCKED: Sentence(_("%(actor)s blocked %(target)s"), fields=MEMBERSHIP_FIELDS),
    Action.MEMBER_UNBLOCKED: Sentence(
        _("%(actor)s unblocked %(target)s"), fields=MEMBERSHIP_FIELDS
    ),
    Action.MEMBER_REMOVED: Sentence(
        _("%(actor)s removed %(target)s from the workspace"), fields=MEMBERSHIP_FIELDS
    ),
    Action.OWNERSHIP_TRANSFERRED: Sentence(
        _("%(actor)s transferred ownership of the workspace to %(owner)s"),
        fields={"owner": Field(label=Membership.Role.OWNER.label)},
        params=_new_owner,
    ),
}
