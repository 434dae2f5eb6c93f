"""Every date is shown in the viewer's own time zone, which is named, with a machine-readable UTC
value the HTML spec accepts."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format as django_date_format

from accounts.models import User
from core.models import ActivityEvent
from miniprograms.models import MiniProgram

MOMENT = datetime(2026, 12, 1, 20, 14, 5, 123456, tzinfo=UTC)


def set_time_zone(user, name):
    User.objects.filter(pk=user.pk).update(time_zone=name)


def created_at_moment(mini_program):
    MiniProgram.objects.filter(pk=mini_program.pk).update(created_at=MOMENT, updated_at=MOMENT)


def test_a_date_is_shown_in_the_viewers_zone_with_the_zone_named(sign_in, team):
    set_time_zone(team.owner, "Asia/Shanghai")
    created_at_moment(team.other_mini_program)

    html = (
        sign_in(team.owner)
        .get(reverse("miniprograms:detail", args=[team.other_mini_program.app_id]))
        .text
    )

    assert (
        '<time datetime="2026-12-01T20:14:05Z">Dec. 2, 2026, 4:14 a.m.'
        ' <span class="time-zone">(Asia/Shanghai)</span></time>' in html
    )


def test_the_same_moment_reads_differently_for_someone_in_another_zone(sign_in, team):
    set_time_zone(team.master, "America/Chicago")
    created_at_moment(team.other_mini_program)

    html = (
        sign_in(team.master)
        .get(reverse("miniprograms:detail", args=[team.other_mini_program.app_id]))
        .text
    )

    assert 'Dec. 1, 2026, 2:14 p.m. <span class="time-zone">(America/Chicago)</span>' in html


def test_no_machine_readable_time_carries_microseconds(sign_in, team):
    set_time_zone(team.owner, "Asia/Shanghai")
    pages = [
        reverse("console:activity"),
        reverse("members:list"),
        reverse("miniprograms:detail", args=[team.other_mini_program.app_id]),
    ]
    client = sign_in(team.owner)

    values = [
        value
        for page in pages
        for value in re.findall(r'datetime="([^"]*)"', client.get(page).text)
    ]

    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value), value


def test_a_date_column_shows_the_local_day_and_names_the_zone_in_its_title(sign_in, team):
    set_time_zone(team.owner, "Asia/Shanghai")
    created_at_moment(team.other_mini_program)

    html = sign_in(team.owner).get(reverse("miniprograms:list")).text

    assert (
        '<time datetime="2026-12-01T20:14:05Z" title="Dec. 2, 2026, 4:14 a.m. (Asia/Shanghai)">'
        "Dec. 2, 2026</time>" in html
    )


def test_changing_zone_redraws_the_cached_mini_program_list(sign_in, team):
    created_at_moment(team.other_mini_program)
    client = sign_in(team.owner)
    assert "Dec. 1, 2026</time>" in client.get(reverse("miniprograms:list")).text

    set_time_zone(team.owner, "Asia/Shanghai")

    assert "Dec. 2, 2026</time>" in client.get(reverse("miniprograms:list")).text


def test_activity_times_follow_the_viewers_zone(sign_in, team):
    set_time_zone(team.owner, "Asia/Tokyo")
    ActivityEvent.objects.filter(workspace=team.workspace).update(created_at=MOMENT)

    html = sign_in(team.owner).get(reverse("console:activity")).text

    assert 'Dec. 2, 2026, 5:14 a.m. <span class="time-zone">(Asia/Tokyo)</span>' in html


def test_a_new_account_shows_dates_in_utc_and_says_so(sign_in, team):
    created_at_moment(team.other_mini_program)

    html = (
        sign_in(team.owner)
        .get(reverse("miniprograms:detail", args=[team.other_mini_program.app_id]))
        .text
    )

    assert 'Dec. 1, 2026, 8:14 p.m. <span class="time-zone">(UTC)</span>' in html


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_month_and_time_of_day_reads_as_djangos_own_date_format(sign_in, team, language):
    # Midnight and noon have words of their own in English; the other two are a.m. and p.m.
    moments = [
        datetime(2026, month, 3, hour, minute, tzinfo=UTC)
        for month in range(1, 13)
        for hour, minute in ((0, 0), (12, 0), (9, 5), (23, 59))
    ]
    ActivityEvent.objects.filter(workspace=team.workspace).delete()
    events = ActivityEvent.objects.bulk_create(
        ActivityEvent(
            workspace=team.workspace,
            actor=team.owner,
            action=ActivityEvent.Action.WORKSPACE_RENAMED,
        )
        for _ in moments
    )
    for event, moment in zip(events, moments, strict=True):
        ActivityEvent.objects.filter(pk=event.pk).update(created_at=moment)
    client = sign_in(team.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(reverse("console:activity")).text

    with translation.override(language):
        expected = [django_date_format(moment, "DATETIME_FORMAT") for moment in moments]
    shown = re.findall(r"<time [^>]*>([^<]*) <span", html)
    assert sorted(shown) == sorted(expected)
