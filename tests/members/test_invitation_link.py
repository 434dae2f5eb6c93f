from datetime import timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import Membership, User
from accounts.selectors import SESSION_WORKSPACE_KEY
from core.models import ActivityEvent
from members.models import Invitation
from tests.members.helpers import mailed_link


def open_link(client, link):
    """Follows the mailed link like a browser: the token goes into the session, the page
    comes from a token-free address."""
    response = client.get(link)
    assert response.status_code == 302
    assert response.url == "/invitations/"
    return client.get("/invitations/")


def test_the_link_moves_the_token_out_of_the_address_and_shows_the_invitation(
    team, send_invitation
):
    invitation, link = send_invitation(role="developer", mini_programs=[team.other_mini_program.pk])

    response = open_link(Client(), link)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Acme" in content
    assert "Developer" in content
    assert "Olivia Owner" in content
    assert "Acme Eats" in content
    assert link.split("/")[2] not in content
    assert invitation.token_hash not in content


def test_a_new_visitor_who_signs_up_with_the_invited_email_joins_at_once(team, send_invitation):
    invitation, link = send_invitation(
        email="ivy@example.com", role="developer", mini_programs=[team.other_mini_program.pk]
    )
    client = Client()
    open_link(client, link)

    response = client.post(
        "/invitations/sign-up/",
        {"full_name": "Ivy Invitee", "password": "a long enough passphrase 7", "email": "x@evil"},
    )

    assert response.status_code == 302
    assert response.url == "/console/"
    user = User.objects.get(email="ivy@example.com")
    membership = user.memberships.get()
    assert membership.workspace == team.workspace
    assert membership.role == Membership.Role.DEVELOPER
    assert list(membership.assigned_mini_programs.all()) == [team.other_mini_program]
    assert client.session[SESSION_WORKSPACE_KEY] == team.workspace.pk
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.INVITATION_ACCEPTED).exists()


def test_a_get_never_accepts(team, send_invitation):
    invitation, link = send_invitation(email="oscar@globex.test")
    client = Client()
    client.force_login(team.outsider)

    open_link(client, link)
    client.get("/invitations/accept/")

    assert not team.outsider.memberships.filter(workspace=team.workspace).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_existing_account_signs_in_and_joins_a_second_workspace(team, send_invitation):
    _, link = send_invitation(email="Oscar@Globex.test", role="master")
    client = Client()
    page = open_link(client, link)
    assert b"Sign in to accept" in page.content

    client.force_login(team.outsider)
    client.post("/invitations/accept/")

    assert team.outsider.memberships.get(workspace=team.workspace).role == Membership.Role.MASTER


def test_a_visitor_signed_in_under_another_email_is_told_and_nothing_changes(team, send_invitation):
    invitation, link = send_invitation(email="ivy@example.com")
    client = Client()
    client.force_login(team.outsider)

    page = open_link(client, link)
    assert "You are signed in as oscar@globex.test" in page.content.decode()
    assert b"Accept invitation" not in page.content
    client.post("/invitations/accept/")

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING
    assert not team.outsider.memberships.filter(workspace=team.workspace).exists()
    assert not User.objects.filter(email="ivy@example.com").exists()


def test_an_expired_link_gets_its_own_page_and_a_resent_one_is_accepted(
    team, send_invitation, sign_in, django_capture_on_commit_callbacks
):
    invitation, old_link = send_invitation(email="oscar@globex.test")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    visitor = Client()
    visitor.force_login(team.outsider)

    page = open_link(visitor, old_link)
    assert page.status_code == 410
    assert b"This invitation has expired" in page.content
    assert b"Expired" in sign_in(team.owner).get("/console/members/").content

    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.owner).post(f"/console/members/invitations/{invitation.pk}/resend/")
    new_link = mailed_link()
    assert new_link != old_link

    assert open_link(visitor, old_link).status_code == 404
    open_link(visitor, new_link)
    visitor.post("/invitations/accept/")
    assert team.outsider.memberships.filter(workspace=team.workspace).exists()


def test_after_a_resend_the_old_link_is_dead(
    team, send_invitation, sign_in, django_capture_on_commit_callbacks
):
    invitation, old_link = send_invitation()
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(team.master).post(f"/console/members/invitations/{invitation.pk}/resend/")

    page = open_link(Client(), old_link)

    assert page.status_code == 404
    assert b"This invitation link is not valid" in page.content
    invitation.refresh_from_db()
    assert invitation.send_count == 2


def test_a_withdrawn_link_gets_its_own_page(team, send_invitation, sign_in):
    invitation, link = send_invitation()
    sign_in(team.owner).post(f"/console/members/invitations/{invitation.pk}/withdraw/")

    page = open_link(Client(), link)

    assert page.status_code == 410
    assert b"This invitation was withdrawn" in page.content


def test_a_used_link_gets_its_own_page(team, send_invitation):
    _, link = send_invitation(email="oscar@globex.test")
    client = Client()
    client.force_login(team.outsider)
    open_link(client, link)
    client.post("/invitations/accept/")

    page = open_link(Client(), link)

    assert page.status_code == 410
    assert b"This invitation has already been used" in page.content


def test_acceptance_rechecks_that_the_inviter_may_still_invite(team, send_invitation, sign_in):
    _, link = send_invitation(inviter=team.master, email="oscar@globex.test")
    team.workspace.memberships.filter(user=team.master).update(status=Membership.Status.BLOCKED)
    client = Client()
    client.force_login(team.outsider)
    open_link(client, link)

    response = client.post("/invitations/accept/")

    assert response.status_code == 410
    assert b"no longer valid" in response.content
    assert not team.outsider.memberships.filter(workspace=team.workspace).exists()


def test_a_sign_up_with_a_weak_password_keeps_the_name_and_creates_nothing(team, send_invitation):
    _, link = send_invitation(email="ivy@example.com")
    client = Client()
    open_link(client, link)

    response = client.post(
        "/invitations/sign-up/", {"full_name": "Ivy Invitee", "password": "ivy@example.com"}
    )

    assert response.status_code == 200
    assert b'value="Ivy Invitee"' in response.content
    assert b"errorlist" in response.content
    assert not User.objects.filter(email="ivy@example.com").exists()


def test_an_existing_account_signs_in_from_the_invitation_page_and_comes_back(
    team, send_invitation, password
):
    _, link = send_invitation(email="oscar@globex.test")
    client = Client()
    page = open_link(client, link)
    assert b"/accounts/signin/?next=/invitations/" in page.content
    assert b"Create your account" not in page.content

    response = client.post(
        "/accounts/signin/?next=/invitations/",
        {"username": "oscar@globex.test", "password": password, "next": "/invitations/"},
    )

    assert response.status_code == 302
    assert response.url == "/invitations/"
    assert b"Accept invitation" in client.get("/invitations/").content
