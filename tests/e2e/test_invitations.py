"""The Owner invites a Developer; a newcomer joins through the mailed link."""

import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import Membership
from members.models import Invitation
from tests.e2e.test_accounts import sign_in

LINK = re.compile(r"https?://[^/\s]+(/invitations/[\w-]+/)")


def start_inviting_a_developer(page, *, email: str) -> None:
    """Signs in as Acme's Owner and fills the invite form, all but the mini programs."""
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Members").click()
    page.get_by_label(re.compile("^Name")).fill("Nina Newcomer")
    page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label("Developer").check()


def test_an_invited_developer_signs_up_into_the_workspace_and_sees_only_the_assigned_mini_program(
    new_page, team
):
    owner = new_page()
    start_inviting_a_developer(owner, email="Nina@Example.com")
    owner.get_by_label("Acme Eats").check()
    owner.get_by_role("button", name="Invite", exact=True).click()
    owner.get_by_text("Invitation to nina@example.com is on its way.").wait_for()
    row = (
        owner.get_by_role("region", name="Invitations")
        .get_by_role("row")
        .filter(has_text="nina@example.com")
    )
    assert row.get_by_text("Pending").is_visible()
    assert row.get_by_text("Sent", exact=True).is_visible()

    link = LINK.search(mail.outbox[-1].body).group(1)
    newcomer = new_page(timezone_id="Asia/Shanghai")
    newcomer.goto(link)
    newcomer.wait_for_url("**/invitations/")
    assert newcomer.get_by_text("Olivia Owner").is_visible()
    assert newcomer.get_by_role("heading", name="Join Acme").is_visible()
    assert newcomer.get_by_label("Email").input_value() == "nina@example.com"
    newcomer.get_by_label("Full name").fill("Nina Newcomer")
    newcomer.get_by_label("Password").fill("a long enough passphrase 7")
    newcomer.get_by_role("button", name="Sign up and accept").click()

    newcomer.wait_for_url("**/console/")
    assert newcomer.get_by_text("Welcome to Acme.").is_visible()
    navigation = newcomer.get_by_role("navigation", name="Console")
    assert navigation.get_by_role("link", name="Members").count() == 0
    navigation.get_by_role("link", name="Manage Mini Program").click()
    newcomer.get_by_role("link", name="Acme Eats").wait_for()
    assert newcomer.get_by_role("link", name="Acme Rides").count() == 0
    membership = Membership.objects.get(user__email="nina@example.com")
    assert membership.role == Membership.Role.DEVELOPER
    # The browser's own zone, reported by the sign-up form's script.
    assert membership.user.time_zone == "Asia/Shanghai"


def test_with_many_mini_programs_the_owner_finds_them_by_search(page, team, settings):
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 1
    eats = team.other_mini_program
    start_inviting_a_developer(page, email="nina@example.com")

    page.get_by_role("searchbox", name="Find a mini program by name or App ID").fill("eats")
    page.get_by_role("button", name=f"Acme Eats ({eats.app_id})").click()
    expect(page.get_by_label(re.compile("^Mini programs"))).to_have_value(eats.app_id)
    page.get_by_role("button", name="Invite", exact=True).click()

    page.get_by_text("Invitation to nina@example.com is on its way.").wait_for()
    invitation = Invitation.objects.get(email="nina@example.com")
    assert list(invitation.mini_programs.all()) == [eats]
