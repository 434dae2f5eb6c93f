from django.test import Client
from django.urls import reverse

from miniprograms.models import MiniProgram
from tests.onboarding.conftest import choose, created_on_my_own

URL = reverse("onboarding:resume")


def test_it_opens_the_step_last_shown_even_after_signing_out_and_in(owner, newcomer, password):
    created_on_my_own(owner)
    owner.post(reverse("accounts:signout"))

    again = Client()
    again.post(reverse("accounts:signin"), {"username": "nina@example.com", "password": password})
    response = again.get(URL)

    assert response.url == reverse("onboarding:add_members")


def test_it_opens_step_1_when_the_owner_went_back_to_it(owner):
    created_on_my_own(owner)
    owner.get(reverse("onboarding:basic_information"))

    assert owner.get(URL).url == reverse("onboarding:basic_information")


def test_a_skipped_wizard_resumes_on_the_start_page(owner):
    choose(owner, "skip")

    assert owner.get(URL).url == reverse("onboarding:start")


def test_it_starts_step_1_again_when_its_mini_program_was_deleted(owner):
    created_on_my_own(owner)
    MiniProgram.objects.all().delete()

    assert owner.get(URL).url == reverse("onboarding:basic_information")


def test_it_forbids_a_developer(sign_in, team):
    assert sign_in(team.developer).get(URL).status_code == 403
