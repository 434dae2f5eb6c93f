"""The Manage Mini Program list's Sort, Status and Release To, read from the query string."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from miniprograms.models import MiniProgram
from releases.models import OfflineMiniProgram
from tests.miniprograms.helpers import complete_program
from tests.personas import make_mini_program

URL = reverse("miniprograms:list")
ROW_NAME = re.compile(r'<td><a href="/console/mini-programs/\d{16}/">(.*?)</a></td>')


def names(html: str) -> list[str]:
    """The mini programs' names as the table lists them, top to bottom."""
    return ROW_NAME.findall(html)


def dated(mini_program: MiniProgram, *, created_days_ago: int, updated_days_ago: int):
    now = datetime(2026, 6, 1, tzinfo=UTC)
    MiniProgram.objects.filter(pk=mini_program.pk).update(
        created_at=now - timedelta(days=created_days_ago),
        updated_at=now - timedelta(days=updated_days_ago),
    )


@pytest.fixture
def three(team):
    """Acme Eats, Acme Rides and a third, each created and updated on a day of its own."""
    banana = make_mini_program(workspace=team.workspace, name="banana Bikes", creator=team.owner)
    dated(team.assigned_mini_program, created_days_ago=30, updated_days_ago=1)  # Acme Rides
    dated(team.other_mini_program, created_days_ago=20, updated_days_ago=5)  # Acme Eats
    dated(banana, created_days_ago=10, updated_days_ago=3)
    return banana


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (None, ["banana Bikes", "Acme Eats", "Acme Rides"]),
        ("-created", ["banana Bikes", "Acme Eats", "Acme Rides"]),
        ("created", ["Acme Rides", "Acme Eats", "banana Bikes"]),
        ("-updated", ["Acme Rides", "banana Bikes", "Acme Eats"]),
        ("updated", ["Acme Eats", "banana Bikes", "Acme Rides"]),
        ("name", ["Acme Eats", "Acme Rides", "banana Bikes"]),
        ("-name", ["banana Bikes", "Acme Rides", "Acme Eats"]),
    ],
)
def test_each_sort_orders_the_list(sign_in, team, three, sort, expected):
    params = {"sort": sort} if sort else {}

    assert names(sign_in(team.owner).get(URL, params).text) == expected


def test_the_sort_by_name_ignores_case_and_reads_the_default_language_s_name(sign_in, team, three):
    team.other_mini_program.listings.create(language="fr", name="Zut Repas", name_key="zut repas")

    html = sign_in(team.owner).get(URL, {"sort": "name"}).text

    assert names(html) == ["Acme Eats", "Acme Rides", "banana Bikes"]


def test_the_sort_by_name_follows_a_new_default_language(sign_in, team, three):
    client = sign_in(team.owner)
    client.get(URL, {"sort": "name"})
    team.other_mini_program.listings.create(language="fr", name="Zut Repas")
    app_id = team.other_mini_program.app_id

    client.post(reverse("miniprograms:language_make_default", args=[app_id, "fr"]))

    assert names(client.get(URL, {"sort": "name"}).text) == [
        "Acme Rides",
        "banana Bikes",
        "Zut Repas",
    ]


def test_the_sort_chosen_is_selected_in_the_sort_control(sign_in, team):
    html = sign_in(team.owner).get(URL, {"sort": "-updated"}).text

    assert '<option value="-updated" selected>Recently updated</option>' in html


def test_each_sort_is_cached_apart(sign_in, team, three):
    client = sign_in(team.owner)

    newest = names(client.get(URL).text)
    by_name = names(client.get(URL, {"sort": "name"}).text)

    assert newest == ["banana Bikes", "Acme Eats", "Acme Rides"]
    assert by_name == ["Acme Eats", "Acme Rides", "banana Bikes"]


def test_the_status_filter_shows_complete_or_incomplete_programs(sign_in, team):
    complete_program(team, name="Acme Parking")
    client = sign_in(team.owner)

    complete = names(client.get(URL, {"status": "complete"}).text)
    incomplete = names(client.get(URL, {"status": "incomplete"}).text)

    assert complete == ["Acme Parking"]
    assert sorted(incomplete) == ["Acme Eats", "Acme Rides"]


def test_a_program_missing_one_field_is_incomplete(sign_in, team):
    parking = complete_program(team, name="Acme Parking")
    MiniProgram.objects.filter(pk=parking.pk).update(customer_service_phone="")

    html = sign_in(team.owner).get(URL, {"status": "complete"}).text

    assert names(html) == []
    assert "No mini program matches your search." in html


def test_the_status_filter_shows_offline_programs(sign_in, team):
    OfflineMiniProgram.objects.create(mini_program=team.other_mini_program)

    html = sign_in(team.owner).get(URL, {"status": "offline"}).text

    assert names(html) == ["Acme Eats"]


def test_the_release_to_filter_shows_programs_released_to_alipay_china_or_not(sign_in, team):
    complete_program(
        team, name="Acme Alipay", release_to_alipay_china=True, default_language="zh-Hans"
    )
    client = sign_in(team.owner)

    alipay = names(client.get(URL, {"release_to": "alipay-china"}).text)
    elsewhere = names(client.get(URL, {"release_to": "not-alipay-china"}).text)

    assert alipay == ["Acme Alipay"]
    assert sorted(elsewhere) == ["Acme Eats", "Acme Rides"]


def test_filters_and_sort_combine_with_the_search(sign_in, team):
    complete_program(team, name="Acme Parking")
    complete_program(team, name="Bistro Parking")
    make_mini_program(workspace=team.workspace, name="Basic Parking", creator=team.owner)
    client = sign_in(team.owner)

    complete = client.get(URL, {"q": "parking", "status": "complete", "sort": "-name"}).text
    incomplete = client.get(URL, {"q": "parking", "status": "incomplete", "sort": "name"}).text

    assert names(complete) == ["Bistro Parking", "Acme Parking"]
    assert names(incomplete) == ["Basic Parking"]


def test_the_pagination_links_keep_the_search_sort_and_filters(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 1
    client = sign_in(team.owner)
    params = {
        "q": "olivia",
        "sort": "name",
        "status": "incomplete",
        "release_to": "not-alipay-china",
    }

    first = client.get(URL, params).text
    second = client.get(URL, {**params, "page": 2}).text

    link = "?q=olivia&amp;sort=name&amp;status=incomplete&amp;release_to=not-alipay-china&amp;page="
    assert f'href="{link}2" rel="next"' in first
    assert f'href="{link}1" rel="prev"' in second
    assert names(first) == ["Acme Eats"]
    assert names(second) == ["Acme Rides"]


def test_the_pagination_links_leave_out_the_default_sort(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 1

    html = sign_in(team.owner).get(URL, {"sort": "-created"}).text

    assert 'href="?page=2" rel="next"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "price"},
        {"sort": "created_at; DROP TABLE x"},
        {"status": "deleted"},
        {"release_to": "wechat"},
        {"sort": "", "status": "", "release_to": ""},
    ],
)
def test_a_bad_value_falls_back_to_the_whole_list_newest_first(sign_in, team, three, params):
    response = sign_in(team.owner).get(URL, params)

    assert response.status_code == 200
    assert names(response.text) == ["banana Bikes", "Acme Eats", "Acme Rides"]


def test_a_bad_value_is_named_next_to_its_control(sign_in, team):
    html = sign_in(team.owner).get(URL, {"status": "deleted", "sort": "name"}).text

    assert "Select a valid choice. deleted is not one of the available choices." in html
    assert names(html) == ["Acme Eats", "Acme Rides"]  # the valid sort still applies


def test_a_bad_value_keeps_the_pagination_links_clean(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 1

    html = sign_in(team.owner).get(URL, {"status": "deleted", "q": "acme"}).text

    assert 'href="?q=acme&amp;page=2" rel="next"' in html


def list_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def matching_every_filter(team, name: str) -> MiniProgram:
    """Complete, released to Alipay China and Offline."""
    mini_program = complete_program(
        team, name=name, release_to_alipay_china=True, default_language="zh-Hans"
    )
    OfflineMiniProgram.objects.create(mini_program=mini_program)
    return mini_program


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "name"},
        {"sort": "-updated"},
        {"status": "complete"},
        {"status": "offline"},
        {"release_to": "alipay-china", "sort": "created"},
    ],
)
def test_sorting_and_filtering_cost_no_extra_query_whatever_the_rows(
    sign_in, team, settings, fragment_cache, params
):
    settings.MINI_PROGRAMS_PAGE_SIZE = 50
    settings.ALIPAY_CHINA_QUOTA = 50
    matching_every_filter(team, "Program 00")
    client = sign_in(team.owner)
    unsorted = list_queries(client, {})
    one_row = list_queries(client, params)

    for number in range(1, 11):
        matching_every_filter(team, f"Program {number:02}")
    fragment_cache.clear()

    assert list_queries(client, params) == one_row == unsorted
