from django.urls import reverse

from console.models import ActivityEvent
from onboarding.models import Onboarding
from tests.onboarding.conftest import choose, created_on_my_own, wizard

URL = reverse("onboarding:done")
FINISH = reverse("onboarding:finish")


def test_it_waits_for_the_mini_program(owner):
    choose(owner, "own")

    assert owner.get(URL).url == reverse("onboarding:basic_information")


def test_it_says_the_mini_program_is_created_and_incomplete(owner):
    created_on_my_own(owner, name="Nina Rides")

    page = owner.get(URL).content.decode()

    assert "Now you have finished creating a mini program." in page
    assert "Nina Rides" in page
    assert "Incomplete" in page
    assert ">Enter Console</button>" in page


def test_the_master_path_says_the_master_creates_the_mini_program(owner):
    choose(owner, "master")
    owner.post(reverse("onboarding:add_master"), {"name": "Max", "email": "max@example.com"})

    page = owner.get(URL).content.decode()

    assert "After the Master accepts it" in page
    assert "max@example.com" in page


def test_the_master_path_waits_for_an_invitation(owner):
    choose(owner, "master")

    assert owner.get(URL).url == reverse("onboarding:add_master")


def test_enter_console_finishes_the_wizard(owner, newcomer):
    created_on_my_own(owner)

    response = owner.post(FINISH)

    assert response.url == reverse("console:overview")
    onboarding = wizard(newcomer)
    assert onboarding.status == Onboarding.Status.FINISHED
    assert onboarding.finished_at is not None
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.ONBOARDING_FINISHED)
    assert event.actor == newcomer
    assert event.after["path"] == "own"


def test_a_finished_wizard_leaves_no_banner_and_no_way_back(owner):
    created_on_my_own(owner)
    owner.post(FINISH)

    assert "Finish setting up" not in owner.get(reverse("console:overview")).content.decode()
    for name in ("start", "resume", "basic_information", "add_members", "done"):
        assert owner.get(reverse(f"onboarding:{name}")).url == reverse("console:overview")


def test_enter_console_needs_a_post(owner):
    created_on_my_own(owner)

    assert owner.get(FINISH).status_code == 405
