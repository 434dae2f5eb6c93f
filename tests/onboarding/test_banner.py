"""The "Finish setting up" banner in the console's shell."""

from django.urls import reverse

from tests.onboarding.conftest import choose, created_on_my_own

CONSOLE = reverse("console:overview")


def test_an_owner_who_left_the_wizard_half_way_sees_the_banner(owner):
    created_on_my_own(owner)

    page = owner.get(CONSOLE).content.decode()

    assert "Finish setting up" in page
    assert f'href="{reverse("onboarding:resume")}"' in page


def test_the_wizard_pages_do_not_show_it(owner):
    created_on_my_own(owner)

    assert "Finish setting up" not in owner.get(reverse("onboarding:add_members")).content.decode()


def test_a_master_of_that_workspace_does_not_see_it(sign_in, team):
    sign_in(team.owner).post(reverse("onboarding:start"), {"choice": "skip"})

    page = sign_in(team.master).get(CONSOLE).content.decode()

    assert "Finish setting up" not in page


def test_an_owner_who_never_opened_the_wizard_does_not_see_it(sign_in, team):
    assert "Finish setting up" not in sign_in(team.owner).get(CONSOLE).content.decode()


def test_an_owner_who_skipped_sees_it(owner):
    choose(owner, "skip")

    assert "Finish setting up" in owner.get(CONSOLE).content.decode()
