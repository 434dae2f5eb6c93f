"""The console shell's navigation and language switch, each drawn once and kept in the fragment
cache."""

import re

import pytest
from django.urls import reverse

OVERVIEW = reverse("console:overview")


def current_link(html: str) -> str:
    """The text of the navigation link marked as the page on screen."""
    nav = html[html.index('<nav class="sidenav"') : html.index("</nav>")]
    (label,) = re.findall(r'aria-current="page">([^<]+)</a>', nav)
    return label


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("console:overview", "Overview"),
        ("miniprograms:list", "Manage Mini Program"),
        ("miniprograms:create", "+ Create Mini Program"),
        ("members:list", "Members"),
        ("console:activity", "Activity"),
        ("console:settings", "Settings"),
    ],
)
def test_it_marks_the_page_on_screen(sign_in, team, page, label):
    assert current_link(sign_in(team.owner).get(reverse(page)).text) == label


def test_a_mini_program_s_page_belongs_to_manage_mini_program(sign_in, team):
    url = reverse("miniprograms:detail", args=[team.assigned_mini_program.app_id])

    assert current_link(sign_in(team.developer).get(url).text) == "Manage Mini Program"


def test_a_developer_never_gets_the_navigation_an_owner_saw(sign_in, team):
    assert 'href="/console/members/"' in sign_in(team.owner).get(OVERVIEW).text

    html = sign_in(team.developer).get(OVERVIEW).text

    assert 'href="/console/members/"' not in html
    assert 'href="/console/settings/"' not in html


def test_a_master_gets_members_but_not_settings(sign_in, team):
    sign_in(team.owner).get(OVERVIEW)

    html = sign_in(team.master).get(OVERVIEW).text

    assert 'href="/console/members/"' in html
    assert 'href="/console/settings/"' not in html


def test_it_follows_the_reader_s_language(sign_in, team):
    client = sign_in(team.owner)
    assert current_link(client.get(OVERVIEW).text) == "Overview"

    client.cookies["django_language"] = "zh-hans"

    assert current_link(client.get(OVERVIEW).text) == "概览"


def selected_language(html: str) -> str:
    (code,) = re.findall(r'<option value="([\w-]+)" selected', html)
    return code


def test_the_language_switch_marks_the_language_on_screen_and_returns_to_the_page(sign_in, team):
    client = sign_in(team.owner)
    english = client.get(OVERVIEW).text
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(reverse("miniprograms:list"), {"q": "rides"}).text

    assert selected_language(english) == "en"
    assert '<input type="hidden" name="next" value="/console/">' in english
    assert selected_language(chinese) == "zh-hans"
    assert '<input type="hidden" name="next" value="/console/mini-programs/?q=rides">' in chinese


def nav_links(html: str) -> list[str]:
    nav = html[html.index('<nav class="sidenav"') : html.index("</nav>")]
    return re.findall(r">([^<]+)</a>", nav)


def test_members_who_may_create_mini_programs_get_create_in_the_navigation(sign_in, team):
    assert "+ Create Mini Program" in nav_links(sign_in(team.owner).get(OVERVIEW).text)
    assert "+ Create Mini Program" in nav_links(sign_in(team.master).get(OVERVIEW).text)
    assert "+ Create Mini Program" not in nav_links(sign_in(team.developer).get(OVERVIEW).text)


def test_an_owner_s_navigation_lists_every_console_page(sign_in, team):
    assert nav_links(sign_in(team.owner).get(OVERVIEW).text) == [
        "Overview",
        "Manage Mini Program",
        "+ Create Mini Program",
        "Members",
        "Activity",
        "API tokens",
        "Webhooks",
        "Settings",
    ]


def test_every_active_member_gets_api_tokens_but_webhooks_only_who_manages_mini_programs(
    sign_in, team
):
    developer = nav_links(sign_in(team.developer).get(OVERVIEW).text)
    master = nav_links(sign_in(team.master).get(OVERVIEW).text)

    assert "API tokens" in developer
    assert "Webhooks" not in developer
    assert {"API tokens", "Webhooks"} <= set(master)


def test_the_user_menu_links_to_the_profile(sign_in, team):
    assert '<a href="/accounts/profile/">Profile</a>' in sign_in(team.developer).get(OVERVIEW).text
