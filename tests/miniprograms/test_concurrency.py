"""Two requests racing for the last Alipay China place or the same name: exactly one wins."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from miniprograms.models import MiniProgram
from miniprograms.services import mini_program_create_basic
from tests.personas import make_owner


def race(*calls):
    start = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(sorted(error.error_dict))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def owner_and_workspace(name, email):
    owner = make_owner(full_name=name, email=email, workspace_name=name)
    return owner, owner.memberships.get().workspace


@pytest.mark.django_db(transaction=True)
def test_two_creates_cannot_both_take_the_last_alipay_china_place(settings):
    settings.ALIPAY_CHINA_QUOTA = 1
    owner, workspace = owner_and_workspace("Olivia Owner", "olivia@acme.test")

    def create(name):
        return lambda: mini_program_create_basic(
            workspace=workspace,
            creator=owner,
            name=name,
            default_language="zh-Hans",
            release_to_alipay_china=True,
        )

    outcomes = race(create("Acme One"), create("Acme Two"))

    assert sorted(map(str, outcomes)) == ["['release_to_alipay_china']", "created"]
    assert MiniProgram.objects.filter(release_to_alipay_china=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workspaces_cannot_both_take_one_name():
    first = owner_and_workspace("Olivia Owner", "olivia@acme.test")
    second = owner_and_workspace("Oscar Outsider", "oscar@globex.test")

    def create(owner, workspace, name):
        return lambda: mini_program_create_basic(
            workspace=workspace,
            creator=owner,
            name=name,
            default_language="en",
            release_to_alipay_china=False,
        )

    outcomes = race(create(*first, "Shared Name"), create(*second, "SHARED name"))

    assert sorted(map(str, outcomes)) == ["['name']", "created"]
    assert MiniProgram.objects.count() == 1
