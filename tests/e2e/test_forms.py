"""After a failed submit Chromium starts at the error summary; a valid logo clears the logo's
error."""

from playwright.sync_api import expect

from tests.e2e.test_accounts import sign_in
from tests.e2e.test_mini_programs import industries, write_png  # noqa: F401 (fixture)


def test_the_summary_takes_focus_and_a_valid_logo_clears_the_logo_error(page, team, tmp_path):
    sign_in(page, email="max@acme.test")
    page.wait_for_url("**/console/")
    page.goto("/console/mini-programs/new/")

    page.get_by_label("Logo").set_input_files(write_png(tmp_path / "wide.png", 120, 80))
    page.get_by_role("button", name="Create").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is a problem")
    expect(page.locator("#id_logo_error")).to_contain_text("must be square")
    summary.get_by_role("link", name="Mini Program Name: This field is required.").click()
    expect(page.get_by_label("Mini Program Name")).to_be_focused()

    page.get_by_label("Logo").set_input_files(write_png(tmp_path / "square.png", 120, 120))

    expect(page.locator("#id_logo_error")).to_have_count(0)
    expect(page.locator(".logo-check")).to_have_text("")
    expect(page.get_by_label("Logo")).not_to_have_attribute("aria-invalid", "true")
