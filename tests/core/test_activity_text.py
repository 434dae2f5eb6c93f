"""core.activity_text: every action has a sentence, and a key nobody described never shows as
what it is inside."""

from django.urls import reverse

from core.activity import record_activity
from core.activity_text import registry
from core.models import ActivityEvent
from members.services import invitation_create
from tests.console.helpers import activity_rows, assert_nothing_internal, text_of


def test_every_action_has_a_sentence():
    assert set(registry().actions) == set(ActivityEvent.Action)


def invited(team):
    return invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Ivy",
        email="ivy@example.com",
        role="master",
    )


def test_an_undescribed_key_of_a_model_field_reads_by_its_label(sign_in, team):
    record_activity(
        workspace=team.workspace,
        actor=team.owner,
        action=ActivityEvent.Action.INVITATION_RESENT,
        target=invited(team),
        before={"send_count": 1},
        after={"send_count": 2},
    )

    rows = activity_rows(sign_in(team.owner))

    assert "Times sent 1 → 2" in text_of(rows)
    assert_nothing_internal(rows)


def test_an_undescribed_key_that_is_no_field_or_an_id_is_left_out(sign_in, team):
    record_activity(
        workspace=team.workspace,
        actor=team.owner,
        action=ActivityEvent.Action.INVITATION_RESENT,
        target=invited(team),
        before={"mystery_flag": False, "inviter": team.owner.pk},
        after={"mystery_flag": True, "inviter": team.master.pk},
    )

    rows = activity_rows(sign_in(team.owner))

    assert "Olivia Owner resent the invitation to ivy@example.com" in text_of(rows)
    assert "Inviter" not in rows
    assert_nothing_internal(rows)


def test_names_typed_by_people_are_escaped(sign_in, team):
    team.workspace.name = "<script>alert(1)</script>"
    record_activity(
        workspace=team.workspace,
        actor=team.owner,
        action=ActivityEvent.Action.WORKSPACE_RENAMED,
        target=team.workspace,
        before={"name": "Acme"},
        after={"name": team.workspace.name},
    )

    page = sign_in(team.owner).get(reverse("console:activity")).text

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
