"""Mail about an account (password reset, a sign-up with a known email).

It leaves from a background task (nothing is written first, so there is no commit to wait for),
and the page the visitor sees never depends on whether the email has an account (SECURITY.md,
"No account enumeration")."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from core.mail import email_from_templates
from core.text import normalize_email_address

logger = logging.getLogger(__name__)


def mail_password_reset(*, email: str) -> None:
    """Queues the reset link for `email`. The lookup of the account happens in the task, so the
    request does the same work whether or not the email has one."""
    send_password_reset_email.enqueue(email, translation.get_language())


def mail_sign_up_attempt(*, user: User) -> None:
    """Tells the owner of an account that someone tried to sign up with its email."""
    send_sign_up_attempt_email.enqueue(user.pk, translation.get_language())


@task
def send_password_reset_email(email: str, language: str) -> str:
    email = normalize_email_address(email)
    user = next(
        (
            user
            for user in User.objects.filter(email=email, is_active=True)
            if user.has_usable_password()
        ),
        None,
    )
    # The message is built even for an unknown email, so both cases cost the same.
    message = password_reset_message(user or User(email=email), language)
    if user is None:
        return "no account"
    return send(message, kind="password reset")


@task
def send_sign_up_attempt_email(user_id: int, language: str) -> str:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return "no account"
    return send(account_message(user, language, "sign_up_attempt", {}), kind="sign-up notice")


def password_reset_message(user: User, language: str) -> EmailMultiAlternatives:
    context = {
        "uid": urlsafe_base64_encode(force_bytes(user.pk or 0)),
        "token": default_token_generator.make_token(user),
    }
    return account_message(user, language, "password_reset", context)


def account_message(user: User, language: str, template: str, context: dict):
    context = {"user": user, "site_url": settings.SITE_URL, **context}
    with translation.override(language):
        return email_from_templates(f"accounts/email/{template}", context, to=user.email)


def send(message: EmailMultiAlternatives, *, kind: str) -> str:
    # An ESP outage must not fail anything else: the visitor can ask again later.
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the %s email", kind)
        return "failed"
    return "sent"
