"""The Overview, a mini program's page, Members, Activity and the empty mini program forms are
cached under the workspace's content version (a mini program's page and edit form under its own
page version and the workspace's shared one): a second view reads nothing the cache holds, and
any change shows on the very next view, however it was written."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from members.models import Invitation
from members.services import invitation_create, invitation_record_delivery, member_block
from miniprograms.models import Industry, Listing, MiniProgram
from miniprograms.services import mini_program_update_basic
from releases.models import OfflineMiniProgram, Version
from tests.releases.helpers import upload

OVERVIEW = reverse("console:overview")
MEMBERS = reverse("members:list")
ACTIVITY = reverse("console:activity")


def detail(mini_program) -> str:
    return reverse("miniprograms:detail", args=[mini_program.app_id])


def queries_reading(client, url, table: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries if table in query["sql"]]


def invite(team, email="ivy@acme.test") -> Invitation:
    return invitation_create(
        workspace=team.workspace, inviter=team.owner, name="Ivy Invitee", email=email, role="master"
    )


# The first expiry among pending invitations, read for the key of the Overview and Members.
EXPIRY_KEY = 'SELECT "members_invitation"."expires_at" AS "expires_at"'


@pytest.mark.parametrize("url", [OVERVIEW, MEMBERS, ACTIVITY])
def test_a_page_seen_before_is_drawn_from_the_cache(sign_in, team, url):
    invite(team)
    client = sign_in(team.owner)

    assert queries_reading(client, url, "members_invitation")
    again = queries_reading(client, url, "members_invitation")
    assert [query for query in again if not query.startswith(EXPIRY_KEY)] == []
    assert queries_reading(client, url, "core_activityevent") == []
    assert "Ivy Invitee" in client.get(url).text


def test_a_mini_program_page_seen_before_reads_no_versions_or_activity(sign_in, team):
    client = sign_in(team.owner)
    url = detail(team.assigned_mini_program)

    assert queries_reading(client, url, "releases_version")
    assert queries_reading(client, url, "releases_version") == []
    assert queries_reading(client, url, "core_activityevent") == []
    assert "Dana Developer" in client.get(url).text


def test_a_mini_program_page_shows_a_rename_at_once(sign_in, team):
    client = sign_in(team.owner)
    url = detail(team.assigned_mini_program)
    client.get(url)

    rename(team.assigned_mini_program, team.owner, "Acme Scooters")

    assert "Acme Scooters" in client.get(url).text


def rename(mini_program, actor, name):
    mini_program_update_basic(
        mini_program=mini_program,
        actor=actor,
        name=name,
        default_language=mini_program.default_language,
        release_to_alipay_china=False,
    )


@pytest.mark.parametrize("since", ["changed", "migrated"])
def test_a_change_to_another_mini_program_leaves_a_mini_program_page_in_the_cache(
    sign_in, team, since
):
    if since == "migrated":
        # Not changed since the page version's column came (or bulk-inserted): it is empty.
        MiniProgram.objects.filter(pk=team.assigned_mini_program.pk).update(page_version=None)
    client = sign_in(team.owner)
    url, edit = detail(team.assigned_mini_program), f"{detail(team.assigned_mini_program)}edit/"
    client.get(url), client.get(edit)

    rename(team.other_mini_program, team.owner, "Acme Groceries")

    assert queries_reading(client, url, "releases_version") == []
    assert queries_reading(client, edit, 'FROM "miniprograms_industry"') == []
    assert "Acme Groceries" in client.get(detail(team.other_mini_program)).text


def test_a_mini_program_page_shows_at_once_what_the_admin_writes_without_activity(sign_in, team):
    mini_program = team.assigned_mini_program
    version = upload(mini_program, team.owner)
    client = sign_in(team.owner)
    url = detail(mini_program)
    assert "New Version Created" in client.get(url).text

    Listing.objects.create(mini_program=mini_program, language="fr", name="Acme Trajets")
    assert "Acme Trajets" in client.get(url).text

    version.status = Version.Status.CANCELED
    version.save()
    assert "Canceled" in client.get(url).text

    OfflineMiniProgram.objects.create(mini_program=mini_program)
    assert "This mini program is Offline" in client.get(url).text

    mini_program.customer_service_email = "help@acme.test"
    mini_program.save(update_fields=["customer_service_email"])
    assert "help@acme.test" in client.get(url).text


def test_a_mini_program_page_shows_developers_assigned_from_either_side_at_once(sign_in, team):
    client = sign_in(team.owner)
    other = detail(team.other_mini_program)
    developers = 'id="developers"'
    assert "Dana Developer" not in client.get(other).text.split(developers)[1]

    team.other_mini_program.developers.add(team.developer_membership)
    assert "Dana Developer" in client.get(other).text.split(developers)[1]

    team.developer_membership.assigned_mini_programs.remove(team.other_mini_program)
    assert "Dana Developer" not in client.get(other).text.split(developers)[1]

    assigned = detail(team.assigned_mini_program)
    assert "Dana Developer" in client.get(assigned).text.split(developers)[1]
    team.developer_membership.assigned_mini_programs.clear()
    assert "Dana Developer" not in client.get(assigned).text.split(developers)[1]


def test_a_mini_program_page_shows_its_creators_new_name_at_once(sign_in, team):
    """A creator who is no member and never acted in the workspace: only the mini programs they
    created show them."""
    outsider = User.objects.create_user(email="otto@outside.test", full_name="Otto Outsider")
    team.assigned_mini_program.creator = outsider
    team.assigned_mini_program.save()
    client = sign_in(team.owner)
    url = detail(team.assigned_mini_program)
    assert "Otto Outsider" in client.get(url).text

    outsider.full_name = "Otto Renamed"
    outsider.save()

    assert "Otto Renamed" in client.get(url).text


def test_a_mini_program_page_shows_its_developer_blocked_at_once(sign_in, team):
    client = sign_in(team.owner)
    url = detail(team.assigned_mini_program)
    assert "badge-danger" not in client.get(url).text.split('id="developers"')[1]

    member_block(membership=team.developer_membership, actor=team.owner)

    assert "Blocked" in client.get(url).text.split('id="developers"')[1]


def test_a_mini_program_page_shows_a_developers_new_name_at_once(sign_in, team):
    client = sign_in(team.owner)
    url = detail(team.assigned_mini_program)
    client.get(url)

    team.developer.full_name = "Dana Renamed"
    team.developer.save()

    assert "Dana Renamed" in client.get(url).text


def test_a_developer_never_gets_the_page_the_owner_saw(sign_in, team):
    url = detail(team.assigned_mini_program)
    assert "Delete</a>" in sign_in(team.owner).get(url).text

    assert "Delete</a>" not in sign_in(team.developer).get(url).text


def test_each_browser_gets_a_token_that_works_for_it(team):
    """The page's forms carry a CSRF token, so a cached page is kept per CSRF secret."""
    url = detail(team.assigned_mini_program)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(team.owner)
    first.get(url)

    html = second.get(url).text
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = second.post(reverse("console:switch_workspace"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_the_overview_counts_a_new_invitation_at_once(sign_in, team):
    client = sign_in(team.owner)
    client.get(OVERVIEW)

    invite(team)

    html = client.get(OVERVIEW).text
    assert "Ivy Invitee" in html
    assert 'stat-value">1</span><span class="stat-label">Pending invitations' in html


def test_the_overview_drops_an_invitation_the_moment_it_expires(sign_in, team):
    invitation = invite(team)
    client = sign_in(team.owner)
    assert "Invitations waiting for an answer" in client.get(OVERVIEW).text

    # Time passing writes nothing: the expiry is moved back without a signal.
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert "Invitations waiting for an answer" not in client.get(OVERVIEW).text


def test_the_overview_shows_an_undelivered_invitation_at_once(sign_in, team):
    invitation = invite(team)
    client = sign_in(team.owner)
    assert "Invitations not delivered" not in client.get(OVERVIEW).text

    invitation_record_delivery(
        invitation_id=invitation.pk, recipient=invitation.email, status="bounced", error="550"
    )

    assert "Invitations not delivered" in client.get(OVERVIEW).text


def test_members_shows_a_delivery_and_an_expiry_at_once(sign_in, team):
    invitation = invite(team)
    client = sign_in(team.owner)
    assert "Bounced" not in client.get(MEMBERS).text

    invitation_record_delivery(
        invitation_id=invitation.pk, recipient=invitation.email, status="bounced", error="550"
    )
    assert "Bounced" in client.get(MEMBERS).text

    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert "Expired" in client.get(MEMBERS).text


def test_members_shows_a_role_changed_in_the_admin_at_once(sign_in, team):
    client = sign_in(team.owner)
    client.get(MEMBERS)

    membership = Membership.objects.get(user=team.master)
    membership.status = Membership.Status.BLOCKED
    membership.save()

    assert "badge-danger" in client.get(MEMBERS).text


def test_activity_shows_a_new_event_and_an_actors_new_name_at_once(sign_in, team):
    client = sign_in(team.owner)
    client.get(ACTIVITY)

    invite(team)
    assert "Ivy Invitee" in client.get(ACTIVITY).text

    team.owner.full_name = "Olivia Renamed"
    team.owner.save()
    assert "Olivia Renamed" in client.get(ACTIVITY).text


def test_a_refused_activity_filter_is_not_kept(sign_in, team):
    client = sign_in(team.owner)

    assert "Select a valid choice" in client.get(ACTIVITY, {"action": "no.such_action"}).text
    assert "Select a valid choice" in client.get(ACTIVITY, {"action": "no.such_action"}).text


def test_an_invitation_sent_back_with_its_errors_is_not_the_cached_empty_form(sign_in, team):
    client = sign_in(team.owner)
    client.get(MEMBERS)

    html = client.post(MEMBERS, {"name": "Ivy", "email": "not an address", "role": "master"}).text

    assert "Enter a valid email address." in html
    assert 'value="Ivy"' in html


def test_the_edit_form_holds_a_rename_made_elsewhere_at_once(sign_in, team):
    client = sign_in(team.owner)
    url = reverse("miniprograms:edit", args=[team.assigned_mini_program.app_id])
    client.get(url)

    listing = team.assigned_mini_program.listings.get()
    listing.name = "Acme Scooters"
    listing.save()

    assert 'value="Acme Scooters"' in client.get(url).text


def test_the_create_form_and_a_mini_program_page_show_an_industry_renamed_in_the_admin(
    sign_in, team
):
    industry = Industry.objects.get(code="travel")
    team.assigned_mini_program.industry = industry
    team.assigned_mini_program.save()
    client = sign_in(team.owner)
    create, page = reverse("miniprograms:create"), detail(team.assigned_mini_program)
    client.get(create), client.get(page)

    industry.name_en = "Journeys"
    industry.save()

    assert "Journeys" in client.get(create).text
    assert "Journeys" in client.get(page).text
