"""The console shell in Chromium on a 390 px phone and a 1440 px desktop: no page scrolls
sideways, the navigation folds into a menu button on the phone, and the user menu closes the way
menus do."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from members.services import invitation_create
from releases import services as release_services
from tests.e2e.test_accounts import sign_in
from tests.e2e.test_mini_programs import industries  # noqa: F401 (autouse: complete_program's)
from tests.miniprograms.helpers import complete_program
from tests.personas import make_member
from tests.releases.helpers import make_reviewer, upload
from webhooks.models import WebhookDelivery, WebhookEndpoint

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture
def busy_workspace(team):
    """Acme with what makes pages wide: a Chinese name, a version under review, an open
    invitation and activity rows."""
    mini_program = complete_program(team, name="爱克米停车", default_language="zh-Hans")
    mini_program.developers.add(team.developer_membership)
    make_member(
        workspace=team.workspace, full_name="王小明", email="wang@acme.test", role="developer"
    )
    invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Mia Master",
        email="mia.master.with.a.long.address@example.test",
        role="master",
    )
    version = upload(mini_program, team.owner)
    release_services.version_apply_for_release(version=version, actor=team.owner)
    return mini_program, version


def console_pages(team, mini_program):
    app_id = mini_program.app_id
    master = team.workspace.memberships.get(user=team.master)
    return [
        reverse("console:overview"),
        reverse("miniprograms:list"),
        reverse("miniprograms:detail", args=[app_id]),
        reverse("miniprograms:create"),
        reverse("miniprograms:edit", args=[app_id]),
        reverse("miniprograms:delete", args=[app_id]),
        reverse("miniprograms:language_add", args=[app_id]),
        reverse("members:list"),
        reverse("members:edit", args=[master.pk]),
        reverse("console:activity"),
        reverse("console:settings"),
        reverse("automation:tokens"),
        reverse("webhooks:endpoints"),
        reverse("accounts:profile"),
        reverse("releases:upload", args=[app_id]),
        reverse("releases:take_offline", args=[app_id]),
        reverse("accounts:password_change"),
    ]


def in_language(page, live_server, language):
    """Every later page in `language`, as the language switch leaves it."""
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def too_wide(page) -> list[str]:
    """The page on screen, with how wide it is, when it is wider than the window."""
    scroll_width, window_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > window_width:
        return [f"{page.url}: {scroll_width} px in a {window_width} px window"]
    return []


def sideways_scrolling(page, urls) -> list[str]:
    """The pages among `urls` wider than the window."""
    wide = []
    for url in urls:
        page.goto(url)
        wide += too_wide(page)
    return wide


def onboarding_step(page) -> list[str]:
    """The wizard's first step, reached the way an Owner does: Create on my own."""
    page.goto(reverse("onboarding:start"))
    wide = too_wide(page)
    page.locator("button[value=own]").click()
    page.wait_for_url("**/onboarding/basic-information/")
    return wide + too_wide(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_page_scrolls_sideways(new_page, live_server, team, busy_workspace, viewport, language):
    mini_program, version = busy_workspace
    make_reviewer()
    owner = new_page()
    owner.set_viewport_size(viewport)
    in_language(owner, live_server, language)
    public_pages = ["accounts:signin", "accounts:signup", "accounts:password_reset"]
    signed_out = sideways_scrolling(owner, [reverse(name) for name in public_pages])
    owner.context.clear_cookies()
    sign_in(owner, email="olivia@acme.test")
    owner.wait_for_url("**/console/")
    in_language(owner, live_server, language)
    reviewer = new_page()
    reviewer.set_viewport_size(viewport)
    sign_in(reviewer, email="rita@platform.test")
    reviewer.wait_for_url("**/console/**")
    in_language(reviewer, live_server, language)

    wide = (
        signed_out
        + sideways_scrolling(owner, console_pages(team, mini_program))
        + onboarding_step(owner)
        + sideways_scrolling(
            reviewer, [reverse("reviews:queue"), reverse("reviews:review", args=[version.pk])]
        )
    )

    assert wide == []


def test_a_short_page_has_no_vertical_scrollbar(new_page, team):
    page = new_page()
    page.set_viewport_size(DESKTOP)
    page.goto(reverse("accounts:signin"))
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")

    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    page.goto(reverse("accounts:password_change"))

    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")


def tab_into_navigation(page):
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('nav') !== null"):
            return
    raise AssertionError("Tab never reached the navigation")


def test_on_a_phone_the_navigation_opens_and_closes_from_its_menu_button_by_keyboard(
    new_page, team
):
    page = new_page()
    page.set_viewport_size(PHONE)
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    menu = page.get_by_role("button", name="Menu")
    members = page.get_by_role("navigation", name="Console").get_by_role("link", name="Members")
    expect(members).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")

    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(members).to_be_visible()
    tab_into_navigation(page)
    page.keyboard.press("Escape")

    expect(members).to_be_hidden()
    expect(menu).to_be_focused()
    page.keyboard.press("Space")
    expect(members).to_be_visible()
    page.keyboard.press("Space")
    expect(members).to_be_hidden()
    expect(menu).to_have_attribute("aria-expanded", "false")


def test_on_a_desktop_the_navigation_stays_open_without_a_menu_button(new_page, team):
    page = new_page()
    page.set_viewport_size(DESKTOP)
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")

    navigation = page.get_by_role("navigation", name="Console")
    expect(navigation.get_by_role("link", name="+ Create Mini Program")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


def test_on_a_desktop_the_navigation_stays_in_view_below_the_top_bar_down_a_long_page(
    new_page, team, busy_workspace
):
    mini_program, _version = busy_workspace
    page = new_page()
    page.set_viewport_size({"width": 1440, "height": 520})
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    page.goto(reverse("miniprograms:detail", args=[mini_program.app_id]))
    assert page.evaluate("document.documentElement.scrollHeight > 2 * window.innerHeight")

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")

    overview = page.get_by_role("navigation", name="Console").get_by_role("link", name="Overview")
    expect(overview).to_be_in_viewport()
    top_bar = page.locator(".topbar").bounding_box()
    assert overview.bounding_box()["y"] >= top_bar["y"] + top_bar["height"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_user_menu_closes_on_escape_and_on_a_click_outside(new_page, team, viewport):
    page = new_page()
    page.set_viewport_size(viewport)
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    summary = page.locator(".user-menu summary")
    change_password = page.get_by_role("link", name="Change password")

    summary.click()
    expect(change_password).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(change_password).to_be_hidden()
    expect(summary).to_be_focused()

    summary.click()
    expect(change_password).to_be_visible()
    page.get_by_role("main").click(position={"x": 10, "y": 10})
    expect(change_password).to_be_hidden()


def test_a_webhook_deliverys_duration_keeps_its_number_and_unit_on_one_line(
    new_page, live_server, team
):
    endpoint = WebhookEndpoint.objects.create(
        workspace=team.workspace, url="https://hooks.acme.test/console", events=["version.approved"]
    )
    WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_type="version.approved",
        message_id="msg_1",
        payload={},
        attempts=1,
        status=WebhookDelivery.Status.FAILED,
        last_status_code=500,
        duration_ms=120,
        problem=WebhookDelivery.Problem.ANSWER,
        last_error="服务器内部错误。请稍后再试。" * 20,
    )
    page = new_page()
    page.set_viewport_size(DESKTOP)
    sign_in(page, email="olivia@acme.test")
    page.wait_for_url("**/console/")
    in_language(page, live_server, "zh-hans")

    page.goto(reverse("webhooks:detail", args=[endpoint.pk]))

    duration = page.get_by_role("cell", name="120 毫秒")
    lines = duration.evaluate(
        "cell => { const text = document.createRange(); text.selectNodeContents(cell);"
        " return text.getClientRects().length; }"
    )
    assert lines == 1
