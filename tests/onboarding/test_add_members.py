from django.core import mail
from django.urls import reverse

from members.models import Invitation
from miniprograms.models import MiniProgram
from onboarding.models import Onboarding
from tests.onboarding.conftest import choose, created_on_my_own, refused, wizard

URL = reverse("onboarding:add_members")


def invite(client, *, name="Dev One", email="dev1@example.com", role="developer", **extra):
    return client.post(URL, {"name": name, "email": email, "role": role, **extra}, follow=True)


def test_it_waits_for_the_mini_program_of_step_1(owner):
    choose(owner, "own")

    response = owner.get(URL)

    assert response.url == reverse("onboarding:basic_information")


def test_it_preselects_the_new_mini_program_for_a_developer(owner):
    created_on_my_own(owner)
    mini_program = MiniProgram.objects.get()

    page = owner.get(URL).content.decode()

    assert "Add members (Optional)" in page
    assert f'value="{mini_program.pk}"' in page
    assert page.count("checked") == 1
    assert ">Invite</button>" in page
    assert "Skip for now" in page


def test_invite_sends_the_invitation_and_opens_the_done_page(
    owner, newcomer, django_capture_on_commit_callbacks
):
    created_on_my_own(owner)
    mini_program = MiniProgram.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = invite(owner, mini_programs=[mini_program.pk])

    assert response.redirect_chain == [(reverse("onboarding:done"), 302)]
    invitation = Invitation.objects.get()
    assert invitation.email == "dev1@example.com"
    assert invitation.role == "developer"
    assert list(invitation.mini_programs.all()) == [mini_program]
    assert invitation.inviter == newcomer
    assert [message.to for message in mail.outbox] == [["dev1@example.com"]]
    assert wizard(newcomer).invited == [
        {"name": "Dev One", "email": "dev1@example.com", "role": "developer"}
    ]


def test_a_developer_without_a_mini_program_is_refused_with_the_values_kept(owner):
    created_on_my_own(owner)

    response = refused(invite(owner, name="Dev One", email="dev1@example.com"), URL)

    assert response.context["form"].errors["mini_programs"]
    page = response.content.decode()
    assert 'value="Dev One"' in page
    assert 'value="dev1@example.com"' in page
    assert not Invitation.objects.exists()


def test_inviting_a_current_member_is_refused_next_to_the_email(owner):
    created_on_my_own(owner)

    response = refused(invite(owner, name="Me", email="NINA@example.com", role="master"), URL)

    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_several_members_can_be_invited_one_after_another(owner, newcomer):
    created_on_my_own(owner)
    mini_program = MiniProgram.objects.get()

    invite(owner, mini_programs=[mini_program.pk])
    page = owner.get(URL)
    invite(owner, name="Master Two", email="master2@example.com", role="master")

    assert 'value="dev1@example.com"' not in page.content.decode()
    assert Invitation.objects.count() == 2
    assert [person["email"] for person in wizard(newcomer).invited] == [
        "dev1@example.com",
        "master2@example.com",
    ]


def test_what_is_typed_survives_a_reload(owner):
    created_on_my_own(owner)

    owner.post(
        URL,
        {"name": "Half", "email": "half@", "role": "master", "action": "draft", "revision": "0"},
    )
    page = owner.get(URL).content.decode()

    assert 'value="Half"' in page
    assert 'value="half@"' in page
    assert 'id="id_role_0" checked' in page


def test_a_draft_sent_after_the_invitation_is_not_shown_for_the_next_one(owner, newcomer):
    created_on_my_own(owner)
    page = owner.get(URL).content.decode()
    assert 'name="revision" value="0"' in page

    invite(owner, name="Max", email="max@example.com", role="master")
    owner.post(
        URL,
        {"name": "Max", "email": "max@example.com", "role": "master", "action": "draft"}
        | {"revision": "0"},
    )

    page = owner.get(URL).content.decode()
    assert 'value="max@example.com"' not in page
    assert 'name="revision" value="1"' in page
    assert "add_members" not in wizard(newcomer).drafts


def test_the_step_is_remembered(owner, newcomer):
    created_on_my_own(owner)
    owner.get(reverse("onboarding:done"))

    owner.get(URL)

    assert wizard(newcomer).step == Onboarding.Step.ADD_MEMBERS
