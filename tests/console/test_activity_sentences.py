"""The activity log reads as sentences for people, in English and in Chinese, with nothing
internal on the page: no field names, no Python values, no file paths."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import workspace_rename
from automation import services as automation
from core.activity import acting_through_api_token
from core.models import ActivityEvent
from members import services as members
from miniprograms import services as miniprograms
from miniprograms.models import Listing, MiniProgram
from miniprograms.validators import clean_logo
from onboarding import services as onboarding
from releases import services as releases
from tests.console.helpers import URL, activity_rows, assert_nothing_internal, text_of
from tests.miniprograms.helpers import complete_program, form_data, png_upload
from tests.releases.helpers import make_reviewer, upload
from webhooks import services as webhooks
from webhooks import tasks as webhook_tasks
from webhooks.network import Outcome

CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}


def detail_activity(client, mini_program, **headers) -> str:
    page = client.get(reverse("miniprograms:detail", args=[mini_program.app_id]), **headers).text
    return page[page.index('id="activity"') :]


def edit(mini_program, actor, **changes):
    data = form_data(logo=None, **changes)
    data["industry"] = mini_program.industry
    data.setdefault("release_to_alipay_china", False)
    return miniprograms.mini_program_update(
        mini_program=mini_program, actor=actor, logo=data.pop("logo", None), **data
    )


def make_history(team):
    """A workspace that has done everything the activity log records, through the services."""
    owner, reviewer = team.owner, make_reviewer()
    workspace_rename(workspace=team.workspace, actor=owner, name="Acme Mobility")

    program = complete_program(team)
    edit(program, owner, tagline="Park in a minute")
    miniprograms.mini_program_update(
        **{
            **form_data(tagline="Park in a minute"),
            "industry": program.industry,
            "logo": clean_logo(png_upload(128, 128)),
        },
        mini_program=program,
        actor=owner,
        release_to_alipay_china=False,
    )
    japanese_text = {
        "tagline": "駐車場をすぐに見つけて予約",
        "description": "近くの駐車場を探して予約し、支払いができます。",
    }
    japanese = miniprograms.language_add(
        mini_program=program, actor=owner, language="ja", name="エイクミー", **japanese_text
    )
    miniprograms.language_update(
        listing=japanese, actor=owner, name="エイクミー駐車", **japanese_text
    )
    miniprograms.language_make_default(listing=japanese, actor=owner)
    miniprograms.language_make_default(
        listing=Listing.objects.get(mini_program=program, language="en"), actor=owner
    )
    miniprograms.language_delete(listing=japanese, actor=owner)
    miniprograms.mini_program_delete(
        mini_program=team.other_mini_program,
        actor=owner,
        typed_app_id=team.other_mini_program.app_id,
    )

    first = upload(program, owner, "1.0.0")
    releases.version_apply_for_release(version=first, actor=owner)
    releases.version_withdraw(version=first, actor=owner)
    releases.version_delete(version=first, actor=owner)
    rejected = upload(program, owner, "1.0.1")
    releases.version_apply_for_release(version=rejected, actor=owner)
    releases.version_reject(version=rejected, reviewer=reviewer, reason="The icon is blurry.")
    piloted = upload(program, owner, "1.0.2")
    releases.version_apply_for_release(version=piloted, actor=owner, testers=["tess@example.com"])
    releases.version_approve(version=piloted, reviewer=reviewer)
    releases.version_complete_pilot(version=piloted, actor=owner)
    releases.version_go_live(version=piloted, actor=owner)
    graded = upload(program, owner, "1.1.0")
    releases.version_apply_for_release(version=graded, actor=owner)
    releases.version_approve(version=graded, reviewer=reviewer)
    releases.version_grayscale(version=graded, actor=owner, percentage=10)
    releases.version_scale_up(version=graded, actor=owner, percentage=50)
    releases.version_full_release(version=graded, actor=owner)
    releases.version_roll_back(version=piloted, actor=owner)
    canceled = upload(program, owner, "1.2.0")
    releases.version_apply_for_release(version=canceled, actor=owner)
    releases.version_approve(version=canceled, reviewer=reviewer)
    releases.version_cancel(version=canceled, actor=owner)
    releases.mini_program_take_offline(mini_program=program, actor=owner)
    with acting_through_api_token("Deploy bot"):
        releases.mini_program_bring_online(mini_program=program, actor=owner)

    invited = members.invitation_create(
        workspace=team.workspace,
        inviter=owner,
        name="Devi",
        email="devi@example.com",
        role="developer",
        mini_programs=[program],
    )
    members.invitation_resend(invitation=invited, actor=owner)
    members.invitation_withdraw(invitation=invited, actor=owner)
    master = members.invitation_create(
        workspace=team.workspace, inviter=owner, name="Mia", email="mia@example.com", role="master"
    )
    token = master.issue_token()
    master.save(update_fields=["token_hash"])
    mia = User.objects.create_user(email="mia@example.com", password="x" * 20, full_name="Mia")
    mia_membership = members.invitation_accept(token=token, user=mia)

    developer = team.developer_membership
    members.member_change_assignments(membership=developer, actor=owner, mini_programs=[program])
    members.member_block(membership=developer, actor=owner)
    members.member_unblock(membership=developer, actor=owner)
    members.member_change_role(membership=developer, actor=owner, role="master")
    members.member_remove(membership=team.master.memberships.get(), actor=owner)

    wizard = onboarding.onboarding_get_or_start(workspace=team.workspace)
    onboarding.onboarding_skip(onboarding=wizard, actor=owner)
    onboarding.onboarding_finish(onboarding=wizard, actor=owner)
    members.ownership_transfer(workspace=team.workspace, actor=owner, new_owner=mia_membership)

    token, _secret = automation.api_token_create(
        workspace=team.workspace,
        actor=owner,
        name="Nightly build",
        access="read",
        expires_in_days=None,
        all_mini_programs=True,
    )
    automation.api_token_revoke(token=token, actor=owner)

    hook = webhooks.endpoint_create(
        workspace=team.workspace,
        actor=owner,
        url="https://93.184.215.14/hooks",
        description="Deploy bot",
        events=["member.joined"],
    )
    webhooks.endpoint_rotate_secret(endpoint=hook, actor=owner)
    hook.failing_since = timezone.now() - timedelta(days=2)
    hook.save(update_fields=["failing_since"])
    webhook_tasks._record_attempt(
        webhooks.endpoint_send_test(endpoint=hook, actor=owner).pk,
        Outcome(status_code=500, duration_ms=3, problem="answer", error="no"),
        counts_for_endpoint=True,
    )
    webhooks.endpoint_delete(endpoint=hook, actor=owner)
    return program


# One sentence each action reads as, as the Owner (Olivia) and the others did them.
SENTENCES = {
    "workspace.created": "Olivia Owner created the workspace",
    "workspace.renamed": "Olivia Owner renamed the workspace to Acme Mobility",
    "workspace.ownership_transferred": (
        "Olivia Owner transferred ownership of the workspace to mia@example.com"
    ),
    "api_token.created": "Olivia Owner created the API token “Nightly build”",
    "api_token.revoked": "Olivia Owner revoked the API token “Nightly build”",
    "webhook_endpoint.created": (
        "Olivia Owner added the webhook endpoint https://93.184.215.14/hooks"
    ),
    "webhook_endpoint.updated": (
        "Olivia Owner changed the webhook endpoint https://93.184.215.14/hooks"
    ),
    "webhook_endpoint.deleted": (
        "Olivia Owner deleted the webhook endpoint https://93.184.215.14/hooks"
    ),
    "webhook_endpoint.disabled": (
        "The webhook endpoint https://93.184.215.14/hooks was disabled: every delivery failed"
        " for a day"
    ),
    "invitation.sent": "Olivia Owner invited devi@example.com as Developer",
    "invitation.resent": "Olivia Owner resent the invitation to devi@example.com",
    "invitation.withdrawn": "Olivia Owner withdrew the invitation to devi@example.com",
    "invitation.accepted": "Mia accepted the invitation and joined as Master",
    "member.role_changed": "Olivia Owner changed the role of Dana Developer",
    "member.assignments_changed": (
        "Olivia Owner changed the mini programs assigned to Dana Developer"
    ),
    "member.blocked": "Olivia Owner blocked Dana Developer",
    "member.unblocked": "Olivia Owner unblocked Dana Developer",
    "member.removed": "Olivia Owner removed max@acme.test from the workspace",
    "mini_program.created": "Olivia Owner created the mini program Acme Parking",
    "mini_program.updated": "Olivia Owner changed the tagline of Acme Parking",
    "mini_program.deleted": "Olivia Owner deleted the mini program Acme Eats",
    "language.added": "Olivia Owner added Japanese to Acme Parking",
    "language.updated": "Olivia Owner changed the Japanese listing of Acme Parking",
    "language.deleted": "Olivia Owner removed Japanese from Acme Parking",
    "language.made_default": "Olivia Owner made Japanese the default language of Acme Parking",
    "version.uploaded": "Olivia Owner uploaded version 1.2.0 of Acme Parking",
    "version.applied": "Olivia Owner applied for release of version 1.0.0 of Acme Parking",
    "version.withdrawn": "Olivia Owner withdrew version 1.0.0 of Acme Parking from review",
    "version.deleted": "Olivia Owner deleted version 1.0.0 of Acme Parking",
    "version.approved": "Rita Reviewer approved version 1.0.2 of Acme Parking",
    "version.rejected": "Rita Reviewer rejected version 1.0.1 of Acme Parking",
    "version.pilot_completed": (
        "Olivia Owner completed pilot testing of version 1.0.2 of Acme Parking"
    ),
    "version.went_live": "Olivia Owner released version 1.0.2 of Acme Parking to every device",
    "version.grayscale_started": (
        "Olivia Owner started a grayscale release of version 1.1.0 of Acme Parking"
    ),
    "version.scaled_up": (
        "Olivia Owner scaled up the grayscale release of version 1.1.0 of Acme Parking"
    ),
    "version.fully_released": "Olivia Owner fully released version 1.1.0 of Acme Parking",
    "version.rolled_back": "Olivia Owner rolled Acme Parking back to version 1.0.2",
    "version.canceled": "Olivia Owner canceled version 1.2.0 of Acme Parking",
    "mini_program.taken_offline": "Olivia Owner took Acme Parking offline",
    "mini_program.brought_online": (
        "Olivia Owner brought Acme Parking back online via API token “Deploy bot”"
    ),
    "onboarding.finished": "Olivia Owner finished setting up the workspace",
    "onboarding.skipped": "Olivia Owner skipped setting up the workspace for now",
}

# What some of those changes read as: the label (the colon after it is drawn by CSS), the values.
CHANGES = [
    "Tagline Park in seconds → Park in a minute",
    "Role Developer → Master",
    "Status Active → Blocked",
    "Status Under Review → Rejected",
    "Reason The icon is blurry.",
    "Percentage 10% → 50%",
    "Default Language English → Japanese",
    "Mini Program Industry Parking",
    "Archived 1.0.2",
    "Status Pending → Withdrawn",
    "Owner olivia@acme.test → mia@example.com",
]


@pytest.fixture
def history(team, settings):
    settings.ACTIVITY_PAGE_SIZE = 200
    return make_history(team)


def test_the_history_holds_every_action(history):
    recorded = set(ActivityEvent.objects.values_list("action", flat=True))

    assert recorded == set(ActivityEvent.Action.values) == set(SENTENCES)


def test_each_action_reads_as_a_sentence_in_english(sign_in, team, history):
    rows = activity_rows(sign_in(team.owner))

    for action, sentence in SENTENCES.items():
        assert sentence in text_of(rows), action
    for change in CHANGES:
        assert change in text_of(rows), change
    assert_nothing_internal(rows)


def test_assigned_mini_programs_read_by_name_and_app_id(sign_in, team, history):
    rows = text_of(activity_rows(sign_in(team.owner)))

    assert f"Mini programs Acme Rides (App ID {team.assigned_mini_program.app_id}) → " in rows
    assert f"Mini programs Acme Parking (App ID {history.app_id})" in rows


def test_the_chinese_log_shows_nothing_internal_either(sign_in, team, history):
    rows = activity_rows(sign_in(team.owner), **CHINESE)

    assert_nothing_internal(rows)
    for translated in ("标语", "开发者", "审核中", "百分比", "日语"):
        assert translated in rows, translated
    assert "Under Review" not in rows


def test_change_labels_follow_the_language_from_one_page_to_the_next(sign_in, team, history):
    client = sign_in(team.owner)

    # Labels are translated once per language: the English page must not fix them for the next.
    assert "Tagline" in text_of(activity_rows(client))
    chinese = text_of(activity_rows(client, **CHINESE))
    assert "标语" in chinese
    assert "Tagline" not in chinese
    assert "Tagline" in text_of(activity_rows(client))


def test_the_mini_programs_own_activity_reads_the_same(sign_in, team, history):
    client = sign_in(team.owner)

    for headers in ({}, CHINESE):
        section = detail_activity(client, history, **headers)
        assert_nothing_internal(section)
    section = text_of(detail_activity(client, history))
    assert "Olivia Owner uploaded version 1.2.0 of Acme Parking" in section
    assert "Olivia Owner took Acme Parking offline" in section


def test_the_current_logo_is_a_thumbnail_and_an_earlier_one_is_named(sign_in, team, history):
    client = sign_in(team.owner)
    rows = activity_rows(client)
    thumbnail = f'src="{history.logo_url}"'

    assert thumbnail in rows
    assert "Logo previous logo →" in text_of(rows)
    assert client.get(history.logo_url).status_code == 200


def test_a_setting_reads_as_yes_or_no(sign_in, team):
    program = complete_program(team)
    program.listings.update(language="zh-Hans")
    MiniProgram.objects.filter(pk=program.pk).update(default_language="zh-Hans")
    client = sign_in(team.owner)
    client.post(
        reverse("miniprograms:edit", args=[program.app_id]),
        form_data(logo=None, default_language="zh-Hans", release_to_alipay_china="on"),
    )

    english, chinese = activity_rows(client), activity_rows(client, **CHINESE)

    assert "Alipay China No → Yes" in text_of(english)
    assert "支付宝中国 否 → 是" in text_of(chinese)
    assert "is released to Alipay China" in text_of(english)
    assert_nothing_internal(english)
    assert_nothing_internal(chinese)


def test_a_deleted_actor_is_named_by_their_email(sign_in, team):
    workspace_rename(workspace=team.workspace, actor=team.master, name="Acme Mobility")
    team.master.delete()

    rows = text_of(activity_rows(sign_in(team.owner)))

    assert "max@acme.test renamed the workspace to Acme Mobility" in rows


def test_a_page_of_events_costs_the_same_queries_however_long(sign_in, team, settings):
    settings.ACTIVITY_PAGE_SIZE = 100
    program = complete_program(team)
    client = sign_in(team.owner)
    invitation = members.invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Ivy",
        email="ivy@example.com",
        role="master",
    )

    def round_of_changes(number):
        edit(program, team.owner, tagline=f"Park in {number} seconds")
        members.member_change_assignments(
            membership=team.developer_membership,
            actor=team.owner,
            mini_programs=[program] if number % 2 else [team.other_mini_program],
        )
        members.invitation_resend(invitation=invitation, actor=team.owner)

    round_of_changes(1)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(2, 31):
        round_of_changes(number)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert text_of(response.text).count("changed the tagline of Acme Parking") == 30
    assert len(many) == len(few)
