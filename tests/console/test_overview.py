import importlib
import re

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from members.models import Invitation
from members.services import invitation_create
from miniprograms.models import MiniProgram
from releases import services
from tests.miniprograms.helpers import complete_program
from tests.personas import make_mini_program
from tests.releases.helpers import approved, make_reviewer, upload

URL = reverse("console:overview")
fill_counts = importlib.import_module(
    "miniprograms.migrations.0008_count_each_workspaces_mini_programs"
)


def stat(response, label):
    """The number shown on the Overview card with this label."""
    html = response.text
    label_at = html.index(f'<span class="stat-label">{label}</span>')
    value_at = html.rindex('<span class="stat-value">', 0, label_at)
    return int(html[value_at:label_at].split(">")[1].split("<")[0])


def test_it_shows_the_workspace_counts_to_the_owner(sign_in, team):
    response = sign_in(team.owner).get(URL)

    assert response.status_code == 200
    assert stat(response, "Mini programs") == 2
    assert stat(response, "Active members") == 3


def test_a_developer_counts_only_assigned_mini_programs(sign_in, team):
    response = sign_in(team.developer).get(URL)

    assert stat(response, "Mini programs") == 1


def test_it_hides_navigation_a_developer_may_not_use(sign_in, team):
    html = sign_in(team.developer).get(URL).text

    assert "Manage Mini Program" in html
    assert 'href="/console/members/"' not in html
    assert 'href="/console/activity/"' not in html
    assert 'href="/console/settings/"' not in html


def test_it_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))


def test_a_blocked_member_without_other_workspaces_is_told_so(sign_in, team):
    Membership.objects.filter(user=team.master).update(status=Membership.Status.BLOCKED)

    response = sign_in(team.master).get(URL, follow=True)

    assert response.redirect_chain[-1][0] == reverse("console:no_workspace")
    assert "You are not an active member of any workspace." in response.text


# The Overview as a to-do list (issue 15).


def section(response, heading_id):
    """The card labelled by the heading with this id, or "" when the page has none."""
    match = re.search(
        rf'<section class="card[^"]*" aria-labelledby="{heading_id}">.*?</section>',
        response.text,
        re.S,
    )
    return match[0] if match else ""


def invite(team, email, *, delivery=Invitation.Delivery.SENT):
    invitation = invitation_create(
        workspace=team.workspace, inviter=team.owner, name="Ivy", email=email, role="master"
    )
    Invitation.objects.filter(pk=invitation.pk).update(delivery_status=delivery)
    return invitation


def test_incomplete_mini_programs_are_listed_with_a_way_to_complete_them(sign_in, team):
    complete = complete_program(team, name="Acme Parking")

    todo = section(sign_in(team.owner).get(URL), "incomplete")

    assert "Acme Rides" in todo and "Acme Eats" in todo
    assert "Acme Parking" not in todo
    edit = reverse("miniprograms:edit", args=[team.other_mini_program.app_id])
    assert f'href="{edit}"' in todo
    assert complete.app_id not in todo


def test_a_developer_is_not_asked_to_complete_mini_programs(sign_in, team):
    assert section(sign_in(team.developer).get(URL), "incomplete") == ""


def test_a_long_list_shows_five_and_links_to_the_rest(sign_in, team):
    for number in range(6):
        make_mini_program(workspace=team.workspace, name=f"Acme Extra {number}")

    todo = section(sign_in(team.owner).get(URL), "incomplete")

    assert todo.count("<li>") == 5
    assert "and 3 more" in todo
    assert f'href="{reverse("miniprograms:list")}"' in todo


def test_a_list_longer_than_is_counted_says_there_are_more_than_that(sign_in, team, monkeypatch):
    monkeypatch.setattr("console.selectors.TODO_COUNT_LIMIT", 6)
    for number in range(6):
        make_mini_program(workspace=team.workspace, name=f"Acme Extra {number}")

    todo = section(sign_in(team.owner).get(URL), "incomplete")

    assert todo.count("<li>") == 5
    assert "and 1+ more" in todo


def test_pending_and_undelivered_invitations_are_listed_apart(sign_in, team):
    invite(team, "waiting@example.com")
    invite(team, "typo@exmaple.com", delivery=Invitation.Delivery.FAILED)
    invite(team, "bounced@example.com", delivery=Invitation.Delivery.BOUNCED)
    withdrawn = invite(team, "gone@example.com", delivery=Invitation.Delivery.FAILED)
    Invitation.objects.filter(pk=withdrawn.pk).update(withdrawn_at=withdrawn.created_at)
    response = sign_in(team.owner).get(URL)

    pending = section(response, "pending")
    undelivered = section(response, "undelivered")

    assert "waiting@example.com" in pending
    assert "typo@exmaple.com" not in pending
    assert "typo@exmaple.com" in undelivered and "Failed" in undelivered
    assert "bounced@example.com" in undelivered and "Bounced" in undelivered
    assert "gone@example.com" not in pending + undelivered
    assert "<time datetime=" in pending


def test_the_invitation_lists_count_every_invitation_they_do_not_show(sign_in, team):
    for number in range(7):
        invite(team, f"waiting{number}@example.com")
    for number in range(6):
        invite(team, f"typo{number}@exmaple.com", delivery=Invitation.Delivery.BOUNCED)
    response = sign_in(team.owner).get(URL)

    pending = section(response, "pending")
    undelivered = section(response, "undelivered")

    assert pending.count("<li>") == 5 and "and 2 more" in pending
    assert undelivered.count("<li>") == 5 and "and 1 more" in undelivered


def test_a_developer_sees_no_invitations(sign_in, team):
    invite(team, "typo@exmaple.com", delivery=Invitation.Delivery.FAILED)

    response = sign_in(team.developer).get(URL)

    assert section(response, "undelivered") == ""
    assert "typo@exmaple.com" not in response.text


def test_a_reviewer_sees_the_versions_waiting_for_review(sign_in, team):
    program = complete_program(team, name="Acme Parking")
    version = upload(program, team.owner, "3.1.0")
    services.version_apply_for_release(version=version, actor=team.owner)
    reviewer = make_reviewer()
    Membership.objects.create(user=reviewer, workspace=team.other_workspace, role="master")

    todo = section(sign_in(reviewer).get(URL), "to-review")

    assert "Acme Parking" in todo and "3.1.0" in todo
    assert f'href="{reverse("reviews:review", args=[version.pk])}"' in todo


def test_the_team_sees_approved_versions_waiting_to_go_live(sign_in, team):
    program = complete_program(team, name="Acme Parking")
    approved(program, team.owner, make_reviewer(), "2.0.0")

    waiting = section(sign_in(team.owner).get(URL), "waiting")

    assert "2.0.0" in waiting and "Release Preparation" in waiting
    assert section(sign_in(team.owner).get(URL), "to-review") == ""


def test_the_ten_latest_activity_rows_are_shown_with_a_link_to_the_rest(sign_in, team):
    for number in range(12):
        invite(team, f"person{number}@example.com")

    recent = section(sign_in(team.owner).get(URL), "recent-activity")

    assert recent.count("<li>") == 10
    assert "person11@example.com" in recent
    assert "person1@example.com" not in recent
    assert f'href="{reverse("console:activity")}"' in recent


def test_a_developer_sees_no_activity(sign_in, team):
    assert section(sign_in(team.developer).get(URL), "recent-activity") == ""


def test_an_empty_workspace_offers_to_create_a_mini_program_and_invite_someone(sign_in, team):
    MiniProgram.objects.filter(workspace=team.other_workspace).delete()

    response = sign_in(team.outsider).get(URL)

    no_programs = section(response, "no-mini-programs")
    assert "No mini programs yet" in no_programs
    assert f'href="{reverse("miniprograms:create")}"' in no_programs
    assert "Create Mini Program" in no_programs
    no_members = section(response, "no-members")
    assert f'href="{reverse("members:list")}#invite-heading"' in no_members
    assert "Invite a member" in no_members


def test_a_developer_without_mini_programs_is_told_who_can_assign_one(sign_in, team):
    team.developer_membership.assigned_mini_programs.clear()

    no_programs = section(sign_in(team.developer).get(URL), "no-mini-programs")

    assert "The Owner or a Master can assign one." in no_programs
    assert reverse("miniprograms:create") not in no_programs


def test_no_empty_state_shows_once_there_is_something(sign_in, team):
    response = sign_in(team.owner).get(URL)

    assert section(response, "no-mini-programs") == ""
    assert section(response, "no-members") == ""


def queries_for_overview(client):
    client.get(URL)  # caches the shell's fragments, as for any visitor after the first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_queries_however_much_there_is(sign_in, team):
    reviewer = make_reviewer()
    Membership.objects.create(user=reviewer, workspace=team.workspace, role="master")
    client = sign_in(reviewer)

    def add(round_number, count):
        for number in range(count):
            make_mini_program(workspace=team.workspace, name=f"Acme R{round_number} {number}")
            invite(team, f"w{round_number}-{number}@example.com")
            invite(
                team, f"f{round_number}-{number}@example.com", delivery=Invitation.Delivery.FAILED
            )
            program = complete_program(team, name=f"Acme Parking {round_number}{number}")
            version = upload(program, team.owner)
            services.version_apply_for_release(version=version, actor=team.owner)

    add(1, count=1)
    one_each = queries_for_overview(client)
    add(2, count=5)
    every_list_full = queries_for_overview(client)
    add(3, count=6)
    many = queries_for_overview(client)

    assert every_list_full == many
    # A list shorter than its five rows is counted by those rows alone.
    assert one_each < every_list_full


def test_the_mini_program_count_follows_every_way_one_is_created_or_deleted(sign_in, team):
    client = sign_in(team.owner)
    before = stat(client.get(URL), "Mini programs")

    made = [make_mini_program(workspace=team.workspace, name=f"Counted {n}") for n in range(3)]
    assert stat(client.get(URL), "Mini programs") == before + 3

    made[0].delete()
    MiniProgram.objects.filter(pk__in=[made[1].pk, made[2].pk]).delete()
    assert stat(client.get(URL), "Mini programs") == before
    assert before == MiniProgram.objects.filter(workspace=team.workspace).count()


def test_the_owner_s_overview_counts_mini_programs_without_reading_them(sign_in, team):
    with CaptureQueriesContext(connection) as queries:
        response = sign_in(team.owner).get(URL)

    assert stat(response, "Mini programs") == 2
    counts = [
        q for q in queries if 'COUNT(*) AS "__count" FROM "miniprograms_miniprogram"' in q["sql"]
    ]
    assert counts == []


def test_the_count_of_mini_programs_made_before_it_was_kept_is_filled_in(sign_in, team):
    team.workspace.__class__.objects.update(mini_program_count=0)

    fill_counts.count_mini_programs(apps, None)

    assert stat(sign_in(team.owner).get(URL), "Mini programs") == 2
