"""A Master creates a mini program in Chromium, with the scripts that enhance the form."""

from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from miniprograms.models import MiniProgram
from tests.e2e.test_accounts import sign_in
from tests.miniprograms.helpers import curated_industry


@pytest.fixture(autouse=True)
def industries(transactional_db):
    """The live server's database is flushed between tests, data migrations included."""
    curated_industry("parking")


LONG_CHINESE_NAME = "一二三四五六七八九十一二三四五六"  # 16 characters, weighted 32


def write_png(path, width, height):
    output = BytesIO()
    Image.new("RGB", (width, height), (22, 96, 217)).save(output, "PNG")
    path.write_bytes(output.getvalue())
    return path


def open_create_form(page):
    page.get_by_role("navigation", name="Console").get_by_role(
        "link", name="Manage Mini Program"
    ).click()
    page.get_by_role("main").get_by_role("link", name="+ Create Mini Program").click()
    page.get_by_role("heading", name="Create Mini Program").wait_for()


def test_a_master_creates_a_mini_program_and_previews_a_device_language(page, team, tmp_path):
    wide_logo = write_png(tmp_path / "wide.png", 120, 80)
    square_logo = write_png(tmp_path / "square.png", 120, 120)
    sign_in(page, email="max@acme.test")
    page.wait_for_url("**/console/")
    open_create_form(page)

    page.locator("#id_default_language").select_option("zh-Hans")
    page.get_by_label("Mini Program Name").fill(LONG_CHINESE_NAME)
    page.get_by_label("Tagline").fill("停车从未如此简单快捷")
    page.get_by_label("Description").fill("在您附近寻找、预订并支付停车位，几秒钟即可完成。")  # noqa: RUF001
    page.get_by_label("Logo").set_input_files(wide_logo)
    page.get_by_label("Search industries").fill("park")
    page.get_by_label("Mini Program Industry").select_option(label="Parking (停车服务)")
    page.get_by_label("Customer Service Contact Number").fill("0571-88888888")
    page.get_by_label("Customer Service Contact Email").fill("service@example.com")
    expect(page.locator(".char-counter").first).to_have_text("32 / 30")
    # The logo check reads the file in the background; expect waits for its verdict.
    expect(page.locator(".logo-check")).to_contain_text("must be square")
    page.get_by_role("button", name="Create").click()

    # Each message shows next to its field (and again in the summary at the top).
    page.locator("#id_name_error").get_by_text("it is 32 characters long").wait_for()
    logo_error = page.locator("#id_logo_error")
    assert logo_error.get_by_text(
        "The logo must be square; this one is 120 x 80 pixels."
    ).is_visible()
    assert page.get_by_label("Mini Program Name").input_value() == LONG_CHINESE_NAME
    assert page.get_by_label("Tagline").input_value() == "停车从未如此简单快捷"
    assert page.get_by_label("Customer Service Contact Number").input_value() == "0571-88888888"
    assert page.locator("#id_default_language").input_value() == "zh-Hans"
    assert MiniProgram.objects.count() == 3

    page.get_by_label("Mini Program Name").fill("爱克米停车")
    page.get_by_label("Logo").set_input_files(square_logo)
    page.locator(".logo-preview img").wait_for()
    page.get_by_role("button", name="Create").click()

    page.get_by_role("heading", name="爱克米停车").wait_for()
    mini_program = MiniProgram.objects.get(listings__name="爱克米停车")
    assert mini_program.is_complete
    # The logo is served by its own request: wait for it rather than read a half-loaded image.
    logo_width = page.locator("img.logo-heading").evaluate(
        "image => image.decode().then(() => image.naturalWidth)"
    )
    assert logo_width == 120

    open_list = page.get_by_role("navigation", name="Console").get_by_role(
        "link", name="Manage Mini Program"
    )
    open_list.click()
    row = page.get_by_role("row").filter(has_text="爱克米停车")
    assert mini_program.app_id in row.text_content()
    assert "Complete" in row.text_content()
    row.get_by_role("link", name="爱克米停车").click()

    page.get_by_role("link", name="Add language").click()
    page.locator("#id_language").select_option("en")
    page.get_by_label("Mini Program Name").fill("Acme Parking")
    page.get_by_label("Tagline").fill("Park in seconds")
    page.get_by_label("Description").fill("Find, book and pay for parking near you.")
    page.get_by_role("button", name="Add language").click()
    page.get_by_text("Language added.").wait_for()

    page.get_by_label("Device language").fill("en-GB")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_test_id("device-preview")
    preview.wait_for()
    assert "A device in en-GB sees the English listing" in preview.text_content()
    assert "Acme Parking" in preview.text_content()
    assert "Park in seconds" in preview.text_content()


def test_alipay_china_locks_the_language_to_chinese_while_checked(page, team):
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    open_create_form(page)
    language = page.locator("#id_default_language")
    language.select_option("fr")

    page.get_by_label("Alipay China").check()
    assert language.input_value() == "zh-Hans"
    assert language.is_disabled()

    page.get_by_label("Alipay China").uncheck()
    assert language.input_value() == "fr"
    assert language.is_enabled()


def test_the_industry_search_narrows_the_choices(page, team):
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    open_create_form(page)

    page.get_by_label("Search industries").fill("保险")

    industry = page.get_by_label("Mini Program Industry")
    insurance = industry.locator("option", has_text="Insurance (保险)").get_attribute("value")
    expect(industry).to_have_value(insurance)
    choices = industry.locator("option:not([hidden])").all_text_contents()
    assert choices[1:] == ["Insurance (保险)"]


def test_the_industry_search_finds_an_industry_by_a_keyword_in_either_language(page, team):
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    open_create_form(page)
    search = page.get_by_label("Search industries")
    industry = page.get_by_label("Mini Program Industry")

    for keyword in ("Coffee", "咖啡"):
        search.fill(keyword)
        choices = industry.locator("option:not([hidden])").all_text_contents()
        assert choices[1:] == ["Food and Beverage (餐饮)"]
