"""The review result reaches the uploader and the Owner by email, after the commit, each in the
language they use the console in."""

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import User
from releases import services
from tests.members.esp import ANYMAIL_TEST_MAILERS, FAILING_MAILERS
from tests.releases.helpers import upload


@pytest.fixture
def under_review(team, program):
    version = upload(program, team.developer)
    return services.version_apply_for_release(version=version, actor=team.developer)


def by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


def test_approve_mails_the_uploader_and_the_owner(
    under_review, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = ANYMAIL_TEST_MAILERS
    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(version=under_review, reviewer=reviewer)

    messages = by_recipient()
    assert sorted(messages) == ["dana@acme.test", "olivia@acme.test"]
    message = messages["dana@acme.test"]
    assert message.subject == "Acme Parking 1.0.0 was approved"
    assert "Version 1.0.0 of Acme Parking was approved in review." in message.body
    assert "It is now in Release Preparation." in message.body
    program = under_review.mini_program
    link = f"http://testserver/console/mini-programs/{program.app_id}/#versions"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert message.anymail_test_params["tags"] == ["review"]


def test_reject_mails_the_reason(
    under_review, reviewer, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.version_reject(
            version=under_review, reviewer=reviewer, reason="The map <b>never</b> loads."
        )

    message = by_recipient()["olivia@acme.test"]
    assert message.subject == "Acme Parking 1.0.0 was rejected"
    assert "The map <b>never</b> loads." in message.body
    assert "Make the changes, then choose Apply for release again." in message.body
    html, _mimetype = message.alternatives[0]
    assert "The map &lt;b&gt;never&lt;/b&gt; loads." in html


def test_nothing_is_mailed_when_the_review_rolls_back(
    under_review, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.version_approve(version=under_review, reviewer=reviewer)
                raise RuntimeError("the request failed after the service")
        except RuntimeError:
            pass

    assert mail.outbox == []


def test_an_owner_who_uploaded_gets_one_email(
    team, program, reviewer, django_capture_on_commit_callbacks
):
    version = upload(program, team.owner)
    services.version_apply_for_release(version=version, actor=team.owner)

    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(version=version, reviewer=reviewer)

    assert [message.to for message in mail.outbox] == [["olivia@acme.test"]]


def test_each_recipient_reads_it_in_the_language_they_use_the_console_in(
    team, under_review, reviewer, client, django_capture_on_commit_callbacks
):
    client.force_login(team.owner)
    client.cookies["django_language"] = "zh-hans"
    client.get("/console/")
    assert User.objects.get(pk=team.owner.pk).language == "zh-hans"

    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(version=under_review, reviewer=reviewer)

    messages = by_recipient()
    assert messages["olivia@acme.test"].body.startswith("Olivia Owner，您好：")  # noqa: RUF001
    assert messages["dana@acme.test"].body.startswith("Hello Dana Developer,")


def test_an_esp_outage_does_not_undo_the_review(
    under_review, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = FAILING_MAILERS
    with django_capture_on_commit_callbacks(execute=True):
        services.version_approve(version=under_review, reviewer=reviewer)

    under_review.refresh_from_db()
    assert under_review.status == "release_preparation"
