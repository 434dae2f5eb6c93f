"""An ESP outage loses nothing (SPEC section 5; issue 6, part 6).

While the mail service fails, invitations are still created and the Members page shows them
Failed with Resend; once it works again, Resend delivers a working link. With the database task
backend, a task that crashes is visible to staff and Resend queues the email again.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from members.models import Invitation
from tests.members.esp import ANYMAIL_TEST_MAILERS, FAILING_MAILERS
from tests.members.helpers import invite, mailed_link

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def owner(sign_in, team):
    return sign_in(team.owner)


@pytest.fixture
def outage(settings):
    settings.MAILERS = FAILING_MAILERS
    return settings


def recover(settings):
    settings.MAILERS = ANYMAIL_TEST_MAILERS


def test_invitations_made_during_an_outage_are_kept_and_shown_failed(
    owner, outage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            invite(owner, name=f"Ivy {number}", email=f"ivy{number}@example.com")
            for number in range(3)
        ]

    assert [response.status_code for response in responses] == [302, 302, 302]
    invitations = Invitation.objects.order_by("email")
    assert [invitation.delivery_status for invitation in invitations] == ["failed"] * 3
    assert all("500" in invitation.last_error for invitation in invitations)
    page = owner.get(reverse("members:list")).text
    assert page.count("Failed") >= 3
    assert page.count(">Resend<") >= 3


def test_resend_delivers_a_working_link_once_the_service_is_back(
    owner, outage, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(owner)
    invitation = Invitation.objects.get()
    recover(outage)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reverse("members:resend", args=[invitation.pk]))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.delivery_status, invitation.last_error) == ("sent", "")
    [message] = mail.outbox
    assert message.to == ["ivy@example.com"]
    owner.logout()
    landing = owner.get(mailed_link(message), follow=True)
    assert landing.status_code == 200
    assert "Acme" in landing.text


def test_account_mail_during_an_outage_answers_as_usual(client, team, outage):
    reset = client.post(reverse("accounts:password_reset"), {"email": "olivia@acme.test"})
    sign_up = client.post(
        reverse("accounts:signup"),
        {"full_name": "O", "email": "olivia@acme.test", "password": "a long passphrase 31"},
    )

    assert (reset.status_code, reset.url) == (302, reverse("accounts:password_reset_done"))
    assert (sign_up.status_code, sign_up.url) == (302, reverse("onboarding:start"))


@pytest.fixture
def run_worker(monkeypatch):
    """`manage.py db_worker --batch`: runs every queued task, then stops. Inside the test's
    transaction the worker must keep its connection (it would close one not in autocommit)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run():
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)

    return run


def test_with_the_database_worker_the_email_waits_in_the_queue_and_survives_an_outage(
    owner, outage, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        invite(owner)
    invitation = Invitation.objects.get()
    assert invitation.delivery_status == "queued"
    assert DBTaskResult.objects.get().status == "READY"

    run_worker()

    invitation.refresh_from_db()
    assert invitation.delivery_status == "failed"
    recover(settings)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("members:resend", args=[invitation.pk]))
    run_worker()
    invitation.refresh_from_db()
    assert invitation.delivery_status == "sent"
    assert len(mail.outbox) == 1


def test_a_crashed_task_is_visible_to_staff_and_resend_queues_the_email_again(
    owner, team, settings, monkeypatch, run_worker, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.MAILERS = ANYMAIL_TEST_MAILERS
    with django_capture_on_commit_callbacks(execute=True):
        invite(owner)
    invitation = Invitation.objects.get()

    issue_token = Invitation.issue_token

    def crash(*args, **kwargs):
        raise ConnectionResetError("database went away mid-task")

    # Before the task's own error handling: the task itself fails.
    monkeypatch.setattr(Invitation, "issue_token", crash)
    run_worker()

    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    team.owner.is_staff = team.owner.is_superuser = True
    team.owner.save(update_fields=["is_staff", "is_superuser"])
    admin = owner.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert "send_invitation_email" in admin.text
    assert "Failed" in admin.text or "FAILED" in admin.text

    monkeypatch.setattr(Invitation, "issue_token", issue_token)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("members:resend", args=[invitation.pk]))
    run_worker()

    invitation.refresh_from_db()
    assert invitation.delivery_status == "sent"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert len(mail.outbox) == 1
