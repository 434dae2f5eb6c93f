from accounts.models import Membership
from tests.personas import PASSWORD


def sign_up(page, *, name="Erin Example", email="erin@example.com"):
    page.goto("/accounts/signup/")
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a long enough passphrase 7")
    page.get_by_role("button", name="Sign up").click()


def sign_in(page, *, email, password=PASSWORD):
    page.goto("/accounts/signin/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Sign out").click()


def test_a_new_owner_signs_up_and_lands_on_onboarding(page, live_server):
    sign_up(page)

    page.wait_for_url("**/onboarding/")
    membership = Membership.objects.get(user__email="erin@example.com")
    assert membership.role == Membership.Role.OWNER


def test_an_owner_signs_out_and_back_in(page, team):
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    assert page.get_by_role("heading", name="Overview").is_visible()

    sign_out(page)
    page.wait_for_url("**/accounts/signin/")
    page.goto("/console/")
    page.wait_for_url("**/accounts/signin/?next=/console/")

    sign_in(page, email="OLIVIA@acme.test")
    page.wait_for_url("**/console/")


def test_the_shell_switches_to_simplified_chinese(page, team):
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")

    page.get_by_label("Language").select_option("zh-hans")

    page.get_by_role("heading", name="概览").wait_for()
    navigation = page.get_by_role("navigation", name="控制台")
    assert navigation.get_by_role("link", name="管理小程序").is_visible()
    assert navigation.get_by_role("link", name="成员").is_visible()
