"""Background work of the members app: invitation emails leave here, never from a request."""

import logging

from anymail.message import AnymailMessage
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation

from accounts.selectors import time_zone_for_email
from core.mail import email_from_templates
from members.models import Invitation

logger = logging.getLogger(__name__)

# Per-recipient statuses with which an ESP refuses a message outright.
REFUSED_STATUSES = {"rejected", "invalid", "failed"}


@task
def send_invitation_email(invitation_id: int) -> str:
    """Mint the invitation's link and mail it.

    The token is created here, not passed in by the caller, so it never sits in the task queue's
    table; minting it also kills any earlier link. An ESP error marks the invitation Failed (the
    Members page then offers Resend) and is not raised again: the invitation is never lost.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("workspace", "inviter")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not invitation.is_pending:
            return "skipped"
        token = invitation.issue_token()
        invitation.save(update_fields=["token_hash"])

    try:
        message = invitation_message(invitation, token)
        message.send()
    except Exception as error:  # any ESP error or outage: record it, keep the invitation
        return _mark_failed(invitation_id, str(error))
    # Set by Anymail backends only; a plain Django backend leaves it empty.
    refused = (message.anymail_status.status or set()) & REFUSED_STATUSES
    if refused:
        return _mark_failed(invitation_id, "Refused by the mail service: " + ", ".join(refused))

    Invitation.objects.filter(pk=invitation_id).update_shown(
        delivery_status=Invitation.Delivery.SENT,
        last_error="",
        sent_at=timezone.now(),
        send_count=F("send_count") + 1,
    )
    return "sent"


def invitation_message(invitation: Invitation, token: str) -> AnymailMessage:
    # Links come from SITE_URL, never from a request's Host header.
    link = settings.SITE_URL + reverse("invitations:open", args=[token])
    context = {"invitation": invitation, "link": link, "site_url": settings.SITE_URL}
    # Someone invited who already has an account reads the expiry in their own zone.
    with (
        translation.override(invitation.language),
        timezone.override(time_zone_for_email(invitation.email)),
    ):
        return email_from_templates(
            "members/email/invitation",
            context,
            to=invitation.email,
            tags=["invitation"],
            metadata={"invitation_id": str(invitation.pk)},
        )


def _mark_failed(invitation_id: int, error: str) -> str:
    logger.warning("Invitation %s could not be sent: %s", invitation_id, error)
    Invitation.objects.filter(pk=invitation_id).update_shown(
        delivery_status=Invitation.Delivery.FAILED, last_error=error[:2000]
    )
    return "failed"
