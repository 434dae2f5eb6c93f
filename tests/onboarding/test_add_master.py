from django.urls import reverse

from members.models import Invitation
from onboarding.models import Onboarding
from tests.onboarding.conftest import choose, refused, wizard

URL = reverse("onboarding:add_master")


def test_it_waits_for_the_choice_on_the_start_page(owner):
    assert owner.get(URL).url == reverse("onboarding:start")


def test_it_asks_only_for_name_and_email(owner):
    choose(owner, "master")

    response = owner.get(URL)

    assert list(response.context["form"].fields) == ["name", "email"]
    assert ">Invite</button>" in response.content.decode()


def test_invite_sends_a_master_invitation_and_opens_the_done_page(owner, newcomer):
    choose(owner, "master")

    response = owner.post(URL, {"name": "Max Master", "email": "Max@Example.com"})

    assert response.url == reverse("onboarding:done")
    invitation = Invitation.objects.get()
    assert invitation.role == "master"
    assert invitation.email == "max@example.com"
    assert wizard(newcomer).step == Onboarding.Step.DONE


def test_a_bad_email_is_refused_with_the_name_kept(owner):
    choose(owner, "master")

    response = refused(owner.post(URL, {"name": "Max Master", "email": "max@"}, follow=True), URL)

    assert response.context["form"].errors["email"]
    assert 'value="Max Master"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_second_invitation_to_the_same_email_is_refused(owner):
    choose(owner, "master")
    owner.post(URL, {"name": "Max Master", "email": "max@example.com"})

    response = owner.post(URL, {"name": "Max Again", "email": "MAX@example.com"}, follow=True)

    refused(response, URL)
    assert response.context["form"].errors["email"]
    assert Invitation.objects.count() == 1
    reloaded = owner.get(URL)
    assert reloaded.context["form"].errors["email"] == response.context["form"].errors["email"]
