from django.urls import reverse

from miniprograms.models import Listing
from miniprograms.services import language_add


def url(mini_program, **query):
    return reverse("miniprograms:detail", args=[mini_program.app_id])


def test_it_shows_information_languages_developers_and_activity(sign_in, team):
    client = sign_in(team.owner)
    client.post(
        reverse("miniprograms:language_add", args=[team.assigned_mini_program.app_id]),
        {
            "language": "fr",
            "name": "Acme Trajets",
            "tagline": "Partez en un clic",
            "description": "Réservez un trajet en ville en quelques secondes.",
        },
    )

    html = client.get(url(team.assigned_mini_program)).text

    assert team.assigned_mini_program.app_id in html
    assert "Acme Trajets" in html
    assert "Dana Developer" in html
    assert "Language added" in html


def test_a_developer_sees_it_without_activity_or_changes(sign_in, team):
    html = sign_in(team.developer).get(url(team.assigned_mini_program)).text

    assert "Acme Rides" in html
    assert 'id="activity"' not in html
    assert "Add language" not in html
    assert reverse("miniprograms:edit", args=[team.assigned_mini_program.app_id]) not in html


def test_the_preview_shows_what_a_device_language_sees(sign_in, team):
    language_add(
        mini_program=team.assigned_mini_program,
        actor=team.owner,
        language="fr",
        name="Acme Trajets",
        tagline="Partez en un clic",
        description="Réservez un trajet en ville en quelques secondes.",
    )
    client = sign_in(team.owner)

    french = client.get(url(team.assigned_mini_program), {"device": "fr-CA"}).text
    german = client.get(url(team.assigned_mini_program), {"device": "de-DE"}).text

    assert "A device in fr-CA sees the French listing" in french
    assert "A device in de-DE sees the English listing" in german


def test_an_unknown_app_id_is_a_404(sign_in, team):
    assert sign_in(team.owner).get("/console/mini-programs/1234567890123456/").status_code == 404


def test_another_workspaces_mini_program_is_a_404_without_its_data(sign_in, team):
    response = sign_in(team.owner).get(url(team.other_workspace_mini_program))

    assert response.status_code == 404
    assert "Globex Maps" not in response.text
    assert Listing.objects.filter(name="Globex Maps").exists()


def test_it_shows_a_dash_once_the_creator_s_account_is_deleted(sign_in, team):
    team.owner.delete()

    response = sign_in(team.master).get(
        reverse("miniprograms:detail", args=[team.other_mini_program.app_id])
    )

    assert response.status_code == 200
    assert "<dd>—</dd>" in response.text
