import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from miniprograms.models import MiniProgram
from onboarding.models import Onboarding
from tests.onboarding.conftest import (
    basic_information,
    choose,
    created_on_my_own,
    refused,
    wizard,
)
from tests.personas import make_owner

URL = reverse("onboarding:basic_information")
SIXTEEN_CHINESE_CHARACTERS = "快乐出行每日精选好物推荐城市生活"


def test_it_waits_for_a_choice_on_the_start_page(owner):
    response = owner.get(URL)

    assert response.url == reverse("onboarding:start")


def test_it_shows_the_step_1_fields_and_buttons(owner):
    choose(owner, "own")

    page = owner.get(URL).content.decode()

    for label in ("Default Language", "Mini Program Name", "Release To", "Alipay China"):
        assert label in page
    assert ">Next</button>" in page
    assert ">Skip for now</button>" in page


def test_next_creates_the_mini_program_and_opens_step_2(owner, newcomer):
    choose(owner, "own")

    response = basic_information(owner, name="Nina Rides", language="en")

    assert response.url == reverse("onboarding:add_members")
    mini_program = MiniProgram.objects.get()
    assert mini_program.name == "Nina Rides"
    assert mini_program.default_language == "en"
    assert mini_program.creator == newcomer
    assert mini_program.workspace == wizard(newcomer).workspace
    assert wizard(newcomer).mini_program == mini_program
    assert not mini_program.is_complete


def test_skip_for_now_also_saves_the_mini_program_and_opens_the_done_page(owner, newcomer):
    choose(owner, "own")

    response = basic_information(owner, name="Nina Rides", action="skip")

    assert response.url == reverse("onboarding:done")
    assert wizard(newcomer).mini_program == MiniProgram.objects.get()


def test_skip_for_now_validates_too(owner):
    choose(owner, "own")

    response = refused(basic_information(owner, name="ab", action="skip", follow=True), URL)

    assert response.context["form"].errors["name"]
    assert not MiniProgram.objects.exists()


def test_a_name_too_long_is_refused_with_the_typed_values_kept(owner):
    choose(owner, "own")

    response = refused(
        basic_information(owner, name=SIXTEEN_CHINESE_CHARACTERS, language="ja", follow=True), URL
    )

    form = response.context["form"]
    assert "name" in form.errors
    page = response.content.decode()
    assert f'value="{SIXTEEN_CHINESE_CHARACTERS}"' in page
    assert '<option value="ja" selected>' in page
    assert not MiniProgram.objects.exists()


def test_a_refused_form_is_shown_again_after_a_reload(owner):
    choose(owner, "own")
    basic_information(owner, name=SIXTEEN_CHINESE_CHARACTERS, language="ja")

    response = owner.get(URL)

    assert response.context["form"].errors["name"]
    assert f'value="{SIXTEEN_CHINESE_CHARACTERS}"' in response.content.decode()


def test_what_is_typed_but_not_submitted_is_kept_as_a_draft(owner, newcomer):
    choose(owner, "own")

    response = owner.post(
        URL, {"default_language": "ko", "name": "Half typ", "action": "draft", "revision": "0"}
    )

    assert response.status_code == 204
    assert not MiniProgram.objects.exists()
    page = owner.get(URL)
    assert 'value="Half typ"' in page.content.decode()
    assert '<option value="ko" selected>' in page.content.decode()
    assert not page.context["form"].is_bound


def test_alipay_china_fixes_the_language_to_chinese_simplified(owner):
    choose(owner, "own")

    basic_information(owner, name="Nina Rides", language="en", alipay=True)

    mini_program = MiniProgram.objects.get()
    assert mini_program.release_to_alipay_china
    assert mini_program.default_language == "zh-Hans"


def test_coming_back_to_step_1_shows_the_mini_program_saved(owner):
    created_on_my_own(owner, name="Nina Rides", language="ko")

    page = owner.get(URL).content.decode()

    assert 'value="Nina Rides"' in page
    assert '<option value="ko" selected>' in page


def test_coming_back_to_step_1_edits_the_same_mini_program(owner, newcomer):
    created_on_my_own(owner, name="Nina Rides")

    response = basic_information(owner, name="Nina Travels", language="ja")

    assert response.url == reverse("onboarding:add_members")
    mini_program = MiniProgram.objects.get()
    assert mini_program.name == "Nina Travels"
    assert mini_program.default_language == "ja"
    assert wizard(newcomer).step == Onboarding.Step.ADD_MEMBERS


def test_a_name_taken_on_the_platform_is_refused(owner, team):
    choose(owner, "own")

    response = refused(basic_information(owner, name="acme rides", follow=True), URL)

    assert response.context["form"].errors["name"]
    assert not MiniProgram.objects.filter(creator__email="nina@example.com").exists()


def test_it_forbids_a_master(sign_in, team):
    assert sign_in(team.master).get(URL).status_code == 403


def test_it_speaks_simplified_chinese_and_keeps_the_values(owner):
    choose(owner, "own")

    response = owner.post(
        URL,
        {"default_language": "ja", "name": SIXTEEN_CHINESE_CHARACTERS, "action": "next"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="zh-Hans",
    )

    page = response.content.decode()
    assert "第 1 步：设置基本信息" in page  # noqa: RUF001 (the Chinese colon is right)
    assert "暂时跳过" in page
    assert response.context["form"].errors["name"]
    assert f'value="{SIXTEEN_CHINESE_CHARACTERS}"' in page


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_step_1_at_once_make_one_mini_program():
    nina = make_owner(full_name="Nina Newcomer", email="nina@example.com", workspace_name="Nina's")
    tabs = []
    for _ in range(2):
        tab = Client()
        tab.force_login(nina)
        choose(tab, "own")
        tabs.append(tab)
    start = threading.Barrier(len(tabs))
    statuses = []

    def submit(tab, name):
        try:
            start.wait()
            statuses.append(basic_information(tab, name=name).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=submit, args=(tab, name))
        for tab, name in zip(tabs, ["Nina Rides", "Nina Travels"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302, 302]
    assert MiniProgram.objects.count() == 1
