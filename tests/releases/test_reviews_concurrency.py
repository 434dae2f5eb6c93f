"""Two reviewers pressing Approve on one version at the same moment, through HTTP: one approves,
the other reads why not, and the testers get their trial link once. Run on PostgreSQL too
(DATABASE_URL), where the race is real."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from releases import services
from releases.models import Version
from tests.releases.helpers import make_reviewer, upload

pytestmark = pytest.mark.django_db(transaction=True)


def press_at_once(url: str, users) -> list[str]:
    """Each user POSTs `url` at the same moment; the messages each one's next page shows."""
    start = threading.Barrier(len(users))
    pages = []

    def press(user):
        client = Client()
        client.force_login(user)
        try:
            start.wait()
            pages.append(client.post(url, follow=True).text)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pages


def test_two_reviewers_approving_at_once_approve_once_and_mail_testers_once(team, program):
    version = upload(program, team.developer)
    services.version_apply_for_release(
        version=version, actor=team.developer, testers=["tess@example.com"]
    )
    reviewers = [make_reviewer(email=f"r{index}@platform.test") for index in range(2)]

    pages = press_at_once(reverse("reviews:approve", args=[version.pk]), reviewers)

    approved = "Version 1.0.0 of Acme Parking approved: it is now in Pilot Testing."
    refused = "“Approve” is not possible: version 1.0.0 is Pilot Testing."
    assert sorted(approved in page for page in pages) == [False, True]
    assert sorted(refused in page for page in pages) == [False, True]
    assert Version.objects.get(pk=version.pk).status == Version.Status.PILOT_TESTING
    assert [message.to for message in mail.outbox].count(["tess@example.com"]) == 1
