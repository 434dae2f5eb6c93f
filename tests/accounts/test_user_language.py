"""The console remembers the language each person uses it in, for mail sent while they are away."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User


def language_of(user) -> str:
    return User.objects.get(pk=user.pk).language


def test_an_account_starts_in_the_language_it_was_made_in(db, client):
    client.post(
        "/accounts/signup/",
        {"full_name": "Lin Wei", "email": "lin@example.com", "password": "correct horse 42 b"},
        headers={"accept-language": "zh-CN"},
    )

    assert User.objects.get(email="lin@example.com").language == "zh-hans"


def test_the_language_follows_the_switch(team, sign_in):
    client = sign_in(team.master)
    assert language_of(team.master) == "en"

    client.cookies["django_language"] = "zh-hans"
    client.get("/console/")
    assert language_of(team.master) == "zh-hans"

    client.cookies["django_language"] = "en"
    client.get("/console/")
    assert language_of(team.master) == "en"


def test_the_browser_language_counts_until_one_is_chosen(team, sign_in):
    sign_in(team.master).get("/console/", headers={"accept-language": "zh-CN,zh;q=0.9"})

    assert language_of(team.master) == "zh-hans"


def test_it_is_written_only_when_it_changes(team, sign_in):
    client = sign_in(team.master)
    client.get("/console/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/console/")

    assert [query for query in queries if query["sql"].startswith("UPDATE")] == []
    assert language_of(team.master) == "en"


def test_visitors_who_are_not_signed_in_write_nothing(db, client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/signin/")

    assert [query for query in queries if query["sql"].startswith("UPDATE")] == []
