from django.urls import reverse

from miniprograms.services import language_add
from tests.miniprograms.helpers import complete_program


def url(mini_program):
    return reverse("miniprograms:listing_json", args=[mini_program.app_id])


def add_english_variants(team):
    for language, name in (("en-GB", "Acme Rides UK"), ("zh-Hans", "爱克米出行")):
        language_add(
            mini_program=team.assigned_mini_program,
            actor=team.owner,
            language=language,
            name=name,
            tagline="A tagline long enough",
            description="A description that is long enough.",
        )


def test_it_returns_the_listing_for_the_lang_parameter(sign_in, team):
    add_english_variants(team)

    data = sign_in(team.developer).get(url(team.assigned_mini_program), {"lang": "en-GB"}).json()

    assert data["app_id"] == team.assigned_mini_program.app_id
    assert data["language"] == "en-GB"
    assert data["name"] == "Acme Rides UK"
    assert data["default_language"] == "en"


def test_it_falls_back_to_the_base_language_then_the_default(sign_in, team):
    add_english_variants(team)
    client = sign_in(team.owner)

    assert client.get(url(team.assigned_mini_program), {"lang": "en-AU"}).json()["language"] == "en"
    assert client.get(url(team.assigned_mini_program), {"lang": "de"}).json()["language"] == "en"


def test_it_reads_the_accept_language_header(sign_in, team):
    add_english_variants(team)

    response = sign_in(team.owner).get(
        url(team.assigned_mini_program), headers={"accept-language": "zh-CN,zh;q=0.9,en;q=0.8"}
    )

    assert response.json()["name"] == "爱克米出行"
    assert "Accept-Language" in response["Vary"]


def test_the_lang_parameter_wins_over_the_header(sign_in, team):
    add_english_variants(team)

    response = sign_in(team.owner).get(
        url(team.assigned_mini_program), {"lang": "en-GB"}, headers={"accept-language": "zh-CN"}
    )

    assert response.json()["language"] == "en-GB"


def test_it_links_the_logo_of_a_complete_program(sign_in, team):
    mini_program = complete_program(team)

    data = sign_in(team.owner).get(url(mini_program)).json()

    assert data["logo_url"] == mini_program.logo_url
    assert data["industry"]["code"] == "parking"
    assert data["is_complete"] is True


def test_others_get_a_404_without_data(sign_in, team, client):
    anonymous = client.get(url(team.assigned_mini_program))
    not_assigned = sign_in(team.developer).get(url(team.other_mini_program))
    other_workspace = sign_in(team.outsider).get(url(team.assigned_mini_program))

    for response in (anonymous, not_assigned, other_workspace):
        assert response.status_code == 404
        assert "Acme" not in response.text
