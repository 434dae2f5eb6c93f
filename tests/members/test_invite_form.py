"""The invite form and its email, as the Owner meets them."""

from django.core import mail

from tests.members.helpers import invite
from tests.personas import make_owner


def test_an_apostrophe_in_the_workspace_name_reaches_the_subject_as_an_apostrophe(
    team, sign_in, django_capture_on_commit_callbacks
):
    team.workspace.name = "Olivia's workspace"
    team.workspace.save(update_fields=["name"])

    with django_capture_on_commit_callbacks(execute=True):
        invite(sign_in(team.owner))

    subject = mail.outbox[-1].subject
    assert subject == "You are invited to join Olivia's workspace on Mini Program Console"
    assert "&#x27;" not in subject


def test_the_mini_programs_box_of_a_workspace_without_any_says_how_to_get_one(sign_in, db):
    owner = make_owner(full_name="Nina New", email="nina@new.test", workspace_name="New")

    response = sign_in(owner).get("/console/members/")

    assert "This workspace has no mini programs yet." in response.text
    assert 'href="/console/mini-programs/new/"' in response.text


def test_role_and_mini_programs_are_fieldsets_with_a_legend(sign_in, team):
    response = sign_in(team.owner).get("/console/members/")

    assert response.text.count("<legend") >= 2
    assert "Role:</legend>" in response.text
