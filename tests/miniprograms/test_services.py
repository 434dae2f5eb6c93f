"""The services other apps call (the onboarding wizard's step 1) and their own re-checks."""

import pytest
from django.core.exceptions import ValidationError

from core.models import ActivityEvent
from miniprograms.forms import BasicInformationForm
from miniprograms.models import MiniProgram
from miniprograms.services import (
    language_add,
    mini_program_create,
    mini_program_create_basic,
    mini_program_update_basic,
)
from tests.miniprograms.helpers import form_data


def create_basic(team, **overrides):
    arguments = {
        "workspace": team.workspace,
        "creator": team.owner,
        "name": "Acme Wizard",
        "default_language": "en",
        "release_to_alipay_china": False,
    } | overrides
    return mini_program_create_basic(**arguments)


def test_step_one_creates_an_incomplete_program_with_its_default_listing(team):
    mini_program = create_basic(team)

    assert not mini_program.is_complete
    assert [(item.language, item.name) for item in mini_program.listings.all()] == [
        ("en", "Acme Wizard")
    ]
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_CREATED)
    assert event.target_id == str(mini_program.pk)


def test_going_back_to_step_one_edits_the_same_program(team):
    mini_program = create_basic(team)

    mini_program_update_basic(
        mini_program=mini_program,
        actor=team.owner,
        name="Acme Wizard Two",
        default_language="fr",
        release_to_alipay_china=True,
    )

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert MiniProgram.objects.filter(workspace=team.workspace).count() == 3
    assert mini_program.default_language == "zh-Hans"  # Alipay China wins
    assert mini_program.name == "Acme Wizard Two"
    assert mini_program.listings.count() == 1


def test_the_step_one_form_forces_chinese_with_alipay_china_and_excludes_its_own_name(team):
    mini_program = create_basic(team)

    form = BasicInformationForm(
        {"default_language": "fr", "name": "ACME WIZARD", "release_to_alipay_china": "on"},
        instance=mini_program,
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["default_language"] == "zh-Hans"
    assert [field.label for field in form] == [
        "Default Language",
        "Mini Program Name",
        "Alipay China",
    ]
    assert "<legend>Release To</legend>" in form.as_div()


def test_the_step_one_form_refuses_a_taken_name_and_a_full_quota(team, settings):
    settings.ALIPAY_CHINA_QUOTA = 0

    form = BasicInformationForm(
        {"default_language": "en", "name": "Globex Maps", "release_to_alipay_china": "on"},
        workspace=team.workspace,
    )

    assert not form.is_valid()
    assert set(form.errors) == {"name", "release_to_alipay_china"}


def test_the_services_re_check_the_quota_a_form_may_have_passed(team, settings):
    settings.ALIPAY_CHINA_QUOTA = 0

    with pytest.raises(ValidationError) as error:
        create_basic(team, release_to_alipay_china=True)

    assert set(error.value.error_dict) == {"release_to_alipay_china"}
    assert MiniProgram.objects.count() == 3


def test_the_services_key_their_errors_by_field(team):
    data = form_data(tagline="short", customer_service_phone="123")

    with pytest.raises(ValidationError) as error:
        mini_program_create(
            workspace=team.workspace, creator=team.owner, release_to_alipay_china=False, **data
        )

    assert set(error.value.error_dict) == {"tagline", "customer_service_phone"}


def test_a_taken_name_is_refused_by_the_service(team):
    with pytest.raises(ValidationError) as error:
        language_add(
            mini_program=team.assigned_mini_program,
            actor=team.owner,
            language="fr",
            name="acme eats",
            tagline="Partez en un clic",
            description="Réservez un trajet en quelques secondes.",
        )

    assert set(error.value.error_dict) == {"name"}


def test_an_unknown_language_code_is_refused(team):
    with pytest.raises(ValidationError) as error:
        create_basic(team, default_language="xx-YY")

    assert set(error.value.error_dict) == {"default_language"}
    with pytest.raises(ValidationError) as error:
        language_add(
            mini_program=team.assigned_mini_program,
            actor=team.owner,
            language="klingon",
            name="Acme Qapla",
            tagline="A tagline long enough",
            description="A description that is long enough.",
        )
    assert set(error.value.error_dict) == {"language"}
