from django.urls import reverse

from core.models import ActivityEvent
from miniprograms.models import Listing, MiniProgram
from miniprograms.services import language_add

FRENCH = {
    "name": "Acme Trajets",
    "tagline": "Partez en un clic",
    "description": "Réservez un trajet en ville en quelques secondes.",
}


def add_french(team):
    return language_add(
        mini_program=team.assigned_mini_program, actor=team.owner, language="fr", **FRENCH
    )


def language_url(name, team, language=None):
    args = [team.assigned_mini_program.app_id] + ([language] if language else [])
    return reverse(f"miniprograms:{name}", args=args)


def test_a_master_adds_a_language(sign_in, team):
    response = sign_in(team.master).post(
        language_url("language_add", team), {"language": "fr", **FRENCH}
    )

    assert response.status_code == 302
    listing = Listing.objects.get(mini_program=team.assigned_mini_program, language="fr")
    assert listing.name == "Acme Trajets"
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.LANGUAGE_ADDED)
    assert event.after["language"] == "fr"
    assert event.target_id == str(team.assigned_mini_program.pk)


def test_a_language_follows_the_same_rules(sign_in, team):
    response = sign_in(team.owner).post(
        language_url("language_add", team),
        {"language": "fr", "name": "Globex Maps", "tagline": "short", "description": "short"},
    )

    assert response.status_code == 200
    assert "Another mini program is already called" in response.text
    assert "The tagline must be 10 to 30 characters long; it is 5." in response.text
    assert "The description must be 20 to 200 characters long; it is 5." in response.text
    assert not Listing.objects.filter(language="fr").exists()


def test_a_program_may_use_its_own_name_in_another_language(sign_in, team):
    response = sign_in(team.owner).post(
        language_url("language_add", team), {"language": "en-GB", **FRENCH, "name": "Acme Rides"}
    )

    assert response.status_code == 302


def test_languages_already_there_are_not_offered(sign_in, team):
    html = sign_in(team.owner).get(language_url("language_add", team)).text

    assert '<option value="fr">' in html
    assert '<option value="en">' not in html


def test_editing_a_language_records_the_change(sign_in, team):
    add_french(team)

    response = sign_in(team.owner).post(
        language_url("language_edit", team, "fr"), {**FRENCH, "tagline": "Partez tout de suite"}
    )

    assert response.status_code == 302
    assert Listing.objects.get(language="fr").tagline == "Partez tout de suite"
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.LANGUAGE_UPDATED)
    assert event.changed_fields() == [("tagline", "Partez en un clic", "Partez tout de suite")]


def test_a_language_can_be_made_default_then_the_old_default_deleted(sign_in, team):
    add_french(team)
    client = sign_in(team.owner)

    client.post(language_url("language_make_default", team, "fr"))
    response = client.post(language_url("language_delete", team, "en"))

    mini_program = MiniProgram.objects.get(pk=team.assigned_mini_program.pk)
    assert response.status_code == 302
    assert mini_program.default_language == "fr"
    assert mini_program.languages == ["fr"]
    actions = set(ActivityEvent.objects.values_list("action", flat=True))
    assert {ActivityEvent.Action.LANGUAGE_MADE_DEFAULT, ActivityEvent.Action.LANGUAGE_DELETED} <= (
        actions
    )


def test_the_default_language_cannot_be_deleted(sign_in, team):
    add_french(team)
    client = sign_in(team.owner)

    response = client.post(language_url("language_delete", team, "en"), follow=True)

    assert "The default language cannot be deleted." in response.text
    assert team.assigned_mini_program.listings.count() == 2


def test_the_last_language_cannot_be_deleted(sign_in, team):
    response = sign_in(team.owner).post(language_url("language_delete", team, "en"), follow=True)

    assert "cannot be deleted" in response.text
    assert team.assigned_mini_program.listings.count() == 1


def test_alipay_china_keeps_chinese_the_default(sign_in, team):
    mini_program = team.assigned_mini_program
    mini_program.listings.update(language="zh-Hans")
    MiniProgram.objects.filter(pk=mini_program.pk).update(
        release_to_alipay_china=True, default_language="zh-Hans"
    )
    add_french(team)

    response = sign_in(team.owner).post(
        language_url("language_make_default", team, "fr"), follow=True
    )

    assert "keeps Chinese (Simplified) as its default language" in response.text
    assert MiniProgram.objects.get(pk=mini_program.pk).default_language == "zh-Hans"


def test_an_unknown_language_is_a_404(sign_in, team):
    assert sign_in(team.owner).get(language_url("language_edit", team, "xx")).status_code == 404
