from django.urls import reverse

from core.models import ActivityEvent
from onboarding.models import Onboarding
from tests.onboarding.conftest import choose, wizard

URL = reverse("onboarding:start")


def test_it_offers_the_three_choices_to_a_new_owner(owner):
    response = owner.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Create on my own" in page
    assert "Invite the Master to create one" in page
    assert "Skip for now" in page


def test_it_is_never_served_from_the_browser_cache(owner):
    response = owner.get(URL)

    assert "no-store" in response["Cache-Control"]


def test_create_on_my_own_leads_to_step_1(owner, newcomer):
    response = choose(owner, "own")

    assert response.url == reverse("onboarding:basic_information")
    assert wizard(newcomer).path == Onboarding.Path.OWN
    assert wizard(newcomer).step == Onboarding.Step.BASIC_INFORMATION


def test_invite_the_master_leads_to_add_a_master(owner, newcomer):
    response = choose(owner, "master")

    assert response.url == reverse("onboarding:add_master")
    assert wizard(newcomer).path == Onboarding.Path.MASTER


def test_skip_for_now_goes_to_the_console_and_records_it(owner, newcomer):
    response = choose(owner, "skip")

    assert response.url == reverse("console:overview")
    assert wizard(newcomer).status == Onboarding.Status.SKIPPED
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.ONBOARDING_SKIPPED)
    assert event.actor == newcomer


def test_the_console_shows_the_banner_after_skipping(owner):
    choose(owner, "skip")

    response = owner.get(reverse("console:overview"))

    assert "Finish setting up" in response.content.decode()
    assert reverse("onboarding:resume") in response.content.decode()


def test_an_unknown_choice_changes_nothing(owner, newcomer):
    response = choose(owner, "everything")

    assert response.status_code == 200
    assert wizard(newcomer).path == ""
    assert wizard(newcomer).status == Onboarding.Status.IN_PROGRESS


def test_it_forbids_a_master(sign_in, team):
    assert sign_in(team.master).get(URL).status_code == 403


def test_it_forbids_a_developer(sign_in, team):
    assert sign_in(team.developer).get(URL).status_code == 403


def test_it_sends_a_visitor_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))


def test_a_finished_wizard_does_not_come_back(owner, newcomer):
    choose(owner, "own")
    Onboarding.objects.filter(workspace=wizard(newcomer).workspace).update(
        status=Onboarding.Status.FINISHED, finished_at="2026-01-01T00:00:00Z"
    )

    response = owner.get(URL)

    assert response.url == reverse("console:overview")
