"""Mail about versions, sent by background tasks after the change has committed."""

import logging

from anymail.message import AnymailMessage
from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils import translation

from accounts.models import Membership, User
from core.mail import email_from_templates
from releases.models import Version, VersionTransition
from releases.trial import trial_link

logger = logging.getLogger(__name__)


def workspace_owner(version: Version) -> User:
    return (
        Membership.objects.select_related("user")
        .get(workspace_id=version.mini_program.workspace_id, role=Membership.Role.OWNER)
        .user
    )


def review_recipients(version: Version) -> list[User]:
    """The uploader and the workspace's Owner, once each, while their accounts are active."""
    owner = workspace_owner(version)
    recipients = [user for user in (version.uploaded_by, owner) if user and user.is_active]
    return list({user.pk: user for user in recipients}.values())


def review_message(transition: VersionTransition, recipient: User) -> AnymailMessage:
    version = transition.version
    context = {
        "version": version,
        "mini_program": version.mini_program,
        "approved": transition.to_status != Version.Status.REJECTED,
        "status": Version.Status(transition.to_status),
        "reason": transition.reason,
        "recipient": recipient,
        # Links come from SITE_URL, never from a request's Host header.
        "link": settings.SITE_URL
        + reverse("miniprograms:detail", args=[version.mini_program.app_id])
        + "#versions",
    }
    with translation.override(recipient.mail_language):
        return email_from_templates(
            "releases/email/review_result",
            context,
            to=recipient.email,
            tags=["review"],
            metadata={"version_id": str(version.pk)},
        )


@task
def send_review_email(transition_id: int) -> str:
    """Tells the uploader and the Owner how a review ended, each in their own language. An ESP
    error is logged and not raised: the result is on the version's page either way."""
    transition = (
        VersionTransition.objects.select_related(
            "version__mini_program__workspace", "version__uploaded_by"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return "skipped"
    outcomes = []
    for recipient in review_recipients(transition.version):
        try:
            review_message(transition, recipient).send()
        except Exception:  # any ESP error or outage: the next recipient still gets theirs
            logger.exception("Could not mail a review result to user %s", recipient.pk)
            outcomes.append("failed")
        else:
            outcomes.append("sent")
    return ",".join(outcomes) or "no recipient"


def tester_languages(version: Version) -> dict[str, str]:
    """The language each tester is mailed in: their own when they have an account here, else
    that of whoever applied for release (who named them), else the Owner's."""
    applied = (
        version.transitions.filter(to_status=Version.Status.UNDER_REVIEW)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    applier = applied.actor if applied and applied.actor else None
    fallback = (applier or workspace_owner(version)).mail_language
    own = {
        user.email: user.mail_language
        for user in User.objects.filter(email__in=version.testers).only("email", "language")
    }
    return {tester: own.get(tester, fallback) for tester in version.testers}


def trial_message(version: Version, tester: str, language: str) -> AnymailMessage:
    context = {
        "version": version,
        "mini_program": version.mini_program,
        "link": trial_link(version),
    }
    with translation.override(language):
        return email_from_templates(
            "releases/email/trial_invitation",
            context,
            to=tester,
            # Says which language the tester was written to in; mail clients may offer to translate.
            headers={"Content-Language": language},
            tags=["trial"],
            metadata={"version_id": str(version.pk)},
        )


@task
def send_trial_invitations(version_id: int) -> str:
    """Mails each tester named at Apply for release the trial link of the approved version, one
    message each, so no tester sees the others' addresses. An ESP error is logged and not
    raised: the link is on the version's trial page either way."""
    version = (
        Version.objects.select_related("mini_program__workspace").filter(pk=version_id).first()
    )
    if version is None or not version.is_in_release:
        return "skipped"
    outcomes = []
    for tester, language in tester_languages(version).items():
        try:
            trial_message(version, tester, language).send()
        except Exception:  # any ESP error or outage: the next tester still gets theirs
            logger.exception("Could not mail a trial link for version %s", version.pk)
            outcomes.append("failed")
        else:
            outcomes.append("sent")
    return ",".join(outcomes) or "no tester"
