"""Django admin, as staff use it, checked with axe-core (tests/e2e/axe.min.js, version 4.14.1
from the npm registry, MPL-2.0): no violation on the index, on any registered model's list, or
on its add and change forms."""

from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import User
from members.services import invitation_create
from tests.miniprograms.helpers import complete_program, curated_industry
from tests.personas import PASSWORD
from tests.releases.helpers import live, make_reviewer

AXE = (Path(__file__).parent / "axe.min.js").read_text()
# What each violation comes back as: its rule, what it asks for, and where.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(
    (violation) => `${violation.id} (${violation.help}): ` +
      violation.nodes.map((node) => node.target.join(" ")).join(", "));
}"""


@pytest.fixture
def staff_page(new_page, team):
    """Staff signed in to the admin, with a row of each model to open."""
    curated_industry("parking")
    staff = User.objects.create_superuser(
        email="root@console.test", password=PASSWORD, full_name="Root"
    )
    live(complete_program(team), team.owner, make_reviewer())
    invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Ivy Invitee",
        email="ivy@acme.test",
        role="master",
    )
    page = new_page()
    # An init script runs before the page's own, outside its Content Security Policy.
    page.context.add_init_script(AXE)
    page.goto(reverse("admin:login"))
    page.get_by_label("Email").fill("root@console.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{reverse('admin:index')}")
    return page, staff


def admin_pages(staff: User) -> list[str]:
    """The index, and for each registered model its list, its add form when staff may add one
    and the change form of its first row when it has one."""
    request = RequestFactory().get("/")
    request.user = staff
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{name}_add"))
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            pages.append(reverse(f"{name}_change", args=[instance.pk]))
    return pages


def test_every_admin_page_has_no_accessibility_violation(staff_page):
    page, staff = staff_page
    violations = {}
    for path in admin_pages(staff):
        assert page.goto(path).ok, path
        found = page.evaluate(RUN_AXE)
        if found:
            violations[path] = found

    assert violations == {}
