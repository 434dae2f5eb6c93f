import pytest
from django.db import IntegrityError, transaction

from accounts.models import Membership, User


def test_it_allows_one_owner_per_workspace(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(user=team.master).update(role=Membership.Role.OWNER)


def test_it_rejects_duplicate_membership(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=team.master, workspace=team.workspace, role=Membership.Role.DEVELOPER
        )


def test_it_rejects_an_email_that_differs_only_in_case(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="MAX@acme.test", password="x", full_name="Max Again")


def test_it_refuses_to_block_the_owner(team):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(user=team.owner).update(status=Membership.Status.BLOCKED)
