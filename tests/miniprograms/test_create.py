import pytest
from django.urls import reverse
from PIL import Image

from core.models import ActivityEvent
from miniprograms.models import MiniProgram
from tests.miniprograms.helpers import BAD_LOGOS, form_data, png_upload, stored_files, upload

URL = reverse("miniprograms:create")


def test_a_master_creates_a_complete_mini_program(sign_in, team, media_root):
    response = sign_in(team.master).post(URL, form_data())

    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    assert response.status_code == 302
    assert response.url == reverse("miniprograms:detail", args=[mini_program.app_id])
    assert mini_program.is_complete
    assert mini_program.workspace == team.workspace
    assert mini_program.creator == team.master
    assert len(mini_program.app_id) == 16 and mini_program.app_id.isdigit()
    assert mini_program.customer_service_phone == "0571-88888888"
    listing = mini_program.default_listing
    assert (listing.language, listing.tagline) == ("en", "Park in seconds")
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_CREATED)
    assert event.actor == team.master
    assert event.after["name"] == "Acme Parking"


def test_the_logo_is_stored_re_encoded_under_a_generated_name(sign_in, team, media_root):
    sign_in(team.owner).post(URL, form_data(logo=png_upload(name="my company logo.png")))

    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    assert "company" not in mini_program.logo.name
    assert stored_files(media_root) == [mini_program.logo.name]
    with Image.open(mini_program.logo.path) as image:
        assert image.format == "PNG"
        assert image.size == (64, 64)


def test_it_keeps_what_was_typed_next_to_the_errors(sign_in, team, media_root):
    response = sign_in(team.owner).post(
        URL, form_data(name="一二三四五六七八九十一二三四五六", logo=png_upload(64, 48))
    )

    assert response.status_code == 200
    html = response.text
    assert "it is 32 characters long" in html
    assert "The logo must be square; this one is 64 x 48 pixels." in html
    assert 'value="Park in seconds"' in html
    assert 'value="0571-88888888"' in html
    assert 'value="service@example.com"' in html
    assert not MiniProgram.objects.filter(listings__name="Park in seconds").exists()
    assert MiniProgram.objects.count() == 3
    assert stored_files(media_root) == []


def test_every_field_is_required(sign_in, team):
    response = sign_in(team.owner).post(URL, {})

    assert response.status_code == 200
    assert response.text.count("<li>This field is required.</li>") == 8
    assert MiniProgram.objects.count() == 3


def test_the_name_is_unique_on_the_platform_ignoring_case_and_width(sign_in, team):
    response = sign_in(team.owner).post(URL, form_data(name="ＧＬＯＢＥＸ maps"))  # noqa: RUF001

    assert "Another mini program is already called" in response.text
    assert MiniProgram.objects.count() == 3


@pytest.mark.parametrize(
    ("taken", "typed"),
    [
        ("Acme \u2764 Park", "acme \u2764\ufe0f park"),  # emoji presentation selector
        ("Dev \U0001f469\U0001f4bb", "Dev \U0001f469\u200d\U0001f4bb"),  # zero-width joiner
    ],
)
def test_names_that_differ_only_in_characters_shown_as_nothing_are_one_name(
    sign_in, team, taken, typed
):
    client = sign_in(team.owner)
    assert client.post(URL, form_data(name=taken)).status_code == 302

    response = sign_in(team.outsider).post(URL, form_data(name=typed))

    assert response.status_code == 200
    assert "Another mini program is already called" in response.text
    assert not MiniProgram.objects.filter(listings__name=typed).exists()


def test_alipay_china_forces_chinese_simplified(sign_in, team):
    sign_in(team.owner).post(URL, form_data(release_to_alipay_china="on", default_language="fr"))

    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    assert mini_program.release_to_alipay_china
    assert mini_program.default_language == "zh-Hans"
    assert mini_program.default_listing.language == "zh-Hans"


def test_the_alipay_china_quota_is_enforced(sign_in, team, settings):
    settings.ALIPAY_CHINA_QUOTA = 1
    team.other_mini_program.listings.update(language="zh-Hans")
    MiniProgram.objects.filter(pk=team.other_mini_program.pk).update(
        release_to_alipay_china=True, default_language="zh-Hans"
    )

    response = sign_in(team.owner).post(URL, form_data(release_to_alipay_china="on"))

    assert response.status_code == 200
    assert "already releases 1 mini program to Alipay China" in response.text
    assert not MiniProgram.objects.filter(listings__name="Acme Parking").exists()


def test_the_quota_counts_only_this_workspace(sign_in, team, settings):
    settings.ALIPAY_CHINA_QUOTA = 1
    other = team.other_workspace_mini_program
    other.listings.update(language="zh-Hans")
    MiniProgram.objects.filter(pk=other.pk).update(
        release_to_alipay_china=True, default_language="zh-Hans"
    )

    response = sign_in(team.owner).post(URL, form_data(release_to_alipay_china="on"))

    assert response.status_code == 302


def test_a_developer_may_not_create(sign_in, team):
    client = sign_in(team.developer)

    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert MiniProgram.objects.count() == 3


def test_the_form_shows_the_labels_of_the_spec(sign_in, team):
    html = sign_in(team.owner).get(URL).text

    for label in (
        "Release To",
        "Alipay China",
        "Language",
        "Mini Program Name",
        "Tagline",
        "Description",
        "Logo",
        "Mini Program Industry",
        "Customer Service Contact Number",
        "Customer Service Contact Email",
    ):
        assert label in html


@pytest.mark.parametrize("case", BAD_LOGOS, ids=list(BAD_LOGOS))
def test_a_bad_logo_gets_a_field_error_and_leaves_no_file(case, sign_in, team, media_root):
    content, name, _code = BAD_LOGOS[case]

    response = sign_in(team.owner).post(URL, form_data(logo=upload(content, name=name)))

    assert response.status_code == 200
    logo_group = response.text.split('for="id_logo"')[1].split('name="logo"')[0]
    assert 'class="errorlist' in logo_group
    assert not MiniProgram.objects.filter(listings__name="Acme Parking").exists()
    assert stored_files(media_root) == []


def test_the_form_speaks_simplified_chinese(sign_in, team, settings):
    client = sign_in(team.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    html = client.get(URL).text
    refused = client.post(URL, form_data(name="ab", customer_service_phone="123")).text

    for label in ("发布到", "支付宝中国", "小程序名称", "标语", "描述", "图标", "小程序行业"):
        assert label in html
    assert "客服电话" in html and "客服邮箱" in html
    assert "当前为 2 个字符" in refused
    assert "XXXX-XXXXXXX" in refused


def test_a_name_that_folds_much_longer_is_stored(sign_in, team):
    # U+FDFA is one character that NFKC turns into eighteen.
    response = sign_in(team.owner).post(URL, form_data(name="\ufdfa" * 30))

    assert response.status_code == 302
    assert MiniProgram.objects.filter(listings__name="\ufdfa" * 30).exists()
