"""The pages a visitor meets when the console protects itself, in a real browser (strict CSP)."""

from django.test import override_settings

from tests.e2e.test_accounts import sign_in


@override_settings(RATE_LIMIT_SIGN_IN_PER_ACCOUNT="2/15m")
def test_a_paused_sign_in_shows_the_429_page_in_the_console_style(page, team, browser_errors):
    for _ in range(2):
        sign_in(page, email="olivia@acme.test", password="wrong guess")
        page.get_by_text("The email or password is not correct.").wait_for()

    sign_in(page, email="olivia@acme.test")

    heading = page.get_by_role("heading", name="Too many attempts")
    heading.wait_for()
    assert page.get_by_text("Try again in 15 minutes.").is_visible()
    assert page.locator(".public-card").is_visible()
    assert page.get_by_role("link", name="Back to the console").is_visible()
    # Chromium reports the 429 status itself on the console; any other error still fails.
    browser_errors[:] = [error for error in browser_errors if "status of 429" not in error]


def test_a_sign_up_with_a_known_email_looks_like_a_new_one(page, team):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill("Olivia Again")
    page.get_by_label("Email").fill("olivia@acme.test")
    page.get_by_label("Password").fill("a long enough passphrase 7")
    page.get_by_role("button", name="Sign up").click()

    # The answer redirects to the wizard like any sign-up; without a session the wizard asks
    # the visitor to sign in.
    page.wait_for_url("**/accounts/signin/?next=/onboarding/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
