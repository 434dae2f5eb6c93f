"""The list's search through the substring indexes (migration 0007, `search_candidates`): the
same rows, order and pages as the plain `icontains` search, on SQLite and PostgreSQL alike."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership
from bench.seed import seed_workspace
from miniprograms import selectors
from miniprograms.models import Listing, MiniProgram
from miniprograms.selectors import (
    LIST_ORDERINGS,
    ListSort,
    mini_program_list,
    search_candidates,
    search_condition,
    visible_mini_programs,
)
from miniprograms.services import language_add, language_delete, language_update
from tests.personas import make_mini_program

URL = reverse("miniprograms:list")
TEXTS = {"tagline": "Rides shared daily", "description": "Share a ride across the city, any day."}


@pytest.fixture
def programs(team):
    """Acme's mini programs besides the team's two, each with a name worth searching for."""
    made = {
        name: make_mini_program(workspace=team.workspace, name=name, creator=creator)
        for name, creator in [
            ("Rideshare Pro", team.master),
            ("北京出行", team.master),
            ("上海出行服务", team.owner),
            ('Quote "Me" 100%_off', team.owner),
            ("Café Lumière", team.master),
            ("APPLE picker", team.master),
            ("Pineapple Farm", team.owner),
            ("Hôtel ÉTOILE", team.owner),
        ]
    }
    language_add(
        mini_program=made["Rideshare Pro"],
        actor=team.owner,
        language="zh-Hans",
        name="共享出行专业版",
        **TEXTS,
    )
    return made


def membership(user):
    return Membership.objects.get(user=user)


def plain_search(user, term, sort=ListSort.NEWEST) -> list[str]:
    """The list's search without the indexes: the condition alone, in list order."""
    return list(
        visible_mini_programs(membership(user))
        .filter(search_condition(term))
        .order_by(*LIST_ORDERINGS[sort])
        .values_list("app_id", flat=True)
    )


def listed(user, term, sort=ListSort.NEWEST) -> list[str]:
    return list(
        mini_program_list(membership(user), search=term, sort=sort).values_list("app_id", flat=True)
    )


TERMS = [
    "a",  # one character: the plain search
    "出行",  # two: the plain search
    "Rid",  # three: the indexes from here on
    "rIDEshare",
    "北京出",
    "出行服务",
    "共享出行",  # another language than the default
    "apple",  # two programs, in different case
    '"Me"',  # FTS5's quotes, and LIKE's wildcards, taken literally
    "100%_",
    "0%_o",
    "olivia@acme",  # the creator's email
    "max@acme.test",
    "Max Mas",  # the creator's name
    "acme.test",
    "étoile",  # SQLite's LIKE folds only ASCII, its FTS5 table folds É too: LIKE decides
    "zzqx",  # nothing
]


@pytest.mark.parametrize("term", TERMS)
def test_the_indexed_search_lists_the_same_rows_as_the_plain_search(team, programs, term):
    for sort in ListSort:
        assert listed(team.owner, term, sort) == plain_search(team.owner, term, sort), sort


@pytest.mark.parametrize("term", TERMS)
def test_the_indexes_are_asked_only_for_terms_of_three_characters_or_more(team, programs, term):
    candidates = search_candidates(term)

    if len(term) < 3:
        assert candidates is None
    else:
        # Exactly the mini programs the plain search matches, in every workspace.
        matches = MiniProgram.objects.filter(search_condition(term)).values_list("pk", flat=True)
        assert candidates == sorted(matches)


@pytest.mark.parametrize(
    "filters",
    [{"status": "complete"}, {"status": "incomplete"}, {"release_to": "not-alipay-china"}],
)
@pytest.mark.parametrize("term", ["出行", "rIDEshare", "apple", "max@acme.test"])
def test_the_indexed_search_combines_with_the_filters_as_the_plain_search_does(
    team, programs, monkeypatch, term, filters
):
    indexed = list(
        mini_program_list(membership(team.owner), search=term, **filters).values_list(
            "app_id", flat=True
        )
    )
    monkeypatch.setattr(selectors, "search_candidates", lambda search: None)

    assert indexed == list(
        mini_program_list(membership(team.owner), search=term, **filters).values_list(
            "app_id", flat=True
        )
    )


def test_an_app_id_fragment_is_found_through_the_index(team, programs):
    app_id = programs["Pineapple Farm"].app_id

    candidates = search_candidates(app_id[3:12])

    assert programs["Pineapple Farm"].pk in candidates
    assert listed(team.owner, app_id[3:12]) == plain_search(team.owner, app_id[3:12])


def test_a_developer_s_indexed_search_still_lists_only_their_mini_programs(team, programs):
    assert listed(team.developer, "Acme") == [team.assigned_mini_program.app_id]


def test_candidates_from_another_workspace_are_never_listed(team, programs):
    globex = team.other_workspace_mini_program

    assert search_candidates("Globex") == [globex.pk]
    assert listed(team.owner, "Globex") == []
    assert listed(team.outsider, "Globex") == [globex.app_id]


@pytest.mark.parametrize("term", ["ride", "APPLE", "acme.test", "Max Mas", "出行服务"])
def test_a_broad_term_lists_the_same_rows_as_the_plain_search(team, programs, monkeypatch, term):
    # Past this many candidates a term is broad, and searched row by row in list order.
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATE_LIMIT", 1)

    for sort in ListSort:
        assert listed(team.owner, term, sort) == plain_search(team.owner, term, sort), sort


def test_a_term_with_more_candidates_than_the_limit_is_broad(team, programs, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATE_LIMIT", 2)

    assert search_candidates("acme.test") is None
    assert search_candidates("apple") is not None
    assert len(plain_search(team.owner, "acme.test")) == 10


# The index follows every change.


def test_a_renamed_listing_is_found_by_its_new_name_only(team, programs):
    listing = programs["Rideshare Pro"].listings.get(language="en")

    language_update(listing=listing, actor=team.owner, name="Carpool Deluxe", **TEXTS)

    assert search_candidates("Carpool") == [programs["Rideshare Pro"].pk]
    assert search_candidates("Rideshare") == []


def test_a_deleted_language_no_longer_finds_its_mini_program(team, programs):
    listing = programs["Rideshare Pro"].listings.get(language="zh-Hans")

    language_delete(listing=listing, actor=team.owner)

    assert search_candidates("共享出行") == []
    assert search_candidates("Rideshare") == [programs["Rideshare Pro"].pk]


def test_a_deleted_mini_program_leaves_no_candidate_behind(team, programs):
    deleted = programs["北京出行"]
    deleted_pk, app_id = deleted.pk, deleted.app_id

    deleted.delete()

    assert deleted_pk not in search_candidates("北京出")
    assert search_candidates(app_id) == []


def test_listings_written_in_bulk_are_indexed(team):
    # The benchmark seeds with bulk_create, which skips save().
    mini_program = MiniProgram.objects.bulk_create(
        [MiniProgram(workspace=team.workspace, default_language="en", app_id="9876543210123456")]
    )[0]
    Listing.objects.bulk_create(
        [Listing(mini_program=mini_program, language="en", name="Bulk Loaded", name_key="x")]
    )

    assert search_candidates("bulk load") == [mini_program.pk]
    assert search_candidates("54321012") == [mini_program.pk]


def test_the_benchmark_s_seeded_workspace_is_searched_through_the_index(sign_in, db):
    seeded = seed_workspace(label="indexed", mini_programs=120)
    number = 42
    expected = [f"Bench {seeded.workspace.pk} App {number}"]

    assert len(search_candidates(f"App {number}")) == 1
    assert names_shown(sign_in(seeded.owner), f"App {number}") == expected


def test_a_listing_renamed_with_update_is_indexed(team, programs):
    Listing.objects.filter(name="Pineapple Farm").update(name="Mango Grove")

    assert search_candidates("mango") == [programs["Pineapple Farm"].pk]
    assert search_candidates("pineapple") == []


def test_an_app_id_changed_with_update_is_indexed(team, programs):
    MiniProgram.objects.filter(pk=programs["Pineapple Farm"].pk).update(app_id="7777777777777777")

    assert search_candidates("7777777") == [programs["Pineapple Farm"].pk]
    assert listed(team.owner, "7777777") == ["7777777777777777"]


def test_a_creator_who_renames_themselves_is_found_by_the_new_name(sign_in, team, programs):
    team.master.full_name = "Maxine Mustermann"
    team.master.save()
    client = sign_in(team.owner)

    html = client.get(URL, {"q": "mustermann"}).text

    assert "Rideshare Pro" in html and "北京出行" in html
    assert "Pineapple Farm" not in html
    assert "No mini program matches your search." in client.get(URL, {"q": "Max Mas"}).text


def test_a_creator_who_changes_email_is_found_by_the_new_email(sign_in, team, programs):
    team.owner.email = "olivia.owner@acme.example"
    team.owner.save()
    client = sign_in(team.owner)

    html = client.get(URL, {"q": "owner@acme.ex"}).text

    assert "Pineapple Farm" in html and "Acme Rides" in html
    assert "Rideshare Pro" not in html


# What a user sees, the same on SQLite and PostgreSQL: each expected list is written out by
# hand, not computed by either database, and CI runs this file on both.

SEEN = [
    ("出行", ["上海出行服务", "北京出行", "Rideshare Pro"]),
    ("Rid", ["Rideshare Pro", "Acme Rides"]),
    ("APPLE", ["Pineapple Farm", "APPLE picker"]),
    ("北京出", ["北京出行"]),
    ("出行服务", ["上海出行服务"]),
    ('"me" 100%_', ['Quote "Me" 100%_off']),
    ("max@acme", ["APPLE picker", "Café Lumière", "北京出行", "Rideshare Pro"]),
    ("lumière", ["Café Lumière"]),
    ("zzqx", []),
]


def names_shown(client, term) -> list[str]:
    """The names on every page of the search, in the order shown, following the Next links."""
    names, page = [], 1
    while True:
        response = client.get(URL, {"q": term, "page": page})
        assert response.status_code == 200
        names += [html.unescape(name) for name in NAME_CELL.findall(response.text)]
        if 'rel="next"' not in response.text:
            return names
        page += 1


NAME_CELL = re.compile(r'<td><a href="/[^"]*">([^<]*)</a></td>')


@pytest.mark.parametrize(("term", "names"), SEEN)
def test_a_search_shows_the_same_mini_programs_on_every_database(
    sign_in, team, programs, settings, term, names
):
    settings.MINI_PROGRAMS_PAGE_SIZE = 2

    assert names_shown(sign_in(team.owner), term) == names, connection.vendor


def test_a_search_seen_before_is_drawn_from_the_cache_without_asking_the_indexes(
    sign_in, team, programs
):
    client = sign_in(team.owner)
    assert "Rideshare Pro" in client.get(URL, {"q": "Rideshare"}).text

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"q": "Rideshare"})

    assert "Rideshare Pro" in response.text
    assert not [query for query in queries if "miniprograms_" in query["sql"]]
