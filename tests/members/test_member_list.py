import pytest
from django import forms
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertInHTML

from core.models import ActivityEvent
from members.models import Invitation
from tests.members.helpers import invite
from tests.personas import make_member, make_mini_program


def test_the_owner_sees_members_and_the_invite_form(team, sign_in):
    response = sign_in(team.owner).get("/console/members/")

    assert response.status_code == 200
    assert b"dana@acme.test" in response.content
    assert b"Invite" in response.content


def test_a_developer_may_not_open_the_members_page(team, sign_in):
    assert sign_in(team.developer).get("/console/members/").status_code == 403


def test_the_owner_invites_a_master_and_the_email_goes_out(
    team, sign_in, django_capture_on_commit_callbacks
):
    client = sign_in(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, email="Ivy@Example.com")

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "ivy@example.com"
    assert invitation.delivery_status == Invitation.Delivery.SENT
    assert invitation.send_count == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ivy@example.com"]
    assert "Acme" in message.subject
    assert "http://testserver/invitations/" in message.body
    assert message.metadata == {"invitation_id": str(invitation.pk)}
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.INVITATION_SENT).exists()


def test_a_developer_invitation_needs_a_mini_program(team, sign_in):
    response = invite(sign_in(team.owner), role="developer")

    assert response.status_code == 200
    assert b"Choose at least one mini program for a Developer." in response.content
    assert b'value="ivy@example.com"' in response.content
    assert not Invitation.objects.exists()


def test_a_second_open_invitation_to_the_same_email_is_refused_ignoring_case(team, sign_in):
    client = sign_in(team.owner)
    invite(client, email="ivy@example.com")

    response = invite(client, email="IVY@EXAMPLE.COM", name="Ivy Again")

    assert response.status_code == 200
    assert b"already open. Resend it" in response.content
    assert Invitation.objects.count() == 1


def test_inviting_a_current_member_is_refused(team, sign_in):
    response = invite(sign_in(team.master), email="Dana@Acme.test")

    assert b"already a member of the workspace" in response.content
    assert not Invitation.objects.exists()


def test_nobody_is_invited_as_an_owner(team, sign_in):
    response = invite(sign_in(team.owner), role="owner")

    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not Invitation.objects.exists()


def test_a_master_invites_a_master(team, sign_in):
    response = invite(sign_in(team.master), role="master")

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.role == "master"
    assert invitation.inviter == team.master


def test_the_invitation_list_shows_status_and_delivery(team, send_invitation, sign_in):
    send_invitation(
        email="ivy@example.com", role="developer", mini_programs=[team.assigned_mini_program.pk]
    )

    page = sign_in(team.master).get("/console/members/").content.decode()

    assert "ivy@example.com" in page
    assert "Pending" in page
    assert "Sent" in page
    assert "Acme Rides" in page


def test_members_are_listed_fifty_to_a_page(team, sign_in):
    # Acme has three members already; 48 more make 51, one past the first page.
    for number in range(48):
        make_member(
            workspace=team.workspace,
            full_name=f"Member {number}",
            email=f"member{number}@acme.test",
            role="master",
        )
    client = sign_in(team.owner)

    first = client.get("/console/members/").content.decode()
    second = client.get("/console/members/", {"members_page": 2}).content.decode()

    assert "max@acme.test" in first
    assert "member46@acme.test" in first
    assert "member47@acme.test" not in first
    assert "?members_page=2" in first
    assert "member47@acme.test" in second
    assert "max@acme.test" not in second


@pytest.mark.parametrize(
    "posted",
    [
        {"mini_programs": "chosen"},  # re-shown checked after a bad email
        {},  # re-shown with "Choose at least one mini program"
    ],
)
def test_the_mini_program_checkboxes_read_as_django_writes_them(team, sign_in, posted):
    chosen = make_mini_program(
        workspace=team.workspace, name='Tom & Jerry "<Shop>"', creator=team.owner
    )
    data = {"name": "Dev", "email": "not-an-email", "role": "developer"}
    if posted:
        data["mini_programs"] = [chosen.pk]

    response = sign_in(team.owner).post("/console/members/", data)

    field = response.context["form"]["mini_programs"]
    django_writes = field.as_widget(
        widget=forms.CheckboxSelectMultiple(choices=field.field.widget.choices)
    )
    assert "Tom &amp; Jerry" in django_writes and "&lt;Shop&gt;" in django_writes
    assertInHTML(django_writes, response.text)


@pytest.fixture
def many_mini_programs(settings):
    """The team's workspace (two mini programs) counts as one with too many for checkboxes."""
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 1


def test_a_workspace_with_many_mini_programs_asks_for_app_ids(team, sign_in, many_mini_programs):
    html = sign_in(team.owner).get("/console/members/").text

    assert 'data-mini-program-search="/console/mini-programs/choices.json"' in html
    assert 'name="mini_programs" value=' not in html  # no checkbox per mini program
    assert "separated by spaces" in html


def test_a_developer_is_invited_by_app_ids(team, sign_in, many_mini_programs):
    rides, eats = team.assigned_mini_program, team.other_mini_program

    invite(sign_in(team.owner), role="developer", mini_programs=f"{rides.app_id}, {eats.app_id}")

    invitation = Invitation.objects.get(email="ivy@example.com")
    assert set(invitation.mini_programs.all()) == {rides, eats}


def test_an_app_id_outside_the_workspace_is_named_next_to_the_field(
    team, sign_in, many_mini_programs
):
    foreign = team.other_workspace_mini_program.app_id
    typed = f"{team.assigned_mini_program.app_id} {foreign}"

    response = invite(sign_in(team.owner), role="developer", mini_programs=typed)

    assert response.status_code == 200
    assert f"No mini program of this workspace has the App ID {foreign}." in response.text
    assert f'value="{typed}"' in response.text
    assert 'value="Ivy Invitee"' in response.text
    assert not Invitation.objects.filter(email="ivy@example.com").exists()


def count_members_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/console/members/").status_code == 200
    return len(queries)


def add_developers(team, count: int, *, first: int = 0) -> None:
    for number in range(first, first + count):
        developer = make_member(
            workspace=team.workspace,
            full_name=f"Developer {number}",
            email=f"developer{number}@acme.test",
            role="developer",
        )
        developer.assigned_mini_programs.add(team.assigned_mini_program, team.other_mini_program)


def test_the_members_page_costs_the_same_queries_for_5_and_50_members(team, sign_in):
    client = sign_in(team.owner)
    add_developers(team, 2)
    five_members = count_members_page_queries(client)

    add_developers(team, 45, first=2)
    fifty_members = count_members_page_queries(client)

    assert team.workspace.memberships.count() == 50
    assert five_members == fifty_members
    assert "Developer 44" in client.get("/console/members/").text


def count_uncached_members_page_queries(client, fragment_cache) -> int:
    fragment_cache.clear()
    return count_members_page_queries(client)


def test_the_members_page_costs_the_same_queries_whether_mini_programs_fit_the_checkboxes(
    team, sign_in, settings, fragment_cache
):
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 4
    client = sign_in(team.owner)
    client.get("/console/members/")
    as_checkboxes = count_uncached_members_page_queries(client, fragment_cache)
    assert 'type="checkbox"' in client.get("/console/members/").text

    for number in range(4):
        make_mini_program(workspace=team.workspace, name=f"Extra Program {number}")
    by_app_id = count_uncached_members_page_queries(client, fragment_cache)

    assert "data-mini-program-search" in client.get("/console/members/").text
    assert as_checkboxes == by_app_id


def test_a_cached_members_page_builds_no_invite_form(team, sign_in):
    client = sign_in(team.owner)
    client.get("/console/members/")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/console/members/")

    assert 'name="email"' in response.text
    assert not [query for query in queries if '"miniprograms_miniprogram"' in query["sql"]]


def _row_of(page: str, email: str) -> str:
    """The row of the Members page's tables for `email`."""
    cell = f'<td class="email">{email}</td>'
    return next(row for row in page.split("<tr>") if cell in row).split("</tr>")[0]


def test_each_member_s_row_offers_the_owner_the_actions_that_apply(team, sign_in):
    team.developer_membership.assigned_mini_programs.add(team.other_mini_program)
    page = sign_in(team.owner).get("/console/members/").text
    dana, max_, olivia = (_row_of(page, f"{name}@acme.test") for name in ("dana", "max", "olivia"))

    membership = team.developer_membership
    assert "Developer" in dana and "Active" in dana
    assert "Acme Eats, Acme Rides" in dana  # the newest assignment first
    assert f'href="/console/members/{membership.pk}/edit/"' in dana
    assert f'action="/console/members/{membership.pk}/block/"' in dana
    assert f'action="/console/members/{membership.pk}/remove/"' in dana
    assert "Transfer ownership" not in dana  # only a Master can become the Owner
    assert "Transfer ownership" in max_ and "All" in max_
    assert "<form" not in olivia  # nobody acts on the Owner


def test_a_blocked_member_s_row_offers_unblock(team, sign_in):
    team.developer_membership.status = "blocked"
    team.developer_membership.save()

    dana = _row_of(sign_in(team.owner).get("/console/members/").text, "dana@acme.test")

    assert "Blocked" in dana and "badge-danger" in dana
    assert f'action="/console/members/{team.developer_membership.pk}/unblock/"' in dana
    assert "/block/" not in dana


def test_a_master_sees_members_without_their_actions(team, sign_in):
    page = sign_in(team.master).get("/console/members/").text

    assert "dana@acme.test" in _row_of(page, "dana@acme.test")
    assert "/block/" not in page and "/remove/" not in page


def test_the_forms_in_the_rows_carry_a_working_csrf_token(team, send_invitation, client):
    """Each row's forms are drawn by Jinja2 with the token of the reader's CSRF cookie."""
    from django.test import Client

    invitation, _link = send_invitation(email="ivy@example.com", role="master")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(team.owner)
    row = _row_of(browser.get("/console/members/").text, "ivy@example.com")
    token = row.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = browser.post(
        f"/console/members/invitations/{invitation.pk}/withdraw/",
        {"csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_roles_and_statuses_read_in_each_readers_language(team, sign_in):
    client = sign_in(team.owner)
    english = client.get("/console/members/").text

    chinese = client.get("/console/members/", headers={"accept-language": "zh-hans"}).text

    assert "<td>Owner</td>" in english and ">Active</span>" in english
    assert "<td>所有者</td>" in chinese and ">有效</span>" in chinese
    assert "<td>Owner</td>" in client.get("/console/members/").text
