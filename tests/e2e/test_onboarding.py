"""The onboarding wizard end to end: the four journeys of issue 5."""

import re
import time

from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from members.models import Invitation
from miniprograms.models import Industry, MiniProgram
from onboarding.models import Onboarding
from tests.e2e.test_accounts import sign_in, sign_out, sign_up

OWNER_PASSWORD = "a long enough passphrase 7"  # the one `sign_up` types
SIXTEEN_CHINESE_CHARACTERS = "快乐出行每日精选好物推荐城市生活"
INVITATION_LINK = re.compile(r"https?://[^/\s]+(/invitations/[\w-]+/)")


def eventually(check, *, seconds=10):
    """Waits for something the page's script sends in the background to reach the server."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def person_name(page):
    # Not "Mini Program Name" nor "Full name": the Name of the person to invite.
    return page.get_by_label(re.compile(r"^Name"))


def draft_value(step, field):
    onboarding = Onboarding.objects.get(workspace__memberships__user__email="erin@example.com")
    return onboarding.drafts.get(step, {}).get("data", {}).get(field)


def test_an_owner_creates_a_mini_program_and_invites_a_developer(page):
    sign_up(page)
    page.wait_for_url("**/onboarding/")

    page.get_by_role("button", name="Create on my own").click()
    page.wait_for_url("**/onboarding/basic-information/")
    page.get_by_label("Default Language").select_option("en")
    page.get_by_label("Mini Program Name").fill(SIXTEEN_CHINESE_CHARACTERS)
    page.get_by_role("button", name="Next").click()

    expect(page.locator("#id_name_error")).to_contain_text("it is 32 characters long")
    expect(page.get_by_label("Mini Program Name")).to_have_value(SIXTEEN_CHINESE_CHARACTERS)
    expect(page.get_by_label("Default Language")).to_have_value("en")
    assert not MiniProgram.objects.exists()

    page.get_by_label("Mini Program Name").fill("快乐出行")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/onboarding/members/")

    person_name(page).fill("Dana Developer")
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Developer", exact=True).check()
    expect(page.get_by_label(re.compile("快乐出行"))).to_be_checked()
    page.get_by_role("button", name="Invite").click()
    page.wait_for_url("**/onboarding/done/")
    expect(page.get_by_text("Now you have finished creating a mini program")).to_be_visible()

    page.get_by_role("button", name="Enter Console").click()
    page.wait_for_url("**/console/")
    expect(page.get_by_text("Finish setting up")).to_have_count(0)

    page.get_by_role("link", name="Manage Mini Program").click()
    row = page.get_by_role("row", name=re.compile("快乐出行"))
    expect(row.get_by_text("Incomplete")).to_be_visible()

    page.get_by_role("navigation", name="Console").get_by_role("link", name="Members").click()
    invitation_row = page.get_by_role("row", name=re.compile("dana@example.com"))
    expect(invitation_row.get_by_text("Pending")).to_be_visible()

    invitation = Invitation.objects.get()
    assert invitation.role == "developer"
    assert [mini_program.name for mini_program in invitation.mini_programs.all()] == ["快乐出行"]


def test_an_owner_invites_a_master_who_creates_the_mini_program(page, new_page, tmp_path):
    industry, _ = Industry.objects.update_or_create(
        code="e2e-travel", defaults={"name_en": "Travel", "name_zh": "旅游出行", "is_active": True}
    )
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), "#1660d9").save(logo)

    sign_up(page)
    page.wait_for_url("**/onboarding/")
    page.get_by_role("button", name="Invite the Master to create one").click()
    page.wait_for_url("**/onboarding/master/")
    person_name(page).fill("Max Master")
    page.get_by_label("Email").fill("max@example.com")
    page.get_by_role("button", name="Invite").click()
    page.wait_for_url("**/onboarding/done/")
    expect(page.get_by_text("the Master can create the mini program for you")).to_be_visible()
    page.get_by_role("button", name="Enter Console").click()
    page.wait_for_url("**/console/")

    eventually(lambda: len(mail.outbox) == 1)
    link = INVITATION_LINK.search(mail.outbox[0].body).group(1)
    master = new_page()
    master.goto(link)
    master.get_by_label("Full name").fill("Max Master")
    master.get_by_label("Password").fill("another long passphrase 8")
    # Signing up from the invitation accepts it in the same step.
    master.get_by_role("button", name="Sign up and accept").click()
    master.wait_for_url("**/console/")

    master.get_by_role("link", name="Manage Mini Program").click()
    master.get_by_role("main").get_by_role("link", name="+ Create Mini Program").click()
    language = master.locator("#id_default_language")
    master.get_by_label("Alipay China").check()
    expect(language).to_be_disabled()
    expect(language).to_have_value("zh-Hans")
    master.get_by_label("Mini Program Name").fill("快乐出行")
    master.get_by_label("Tagline").fill("每天带你轻松出行的好帮手")
    master.get_by_label("Description").fill(
        "快乐出行帮助你规划城市通勤、预订车票并随时查看实时路况信息。"
    )
    master.get_by_label("Logo").set_input_files(logo)
    master.get_by_role("searchbox", name="Search industries").fill("Travel")
    master.locator("#id_industry").select_option(str(industry.pk))
    master.get_by_label("Customer Service Contact Number").fill("0571-88888888")
    master.get_by_label("Customer Service Contact Email").fill("service@example.com")
    master.get_by_role("button", name="Create", exact=True).click()
    master.wait_for_url(re.compile(r"/console/mini-programs/\d{16}/$"))

    mini_program = MiniProgram.objects.get()
    assert mini_program.release_to_alipay_china
    assert mini_program.default_language == "zh-Hans"
    assert mini_program.is_complete
    assert mini_program.creator.email == "max@example.com"


def test_an_owner_skips_and_resumes_from_the_banner(page):
    sign_up(page)
    page.wait_for_url("**/onboarding/")

    page.get_by_role("button", name="Skip for now").click()
    page.wait_for_url("**/console/")
    banner = page.get_by_role("region", name="Finish setting up")
    expect(banner).to_be_visible()

    banner.get_by_role("link", name="Continue").click()
    page.wait_for_url("**/onboarding/")
    page.get_by_role("button", name="Create on my own").click()
    page.wait_for_url("**/onboarding/basic-information/")
    expect(page.get_by_role("heading", name="Step 1: Set basic information")).to_be_visible()


def test_reload_back_and_signing_out_lose_nothing(page):
    sign_up(page)
    page.wait_for_url("**/onboarding/")
    page.get_by_role("button", name="Create on my own").click()
    page.get_by_label("Default Language").select_option("ko")
    page.get_by_label("Mini Program Name").fill("Erin Rides")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/onboarding/members/")

    # Typed, never submitted.
    person_name(page).fill("Half Typed")
    page.get_by_label("Email").fill("half@example.com")
    eventually(lambda: draft_value("add_members", "email") == ["half@example.com"])
    page.reload()
    expect(person_name(page)).to_have_value("Half Typed")
    expect(page.get_by_label("Email")).to_have_value("half@example.com")

    page.go_back()
    page.wait_for_url("**/onboarding/basic-information/")
    expect(page.get_by_label("Mini Program Name")).to_have_value("Erin Rides")
    expect(page.get_by_label("Default Language")).to_have_value("ko")
    page.go_forward()
    page.wait_for_url("**/onboarding/members/")
    expect(page.get_by_label("Email")).to_have_value("half@example.com")

    page.go_back()
    page.wait_for_url("**/onboarding/basic-information/")
    page.get_by_label("Mini Program Name").fill("Erin Travels")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url("**/onboarding/members/")
    expect(person_name(page)).to_have_value("Half Typed")

    sign_out(page)
    sign_in(page, email="erin@example.com", password=OWNER_PASSWORD)
    page.wait_for_url("**/onboarding/members/")
    expect(person_name(page)).to_have_value("Half Typed")
    expect(page.get_by_label("Email")).to_have_value("half@example.com")

    page.goto("/console/")
    page.get_by_role("region", name="Finish setting up").get_by_role("link").click()
    page.wait_for_url("**/onboarding/members/")
    page.goto("/onboarding/basic-information/")
    expect(page.get_by_label("Mini Program Name")).to_have_value("Erin Travels")
    mini_program = MiniProgram.objects.get()
    assert mini_program.name == "Erin Travels"
    assert mini_program.default_language == "ko"
