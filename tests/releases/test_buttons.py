"""The team's buttons on the Versions section, through HTTP: each shown only when the status and
the reader's role allow it, each doing its one move, and each refusal a message, never a 500."""

import re

import pytest
from django.urls import reverse

from core.models import ActivityEvent
from releases import services
from releases.models import OfflineMiniProgram, Version
from tests.releases.helpers import approved, live, upload
from tests.releases.test_pages import detail, versions_section

Status = Version.Status


def button_url(name, version) -> str:
    return reverse(f"releases:{name}", args=[version.mini_program.app_id, version.number])


def row_of(section: str, number: str) -> str:
    return re.search(rf"<tr>\s*<td><strong>{re.escape(number)}</strong>.*?</tr>", section, re.S)[0]


def buttons_in(row: str) -> list[str]:
    labels = re.findall(r'<button type="submit" class="button[^"]*">([^<]+)</button>', row)
    links = re.findall(r'<a class="button button-danger" href="[^"]+">([^<]+)</a>', row)
    return labels + links


def in_status(program, team, reviewer, status) -> Version:
    """A version of `program` brought to `status` the way the team and a reviewer would."""
    actor = team.developer
    if status == Status.NEW:
        return upload(program, actor)
    if status == Status.UNDER_REVIEW:
        version = upload(program, actor)
        return services.version_apply_for_release(version=version, actor=actor)
    if status == Status.PILOT_TESTING:
        return approved(program, actor, reviewer, testers=["tess@tester.test"])
    if status == Status.RELEASE_PREPARATION:
        return approved(program, actor, reviewer)
    if status == Status.GRAYSCALE_RELEASE:
        version = approved(program, actor, reviewer)
        return services.version_grayscale(version=version, actor=actor, percentage=10)
    if status == Status.ARCHIVED:
        first = live(program, actor, reviewer, "1.0.0")
        live(program, actor, reviewer, "1.1.0")
        first.refresh_from_db()
        return first
    raise AssertionError(status)


BUTTONS = {
    Status.NEW: ["Apply for release", "Delete"],
    Status.UNDER_REVIEW: ["Withdraw"],
    Status.PILOT_TESTING: ["Complete", "Cancel"],
    Status.RELEASE_PREPARATION: ["Go live", "Grayscale release", "Cancel"],
    Status.GRAYSCALE_RELEASE: ["Scale up", "Full release", "Cancel"],
    Status.ARCHIVED: ["Roll back"],
}


@pytest.mark.parametrize(("status", "expected"), BUTTONS.items(), ids=list(BUTTONS))
def test_each_status_shows_its_buttons(sign_in, team, program, reviewer, status, expected):
    version = in_status(program, team, reviewer, status)

    section = versions_section(sign_in(team.developer).get(detail(program)).text)

    assert buttons_in(row_of(section, version.number)) == expected


def test_a_developer_not_assigned_sees_no_buttons_and_gets_404(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.RELEASE_PREPARATION)
    program.developers.remove(team.developer_membership)
    client = sign_in(team.developer)

    for name in ("go_live", "cancel", "grayscale"):
        assert client.post(button_url(name, version), {"percentage": "10"}).status_code == 404
    version.refresh_from_db()
    assert version.status == Status.RELEASE_PREPARATION


def test_a_full_release_shows_the_full_release_and_no_button(sign_in, team, program, reviewer):
    version = live(program, team.developer, reviewer)

    section = versions_section(sign_in(team.developer).get(detail(program)).text)

    assert buttons_in(row_of(section, version.number)) == []


# --- Apply for release ------------------------------------------------------------------------


def test_apply_for_release_without_testers_is_one_press(sign_in, team, program):
    version = upload(program, team.developer)
    client = sign_in(team.developer)

    response = client.post(button_url("apply", version), {"testers": ""})

    assert response.status_code == 302
    assert response.url == detail(program) + "#versions"
    version.refresh_from_db()
    assert (version.status, version.testers) == (Status.UNDER_REVIEW, [])
    page = client.get(response.url).text
    assert "Version 1.0.0 is now Under Review." in page
    assert buttons_in(row_of(versions_section(page), "1.0.0")) == ["Withdraw"]


def test_apply_for_release_names_testers_separated_any_way(sign_in, team, program):
    version = upload(program, team.developer)

    sign_in(team.developer).post(
        button_url("apply", version),
        {"testers": "Tess@Tester.test, tom@tester.test\numa@tester.test  tess@tester.test"},
    )

    version.refresh_from_db()
    assert version.testers == ["tess@tester.test", "tom@tester.test", "uma@tester.test"]


@pytest.mark.parametrize(
    ("testers", "message"),
    [
        ("tess@tester.test not-an-address", "“not-an-address” is not an email address."),
        (
            " ".join(f"t{n}@tester.test" for n in range(51)),
            "Name at most 50 testers; 51 are named.",
        ),
    ],
    ids=["a bad address", "51 testers"],
)
def test_bad_testers_stand_by_their_field(sign_in, team, program, testers, message):
    version = upload(program, team.developer)

    response = sign_in(team.developer).post(button_url("apply", version), {"testers": testers})

    assert response.status_code == 200
    assert response.context["form"].errors["testers"] == [message]
    assert message in response.text
    version.refresh_from_db()
    assert version.status == Status.NEW


def test_apply_for_release_of_an_incomplete_mini_program_says_what_is_missing(
    sign_in, team, reviewer
):
    version = upload(team.assigned_mini_program, team.developer)
    client = sign_in(team.developer)

    response = client.post(button_url("apply", version), follow=True)

    assert "Complete the mini program&#x27;s information first" in response.text
    version.refresh_from_db()
    assert version.status == Status.NEW


def test_applying_twice_is_refused_with_the_status(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.UNDER_REVIEW)

    response = sign_in(team.developer).post(button_url("apply", version), follow=True)

    assert response.status_code == 200
    assert "“Apply for release” is not possible: version 1.0.0 is Under Review." in response.text


def test_a_rejected_version_shows_its_reason_and_can_be_applied_again(
    sign_in, team, program, reviewer
):
    version = in_status(program, team, reviewer, Status.UNDER_REVIEW)
    services.version_reject(version=version, reviewer=reviewer, reason="The map never loads.")
    client = sign_in(team.developer)

    row = row_of(versions_section(client.get(detail(program)).text), "1.0.0")

    assert "The map never loads." in row
    assert buttons_in(row) == ["Apply for release"]
    client.post(button_url("apply", version))
    version.refresh_from_db()
    assert version.status == Status.UNDER_REVIEW


# --- Withdraw, Delete, Complete, Cancel -------------------------------------------------------


def test_withdraw_takes_the_version_back(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.UNDER_REVIEW)

    response = sign_in(team.developer).post(button_url("withdraw", version), follow=True)

    assert "Version 1.0.0 is now New Version Created." in response.text
    version.refresh_from_db()
    assert version.status == Status.NEW


def test_withdraw_of_a_new_version_is_refused(sign_in, team, program, reviewer):
    version = upload(program, team.developer)

    response = sign_in(team.developer).post(button_url("withdraw", version), follow=True)

    assert "“Withdraw” is not possible: version 1.0.0 is New Version Created." in response.text


def test_delete_asks_first_then_deletes(sign_in, team, program):
    version = upload(program, team.developer)
    client = sign_in(team.developer)

    page = client.get(button_url("delete", version)).text

    assert "Version 1.0.0 and its package will be deleted." in page
    assert Version.objects.exists()
    response = client.post(button_url("delete", version), follow=True)
    assert "Version 1.0.0 deleted." in response.text
    assert not Version.objects.exists()


def test_delete_of_a_version_under_review_is_refused(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.UNDER_REVIEW)

    response = sign_in(team.master).post(button_url("delete", version), follow=True)

    assert "“Delete” is not possible: version 1.0.0 is Under Review." in response.text
    assert Version.objects.filter(pk=version.pk).exists()


def test_complete_ends_the_pilot(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.PILOT_TESTING)

    response = sign_in(team.master).post(button_url("complete", version), follow=True)

    assert "Version 1.0.0 is now Release Preparation." in response.text
    version.refresh_from_db()
    assert version.status == Status.RELEASE_PREPARATION


def test_cancel_is_final(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.GRAYSCALE_RELEASE)
    client = sign_in(team.developer)

    response = client.post(button_url("cancel", version), follow=True)

    assert "Version 1.0.0 is now Canceled." in response.text
    assert buttons_in(row_of(versions_section(response.text), "1.0.0")) == []
    response = client.post(button_url("cancel", version), follow=True)
    assert "“Cancel” is not possible: version 1.0.0 is Canceled." in response.text


def test_a_button_answers_only_post(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.PILOT_TESTING)

    assert sign_in(team.developer).get(button_url("complete", version)).status_code == 405


# --- Go live, Grayscale release, Scale up, Full release, Roll back ----------------------------


def test_go_live_archives_the_previous_full_release(sign_in, team, program, reviewer):
    first = live(program, team.developer, reviewer, "1.0.0")
    second = approved(program, team.developer, reviewer, "1.1.0")

    response = sign_in(team.developer).post(button_url("go_live", second), follow=True)

    assert "Version 1.1.0 is now Full Release." in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.ARCHIVED, Status.FULL_RELEASE)


def test_grayscale_release_asks_a_percentage(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.RELEASE_PREPARATION)
    client = sign_in(team.developer)

    response = client.post(button_url("grayscale", version), {"percentage": "10"}, follow=True)

    assert "Version 1.0.0 now reaches 10% of devices." in response.text
    assert "10% of devices" in row_of(versions_section(response.text), "1.0.0")
    version.refresh_from_db()
    assert (version.status, version.grayscale_percentage) == (Status.GRAYSCALE_RELEASE, 10)


@pytest.mark.parametrize(
    ("percentage", "message"),
    [
        ("0", "The percentage must be a whole number from 1 to 99."),
        ("100", "The percentage must be a whole number from 1 to 99."),
        ("ten", "Enter a whole number."),
        ("", "This field is required."),
    ],
)
def test_a_bad_percentage_stands_by_its_field(
    sign_in, team, program, reviewer, percentage, message
):
    version = in_status(program, team, reviewer, Status.RELEASE_PREPARATION)

    response = sign_in(team.developer).post(
        button_url("grayscale", version), {"percentage": percentage}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["percentage"] == [message]
    assert 'name="percentage"' in response.text
    version.refresh_from_db()
    assert version.status == Status.RELEASE_PREPARATION


def test_scale_up_only_rises(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.GRAYSCALE_RELEASE)
    client = sign_in(team.developer)

    lower = client.post(button_url("scale_up", version), {"percentage": "10"})

    assert lower.context["form"].errors["percentage"] == ["Scale up to more than the current 10%."]
    higher = client.post(button_url("scale_up", version), {"percentage": "50"}, follow=True)
    assert "Version 1.0.0 now reaches 50% of devices." in higher.text
    version.refresh_from_db()
    assert version.grayscale_percentage == 50


def test_full_release_reaches_every_device(sign_in, team, program, reviewer):
    version = in_status(program, team, reviewer, Status.GRAYSCALE_RELEASE)

    response = sign_in(team.owner).post(button_url("full_release", version), follow=True)

    assert "Version 1.0.0 is now Full Release." in response.text
    version.refresh_from_db()
    assert (version.status, version.grayscale_percentage) == (Status.FULL_RELEASE, None)


def test_roll_back_makes_an_archived_version_live_again(sign_in, team, program, reviewer):
    first = in_status(program, team, reviewer, Status.ARCHIVED)

    response = sign_in(team.master).post(button_url("roll_back", first), follow=True)

    assert "Version 1.0.0 is now Full Release." in response.text
    assert program.versions.get(minor=1).status == Status.ARCHIVED


# --- Take offline, Bring back online ----------------------------------------------------------


def test_take_offline_names_what_stops_then_stops_it(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer)
    client = sign_in(team.master)
    section = versions_section(client.get(detail(program)).text)
    assert reverse("releases:take_offline", args=[program.app_id]) in section

    page = client.get(reverse("releases:take_offline", args=[program.app_id])).text

    assert "devices are told there is nothing to run" in page
    assert "version 1.0.0, its Full Release, reaches none of them" in page
    response = client.post(reverse("releases:take_offline", args=[program.app_id]), follow=True)
    assert "is Offline: devices are told there is nothing to run." in response.text
    assert OfflineMiniProgram.objects.filter(mini_program=program).exists()
    section = versions_section(response.text)
    assert "Bring back online" in section and "Take offline" not in section


def test_take_offline_is_refused_with_a_version_in_grayscale(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer, "1.0.0")
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    services.version_grayscale(version=candidate, actor=team.developer, percentage=5)
    client = sign_in(team.owner)
    url = reverse("releases:take_offline", args=[program.app_id])

    assert url not in versions_section(client.get(detail(program)).text)
    assert "Version 1.1.0 is Grayscale Release. Withdraw or cancel it" in client.get(url).text
    response = client.post(url, follow=True)
    assert "Version 1.1.0 is Grayscale Release." in response.text
    assert not OfflineMiniProgram.objects.exists()


def test_a_developer_may_not_take_offline(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer)
    client = sign_in(team.developer)
    url = reverse("releases:take_offline", args=[program.app_id])

    assert url not in versions_section(client.get(detail(program)).text)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not OfflineMiniProgram.objects.exists()


def test_while_offline_nothing_goes_live_until_brought_back_online(
    sign_in, team, program, reviewer
):
    live(program, team.developer, reviewer, "1.0.0")
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    services.mini_program_take_offline(mini_program=program, actor=team.owner)
    client = sign_in(team.owner)

    section = versions_section(client.get(detail(program)).text)

    assert buttons_in(row_of(section, "1.1.0")) == ["Cancel"]
    refused = client.post(button_url("go_live", candidate), follow=True)
    assert "The mini program is Offline. Bring it back online first." in refused.text
    back = client.post(reverse("releases:bring_online", args=[program.app_id]), follow=True)
    assert "is back online: devices get version 1.0.0." in back.text
    assert not OfflineMiniProgram.objects.exists()
    assert buttons_in(row_of(versions_section(back.text), "1.1.0")) == [
        "Go live",
        "Grayscale release",
        "Cancel",
    ]


def test_bring_back_online_is_refused_for_a_developer_and_when_online(
    sign_in, team, program, reviewer
):
    live(program, team.developer, reviewer)
    url = reverse("releases:bring_online", args=[program.app_id])

    assert sign_in(team.developer).post(url).status_code == 403
    response = sign_in(team.master).post(url, follow=True)
    assert "The mini program is not Offline." in response.text
    assert not ActivityEvent.objects.filter(
        action=ActivityEvent.Action.MINI_PROGRAM_BROUGHT_ONLINE
    ).exists()
