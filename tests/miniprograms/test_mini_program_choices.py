"""The search behind the App ID field of a workspace with many mini programs."""

URL = "/console/mini-programs/choices.json"


def results(client, query: str) -> list[dict]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return response.json()["results"]


def test_it_finds_mini_programs_by_name_or_app_id(team, sign_in):
    client = sign_in(team.master)
    rides = team.assigned_mini_program

    assert results(client, "rides") == [{"app_id": rides.app_id, "name": "Acme Rides"}]
    assert results(client, rides.app_id[-6:]) == [{"app_id": rides.app_id, "name": "Acme Rides"}]
    assert [found["name"] for found in results(client, "acme")] == ["Acme Eats", "Acme Rides"]


def test_it_never_finds_another_workspace_s_mini_programs(team, sign_in):
    assert results(sign_in(team.owner), "Globex") == []


def test_an_empty_or_overlong_search_finds_nothing(team, sign_in):
    client = sign_in(team.owner)

    assert results(client, "") == []
    assert results(client, "a" * 101) == []


def test_a_developer_may_not_search(team, sign_in):
    assert sign_in(team.developer).get(URL, {"q": "acme"}).status_code == 403
