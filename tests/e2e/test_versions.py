"""A version's life in Chromium: a Developer uploads and applies, a reviewer in another browser
rejects and approves, the team releases, rolls back and takes the mini program offline; and the
packages Upload Version refuses."""

import os
import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from releases.models import Version
from releases.selectors import is_offline
from tests.e2e.test_accounts import sign_in
from tests.e2e.test_mini_programs import industries  # noqa: F401 (autouse: complete_program's)
from tests.miniprograms.helpers import complete_program
from tests.personas import PASSWORD

DESCRIPTION = "Faster booking and a clearer receipt."
VALID_APP = {"app.json": '{"pages": ["pages/index/index"]}', "pages/index/index.js": "Page({});"}


def write_zip(path, entries: dict[str, str | bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return path


@pytest.fixture
def mini_program(team):
    mini_program = complete_program(team)
    mini_program.developers.add(team.developer_membership)
    return mini_program


@pytest.fixture
def reviewer(transactional_db):
    return User.objects.create_superuser(
        email="rita@review.test", password=PASSWORD, full_name="Rita Reviewer"
    )


def signed_in(new_page, email):
    page = new_page()
    sign_in(page, email=email)
    page.wait_for_url("**/console/**")
    return page


def open_versions(page, mini_program):
    # Without the "#versions" the buttons' redirects add: a fragment alone would not reload.
    page.goto(reverse("miniprograms:detail", args=[mini_program.app_id]))
    page.get_by_role("heading", name="Versions").wait_for()


def version_row(page, number):
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=number, exact=True))


def expect_status(page, number, status):
    expect(version_row(page, number).locator(".badge")).to_have_text(status)


def expect_message(page, text):
    expect(page.locator(".messages")).to_contain_text(text)


def upload(page, mini_program, number, package):
    open_versions(page, mini_program)
    page.get_by_role("link", name="Upload Version").click()
    page.get_by_role("heading", name="Upload Version").wait_for()
    page.get_by_label("Version number").fill(number)
    page.get_by_label("Package").set_input_files(package)
    page.get_by_label("Version description").fill(DESCRIPTION)
    page.get_by_role("button", name="Upload Version").click()


def press(page, number, button):
    version_row(page, number).get_by_role("button", name=button).click()


def release_at(page, number, button, percentage):
    row = version_row(page, number)
    row.get_by_label("Percentage").fill(str(percentage))
    row.get_by_role("button", name=button).click()


def open_review(page, name="Acme Parking"):
    page.get_by_role("link", name="Reviews").click()
    page.get_by_role("heading", name="Reviews").wait_for()
    page.get_by_test_id("review-queue").get_by_role("link", name=name).click()
    page.get_by_role("heading", name="Decision").wait_for()


def upload_and_apply(page, mini_program, number, package):
    upload(page, mini_program, number, package)
    expect_message(page, f"Version {number} uploaded.")
    expect_status(page, number, "New Version Created")
    press(page, number, "Apply for release")
    expect_message(page, f"Version {number} is now Under Review.")
    expect_status(page, number, "Under Review")


def approve(reviewer_page, number):
    open_review(reviewer_page)
    reviewer_page.get_by_role("button", name="Approve").click()
    expect_message(reviewer_page, f"Version {number} of Acme Parking approved")


def test_a_version_is_reviewed_released_rolled_back_and_taken_offline(
    new_page, team, mini_program, reviewer, tmp_path
):
    package = write_zip(tmp_path / "app.zip", VALID_APP)
    developer = signed_in(new_page, "dana@acme.test")
    upload_and_apply(developer, mini_program, "1.0.0", package)

    review = signed_in(new_page, "rita@review.test")
    open_review(review)
    review.get_by_label("Reason").fill("The home page crashes on launch.")
    review.get_by_role("button", name="Reject").click()
    expect_message(review, "Version 1.0.0 of Acme Parking rejected.")
    expect(review.get_by_test_id("review-queue")).to_contain_text("No version is waiting")

    open_versions(developer, mini_program)
    expect_status(developer, "1.0.0", "Rejected")
    expect(version_row(developer, "1.0.0")).to_contain_text(
        "Reason: The home page crashes on launch."
    )
    press(developer, "1.0.0", "Apply for release")
    expect_status(developer, "1.0.0", "Under Review")

    approve(review, "1.0.0")
    expect_message(review, "it is now in Release Preparation.")

    open_versions(developer, mini_program)
    expect_status(developer, "1.0.0", "Release Preparation")
    release_at(developer, "1.0.0", "Grayscale release", 10)
    expect_message(developer, "Version 1.0.0 now reaches 10% of devices.")
    expect_status(developer, "1.0.0", "Grayscale Release")
    expect(version_row(developer, "1.0.0")).to_contain_text("10% of devices")
    release_at(developer, "1.0.0", "Scale up", 50)
    expect_message(developer, "Version 1.0.0 now reaches 50% of devices.")
    expect(version_row(developer, "1.0.0")).to_contain_text("50% of devices")
    press(developer, "1.0.0", "Full release")
    expect_message(developer, "Version 1.0.0 is now Full Release.")
    expect_status(developer, "1.0.0", "Full Release")

    upload_and_apply(developer, mini_program, "1.1.0", package)
    approve(review, "1.1.0")
    open_versions(developer, mini_program)
    press(developer, "1.1.0", "Go live")
    expect_message(developer, "Version 1.1.0 is now Full Release.")
    expect_status(developer, "1.1.0", "Full Release")
    expect_status(developer, "1.0.0", "Archived")

    press(developer, "1.0.0", "Roll back")
    expect_message(developer, "Version 1.0.0 is now Full Release.")
    expect_status(developer, "1.0.0", "Full Release")
    expect_status(developer, "1.1.0", "Archived")

    # Taking a mini program offline is the Owner's or a Master's call, not a Developer's.
    expect(developer.get_by_role("link", name="Take offline")).to_have_count(0)
    owner = signed_in(new_page, "olivia@acme.test")
    open_versions(owner, mini_program)
    owner.get_by_role("link", name="Take offline").click()
    owner.get_by_role("heading", name="Take Acme Parking offline?").wait_for()
    expect(owner.locator(".card")).to_contain_text("version 1.0.0, its Full Release")
    owner.get_by_role("button", name="Take offline").click()
    expect_message(owner, "Acme Parking is Offline")
    expect(owner.locator(".banner .badge")).to_have_text("Offline")
    assert is_offline(mini_program)

    owner.get_by_role("button", name="Bring back online").click()
    expect_message(owner, "Acme Parking is back online: devices get version 1.0.0.")
    expect(owner.locator(".banner .badge")).to_have_count(0)

    statuses = {version.number: version.status for version in mini_program.versions.all()}
    assert statuses == {"1.0.0": Version.Status.FULL_RELEASE, "1.1.0": Version.Status.ARCHIVED}
    assert not is_offline(mini_program)
    first = mini_program.versions.get(minor=0)
    assert first.reviewed_by == reviewer
    assert first.uploaded_by == team.developer
    assert first.package_file_count == 2


def zip_bomb(path):
    """A few hundred KB that unpack to 200 MB of zeros, more than the 100 MB allowed."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in VALID_APP.items():
            archive.writestr(name, content)
        with archive.open("assets/zeros.bin", "w") as entry:
            zeros = bytes(1024 * 1024)
            for _ in range(200):
                entry.write(zeros)
    return path


def test_upload_version_refuses_bad_packages_and_stores_nothing(
    new_page, settings, mini_program, tmp_path
):
    not_a_zip = tmp_path / "app.zip"
    not_a_zip.write_text("this is a text file with a .zip name")
    bad_packages = [
        (not_a_zip, "The package is not a ZIP archive."),
        (zip_bomb(tmp_path / "bomb.zip"), "The package unpacks to 200.0 MB"),
        (
            write_zip(tmp_path / "escape.zip", {**VALID_APP, "../evil.js": "x"}),
            "The package entry “../evil.js” points outside the package with “..”.",
        ),
        (
            write_zip(tmp_path / "no-app.zip", {"pages/index/index.js": "Page({});"}),
            "The package has no app.json at its root.",
        ),
        (
            write_zip(tmp_path / "no-page.zip", {"app.json": VALID_APP["app.json"]}),
            "The page “pages/index/index” has no file in the package",
        ),
    ]
    developer = signed_in(new_page, "dana@acme.test")

    def expect_refused(package, message):
        upload(developer, mini_program, "1.0.0", package)
        package_field = developer.locator(".field").filter(has=developer.get_by_label("Package"))
        expect(package_field).to_contain_text(message)
        # The other fields are kept for the next try.
        expect(developer.get_by_label("Version number")).to_have_value("1.0.0")
        assert not Version.objects.exists()

    for package, message in bad_packages:
        expect_refused(package, message)

    # The live server's thread reads the limit on each request.
    settings.PACKAGE_MAX_BYTES = 4 * 1024
    oversized = write_zip(tmp_path / "big.zip", {**VALID_APP, "assets/noise.bin": os.urandom(8192)})
    expect_refused(oversized, "it may be at most 4.0 KB.")
    assert not list((settings.MEDIA_ROOT).rglob("*.zip"))
