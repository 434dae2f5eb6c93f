"""Enter Console, on the done page."""

from django.urls import reverse

from core.models import ActivityEvent
from onboarding.models import Onboarding
from tests.onboarding.conftest import created_on_my_own, wizard

URL = reverse("onboarding:finish")


def test_enter_console_finishes_the_wizard(owner, newcomer):
    created_on_my_own(owner)

    response = owner.post(URL)

    assert response.url == reverse("console:overview")
    onboarding = wizard(newcomer)
    assert onboarding.status == Onboarding.Status.FINISHED
    assert onboarding.finished_at is not None
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.ONBOARDING_FINISHED)
    assert event.actor == newcomer
    assert event.after["path"] == "own"


def test_a_finished_wizard_leaves_no_banner_and_no_way_back(owner):
    created_on_my_own(owner)
    owner.post(URL)

    assert "Finish setting up" not in owner.get(reverse("console:overview")).content.decode()
    for name in ("start", "resume", "basic_information", "add_members", "done"):
        assert owner.get(reverse(f"onboarding:{name}")).url == reverse("console:overview")


def test_enter_console_needs_a_post(owner):
    created_on_my_own(owner)

    assert owner.get(URL).status_code == 405
