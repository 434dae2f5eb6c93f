"""One spelling of an email address for sign-up, sign-in, invitations and membership checks.

An address that only looks different (a dotted capital or dotless i, a long s, a Kelvin sign, a
capital, full-width or punycode domain) is the address it looks like: stored, found and compared
as that one.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from members.models import Invitation
from tests.members.helpers import invite
from tests.personas import PASSWORD, make_member
from tests.security.corpus import LOOKALIKE_EMAILS

CASES = pytest.mark.parametrize(
    ("typed", "address"), LOOKALIKE_EMAILS.values(), ids=LOOKALIKE_EMAILS.keys()
)


def sign_up(client, email):
    return client.post(
        reverse("accounts:signup"),
        {"full_name": "Ivy Example", "email": email, "password": "a long enough passphrase 7"},
    )


def sign_in_as(client, email, password):
    return client.post(reverse("accounts:signin"), {"username": email, "password": password})


@CASES
@pytest.mark.django_db
def test_a_sign_up_stores_the_address_it_looks_like_and_signs_in_with_it(typed, address):
    assert sign_up(Client(), typed).status_code == 302

    assert list(User.objects.values_list("email", flat=True)) == [address]
    response = sign_in_as(Client(), address, "a long enough passphrase 7")
    assert response.status_code == 302
    assert response.url == reverse("console:overview")


@CASES
def test_signing_in_with_a_look_alike_reaches_the_account(team, typed, address):
    make_member(workspace=team.workspace, full_name="Ivy", email=address, role="master")

    response = sign_in_as(Client(), typed, PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("console:overview")


@CASES
def test_a_look_alike_of_a_taken_address_makes_no_second_account(team, mailoutbox, typed, address):
    make_member(workspace=team.workspace, full_name="Ivy", email=address, role="master")
    users = User.objects.count()

    sign_up(Client(), typed)

    assert User.objects.count() == users
    [message] = mailoutbox
    assert message.to == [address]


@CASES
def test_inviting_a_look_alike_of_a_member_says_they_are_one(sign_in, team, typed, address):
    make_member(workspace=team.workspace, full_name="Ivy", email=address, role="developer")

    response = invite(sign_in(team.owner), email=typed)

    assert response.status_code == 200
    assert "This person is already a member of the workspace." in response.text
    assert not Invitation.objects.exists()


@CASES
def test_an_invitation_is_stored_under_the_address_and_not_sent_twice(
    sign_in, team, django_capture_on_commit_callbacks, typed, address
):
    client = sign_in(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert invite(client, email=typed).status_code == 302

    again = invite(client, email=address)

    assert Invitation.objects.get().email == address
    assert mail.outbox[-1].to == [address]
    assert again.status_code == 200
    assert "An invitation to this email is already open." in again.text
    assert Invitation.objects.count() == 1


@CASES
def test_a_password_reset_for_a_look_alike_mails_the_account(team, mailoutbox, typed, address):
    make_member(workspace=team.workspace, full_name="Ivy", email=address, role="master")

    Client().post(reverse("accounts:password_reset"), {"email": typed})

    [message] = mailoutbox
    assert message.to == [address]
    assert "/accounts/password/reset/" in message.body


def test_look_alike_spellings_count_against_one_accounts_sign_in_limit(team, settings):
    settings.RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "3/15m"
    for number, spelling in enumerate(
        ["ol\u0131via@acme.test", "ol\u0130via@acme.test", "OLIVIA@acme.test"]
    ):
        response = Client(REMOTE_ADDR=f"203.0.113.{number}").post(
            reverse("accounts:signin"), {"username": spelling, "password": "wrong guess"}
        )
        assert response.status_code == 200

    response = sign_in_as(Client(), "olivia@acme.test", PASSWORD)

    assert response.status_code == 429
