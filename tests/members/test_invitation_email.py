import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from members.models import Invitation
from tests.members.esp import ANYMAIL_TEST_MAILERS, FAILING_MAILERS
from tests.members.helpers import invite, mailed_link


def test_the_email_has_subject_text_and_html_and_carries_the_invitation_id(
    team, send_invitation, settings
):
    settings.MAILERS = ANYMAIL_TEST_MAILERS
    invitation, link = send_invitation(role="developer", mini_programs=[team.other_mini_program.pk])

    message = mail.outbox[-1]
    assert message.subject == "You are invited to join Acme on Mini Program Console"
    assert "Olivia Owner invites you to join the workspace Acme" in message.body
    assert "Acme Eats" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver{link}"' in html
    params = message.anymail_test_params
    assert params["metadata"] == {"invitation_id": str(invitation.pk)}
    assert params["tags"] == ["invitation"]


def test_links_come_from_site_url_not_the_host_header(
    team, sign_in, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://console.example.com"
    client = sign_in(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/console/members/",
            {"name": "Ivy", "email": "ivy@example.com", "role": "master"},
            headers={"host": "localhost"},
        )

    assert "https://console.example.com/invitations/" in mail.outbox[-1].body
    assert "localhost" not in mail.outbox[-1].body


def test_an_esp_error_leaves_a_failed_invitation_that_a_resend_delivers(
    team, sign_in, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = FAILING_MAILERS
    client = sign_in(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.delivery_status == Invitation.Delivery.FAILED
    assert "Internal Server Error" in invitation.last_error
    page = client.get("/console/members/").content.decode()
    assert "Failed" in page
    assert "The mail service did not take it." in page
    # The error is our sending code's, in English and naming Python classes: for the admin.
    assert "Internal Server Error" not in page
    assert "Resend" in page

    settings.MAILERS = ANYMAIL_TEST_MAILERS
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/console/members/invitations/{invitation.pk}/resend/")

    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT
    assert invitation.last_error == ""
    assert mail.outbox[-1].to == ["ivy@example.com"]
    anonymous = Client()
    anonymous.get(mailed_link())
    assert b"Ivy" in anonymous.get("/invitations/").content


# The worker closes its database connection between tasks, as a long-running process should.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_an_enqueued_invitation(
    team, sign_in, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        invite(sign_in(team.owner))

    invitation = Invitation.objects.get()
    assert invitation.delivery_status == Invitation.Delivery.QUEUED
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    assert "token" not in str(DBTaskResult.objects.get().args_kwargs)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    invitation.refresh_from_db()
    assert invitation.delivery_status == Invitation.Delivery.SENT
    assert len(mail.outbox) == 1
    assert mailed_link()


def test_invitations_per_workspace_per_day_are_capped(team, sign_in, settings):
    settings.INVITATIONS_PER_WORKSPACE_PER_DAY = 2
    client = sign_in(team.owner)
    invite(client, email="one@example.com")
    invite(client, email="two@example.com")

    response = invite(client, email="three@example.com", name="Third Person")

    assert response.status_code == 200
    assert b"sent 2 invitations in the last 24 hours" in response.content
    assert b'value="three@example.com"' in response.content
    assert Invitation.objects.count() == 2


def test_the_email_speaks_the_language_the_inviter_used(
    team, sign_in, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    client.cookies["django_language"] = "zh-hans"
    with django_capture_on_commit_callbacks(execute=True):
        invite(client)

    message = mail.outbox[-1]
    assert message.subject == "您受邀加入小程序控制台上的 Acme"
    assert "请打开此链接" in message.body


def expiry_line(message) -> str:
    return next(line for line in message.body.splitlines() if "The link works until" in line)


def test_someone_with_an_account_reads_the_expiry_in_their_own_zone(team, send_invitation):
    User.objects.filter(pk=team.outsider.pk).update(time_zone="Asia/Shanghai")
    User.objects.filter(pk=team.owner.pk).update(time_zone="Europe/Berlin")

    invitation, _ = send_invitation(email="oscar@globex.test")

    expires = timezone.localtime(invitation.expires_at, zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert expires.strftime("%Y-%m-%d %H:%M CST") in expiry_line(mail.outbox[-1])


def test_someone_without_an_account_reads_the_expiry_in_the_servers_zone(team, send_invitation):
    User.objects.filter(pk=team.owner.pk).update(time_zone="Europe/Berlin")

    invitation, _ = send_invitation(email="ivy@example.com")

    expires = timezone.localtime(invitation.expires_at, zoneinfo.ZoneInfo("UTC"))
    assert expires.strftime("%Y-%m-%d %H:%M UTC") in expiry_line(mail.outbox[-1])
