"""Guesses sent at the same moment are counted before any password is checked (issue 12, item 3)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.concurrency import at_once
from tests.personas import make_owner

SIGN_IN = reverse("accounts:signin")


def guess(email="olivia@acme.test"):
    response = Client().post(
        SIGN_IN, {"username": email, "password": "wrong guess"}, REMOTE_ADDR="198.51.100.20"
    )
    return response.status_code


@pytest.fixture
def olivia(db):
    return make_owner(full_name="Olivia Owner", email="olivia@acme.test", workspace_name="Acme")


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "5/15m"
    settings.RATE_LIMIT_SIGN_IN_PER_IP = "20/15m"


@pytest.mark.django_db(transaction=True)
def test_twenty_guesses_at_once_get_only_five_passwords_checked(olivia, shared_cache):
    statuses = at_once(*[guess] * 20)

    # A checked guess is answered with the form; the others with the 429 page, unchecked.
    assert sorted(statuses) == [200] * 5 + [429] * 15


@pytest.mark.django_db(transaction=True)
def test_after_a_cool_off_guesses_at_once_again_get_only_five_checked(olivia, shared_cache, clock):
    assert [guess() for _ in range(6)] == [200] * 5 + [429]
    clock.advance(15 * 60 + 1)

    statuses = at_once(*[guess] * 20)

    assert sorted(statuses) == [200] * 5 + [429] * 15
