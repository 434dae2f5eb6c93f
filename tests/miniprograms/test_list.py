from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from miniprograms.services import mini_program_create_basic
from tests.miniprograms.helpers import complete_program
from tests.personas import make_mini_program

URL = reverse("miniprograms:list")


def test_it_lists_the_workspaces_mini_programs(sign_in, team):
    html = sign_in(team.master).get(URL).text

    assert "Acme Rides" in html
    assert "Acme Eats" in html
    assert team.assigned_mini_program.app_id in html
    assert "Globex Maps" not in html
    assert "+ Create Mini Program" in html


def test_a_developer_sees_only_assigned_mini_programs(sign_in, team):
    html = sign_in(team.developer).get(URL).text

    assert "Acme Rides" in html
    assert "Acme Eats" not in html
    assert "+ Create Mini Program" not in html


def test_a_program_with_basic_information_only_shows_as_incomplete(sign_in, team):
    mini_program_create_basic(
        workspace=team.workspace,
        creator=team.owner,
        name="Acme Wizard",
        default_language="en",
        release_to_alipay_china=False,
    )

    html = sign_in(team.owner).get(URL).text

    assert html.count("Incomplete</span>") == 3  # the two personas' programs are basic too
    assert "Complete</span>" not in html


def test_a_complete_program_s_row_links_its_page_and_shows_its_logo_and_creator(
    sign_in, team, media_root
):
    team.owner.full_name = ""
    team.owner.save()
    mini_program = complete_program(team, name="Acme Parking")

    html = sign_in(team.master).get(URL).text

    detail = reverse("miniprograms:detail", args=[mini_program.app_id])
    assert f'<a href="{detail}">Acme Parking</a>' in html
    assert f'src="{mini_program.logo_url}"' in html
    assert '<span class="badge badge-success">Complete</span>' in html
    assert "<td>English</td>" in html
    assert "<td>olivia@acme.test</td>" in html  # a creator without a name shows their email


def test_it_searches_by_name_app_id_or_creator(sign_in, team):
    client = sign_in(team.owner)

    by_name = client.get(URL, {"q": "rides"}).text
    by_app_id = client.get(URL, {"q": team.other_mini_program.app_id[-8:]}).text
    by_creator = client.get(URL, {"q": "olivia"}).text
    nothing = client.get(URL, {"q": "zzz"}).text

    assert "Acme Rides" in by_name and "Acme Eats" not in by_name
    assert "Acme Eats" in by_app_id and "Acme Rides" not in by_app_id
    assert "Acme Rides" in by_creator and "Acme Eats" in by_creator
    assert "No mini program matches your search." in nothing


def test_search_never_reaches_another_workspace(sign_in, team):
    assert "Globex Maps" not in sign_in(team.owner).get(URL, {"q": "Globex"}).text


def test_it_paginates_and_keeps_the_search(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 2
    make_mini_program(workspace=team.workspace, name="Acme Rides Plus", creator=team.owner)
    make_mini_program(workspace=team.workspace, name="Acme Rides Pro", creator=team.owner)
    client = sign_in(team.owner)

    first = client.get(URL, {"q": "rides"}).text
    second = client.get(URL, {"q": "rides", "page": 2}).text

    assert "Page 1 of 2" in first
    assert "?q=rides&amp;page=2" in first
    assert "Acme Rides</a>" in second


def test_a_long_list_counts_only_fifty_pages_ahead(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 1
    for number in range(50):
        make_mini_program(workspace=team.workspace, name=f"Program {number:02}", creator=team.owner)
    client = sign_in(team.owner)

    first = client.get(URL).text
    last = client.get(URL, {"page": 52}).text

    assert "Page 1 of 51+" in first
    assert "Page 52 of 52" in last
    assert 'rel="next"' not in last


def count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_number_of_queries_is_the_same_for_1_and_50_rows(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 50
    team.assigned_mini_program.delete()
    team.other_mini_program.delete()
    make_mini_program(workspace=team.workspace, name="Only One", creator=team.master)
    client = sign_in(team.owner)
    one_row = count_list_queries(client)

    for number in range(49):
        make_mini_program(
            workspace=team.workspace, name=f"Program {number:02}", creator=team.master
        )
    fifty_rows = count_list_queries(client)

    assert one_row == fifty_rows


def test_it_names_each_default_language_in_the_reader_s_language(sign_in, team):
    team.other_mini_program.default_language = "en-GB"
    team.other_mini_program.listings.update(language="en-GB")
    team.other_mini_program.save()
    client = sign_in(team.owner)

    assert "<td>English (United Kingdom)</td>" in client.get(URL).text
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(URL).text
    assert "<td>English (United Kingdom)</td>" not in chinese
    assert "<td>英语（英国）</td>" in chinese  # noqa: RUF001 (the catalogue uses full-width brackets)


def mini_program_queries(client, **params) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return [query["sql"] for query in queries if "miniprograms_" in query["sql"]]


def test_a_list_seen_before_is_drawn_from_the_cache_without_reading_mini_programs(sign_in, team):
    client = sign_in(team.owner)

    assert mini_program_queries(client)
    assert mini_program_queries(client) == []
    assert "Acme Rides" in client.get(URL).text


def test_it_shows_a_renamed_mini_program_at_once(sign_in, team):
    client = sign_in(team.owner)
    client.get(URL)

    listing = team.other_mini_program.listings.get()
    listing.name = "Acme Feasts"
    listing.save()

    html = client.get(URL).text
    assert "Acme Feasts" in html
    assert "Acme Eats" not in html


def test_it_drops_a_deleted_mini_program_at_once(sign_in, team):
    client = sign_in(team.owner)
    client.get(URL)

    team.other_mini_program.delete()

    assert "Acme Eats" not in client.get(URL).text


def test_it_shows_a_creator_s_new_name_at_once(sign_in, team):
    client = sign_in(team.master)
    client.get(URL)

    team.owner.full_name = "Olivia Renamed"
    team.owner.save()

    assert "Olivia Renamed" in client.get(URL).text


def test_a_deleted_creator_leaves_a_dash(sign_in, team):
    client = sign_in(team.master)
    client.get(URL)

    team.owner.delete()

    html = client.get(URL).text
    assert "Olivia Owner" not in html
    assert "<td>—</td>" in html


def test_a_developer_sees_a_new_assignment_at_once(sign_in, team):
    client = sign_in(team.developer)
    assert "Acme Eats" not in client.get(URL).text

    team.developer_membership.assigned_mini_programs.add(team.other_mini_program)
    assert "Acme Eats" in client.get(URL).text

    team.developer_membership.assigned_mini_programs.remove(team.other_mini_program)
    assert "Acme Eats" not in client.get(URL).text


def test_a_developer_never_gets_the_list_a_master_saw(sign_in, team):
    assert "Acme Eats" in sign_in(team.master).get(URL).text

    html = sign_in(team.developer).get(URL).text

    assert "Acme Rides" in html
    assert "Acme Eats" not in html


def test_a_page_number_out_of_range_never_stands_in_for_page_one(sign_in, team, settings):
    settings.MINI_PROGRAMS_PAGE_SIZE = 1
    client = sign_in(team.owner)

    assert "Page 1 of 2" in client.get(URL, {"page": 0}).text
    assert "Page 2 of 2" in client.get(URL, {"page": 99}).text
    first = client.get(URL).text
    assert "Page 1 of 2" in first
    assert "Acme Eats" in first  # the newest comes first
