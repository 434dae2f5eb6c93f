from django.urls import reverse

from tests.onboarding.conftest import choose, created_on_my_own

URL = reverse("onboarding:done")


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
