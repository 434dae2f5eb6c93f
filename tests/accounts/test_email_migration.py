"""The data migration that gives addresses saved under the old rule the one spelling."""

import importlib

from django.apps import apps
from django.test import Client
from django.urls import reverse

from accounts.models import User
from members.models import Invitation
from tests.members.helpers import invite
from tests.personas import PASSWORD, make_member

accounts_migration = importlib.import_module(
    "accounts.migrations.0003_one_spelling_of_email_addresses"
)
members_migration = importlib.import_module(
    "members.migrations.0003_one_spelling_of_email_addresses"
)


def test_an_address_saved_lower_cased_gets_the_one_spelling_and_signs_in(team):
    member = make_member(workspace=team.workspace, full_name="Ivy", email="x@x.test", role="master")
    # What `lower()` made of İnfo@: an i and a combining dot above.
    User.objects.filter(pk=member.user.pk).update(email="i\u0307nfo@example.com")

    accounts_migration.renormalize_emails(apps, None)

    assert User.objects.get(pk=member.user.pk).email == "info@example.com"
    response = Client().post(
        reverse("accounts:signin"), {"username": "info@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302


def test_an_address_whose_spelling_is_taken_is_left_for_an_administrator(team):
    make_member(workspace=team.workspace, full_name="Ivy", email="info@example.com", role="master")
    twin = make_member(workspace=team.workspace, full_name="Ivy", email="y@x.test", role="master")
    User.objects.filter(pk=twin.user.pk).update(email="\u0131nfo@example.com")

    accounts_migration.renormalize_emails(apps, None)

    assert User.objects.get(pk=twin.user.pk).email == "\u0131nfo@example.com"


def test_an_open_invitation_gets_the_one_spelling(sign_in, team):
    invite(sign_in(team.owner), email="ivy@example.com")
    Invitation.objects.update(email="\u017fales@example.com")

    members_migration.renormalize_emails(apps, None)

    assert Invitation.objects.get().email == "sales@example.com"
