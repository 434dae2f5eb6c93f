"""The Versions section of a mini program's page, Upload Version and the package download,
through HTTP as the team sees them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from releases import services
from releases.models import Version
from tests.miniprograms.helpers import stored_files
from tests.releases.helpers import approved, live, package, upload, zip_bytes
from tests.releases.test_packages import bomb


def detail(program) -> str:
    return reverse("miniprograms:detail", args=[program.app_id])


def upload_url(program) -> str:
    return reverse("releases:upload", args=[program.app_id])


def versions_section(html: str) -> str:
    return re.search(r'<section class="card" aria-labelledby="versions">.*?</section>', html, re.S)[
        0
    ]


def post_upload(client, program, content=None, **fields):
    data = {
        "number": "1.0.0",
        "description": "First release with the ride booking flow.",
        "package": package(content),
        **fields,
    }
    return client.post(upload_url(program), data)


def test_the_section_lists_versions_newest_first_with_their_status(
    sign_in, team, program, reviewer
):
    live(program, team.developer, reviewer, "1.0.0")
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    services.version_grayscale(version=candidate, actor=team.developer, percentage=20)
    rejected = upload(program, team.developer, "1.2.0")
    services.version_apply_for_release(version=rejected, actor=team.developer)
    services.version_reject(version=rejected, reviewer=reviewer, reason="The map never loads.")

    section = versions_section(sign_in(team.master).get(detail(program)).text)

    numbers = re.findall(r"<strong>(\d+\.\d+\.\d+)</strong>", section)
    assert numbers == ["1.2.0", "1.1.0", "1.0.0"]
    assert "Rejected" in section and "The map never loads." in section
    assert "Grayscale Release" in section and "20% of devices" in section
    assert "Full Release" in section
    assert "Dana Developer" in section
    assert Version.objects.get(minor=0).package_sha256[:10] in section


def test_an_empty_section_invites_the_first_upload(sign_in, team, program):
    section = versions_section(sign_in(team.developer).get(detail(program)).text)

    assert "No version yet." in section
    assert f'href="{upload_url(program)}"' in section


def test_only_those_who_may_upload_see_the_button(sign_in, team, program):
    program.developers.remove(team.developer_membership)
    team.assigned_mini_program.developers.add(team.developer_membership)

    owner = versions_section(sign_in(team.owner).get(detail(team.assigned_mini_program)).text)

    assert "Upload Version" in owner


def test_an_offline_mini_program_says_so(sign_in, team, program, reviewer):
    live(program, team.developer, reviewer)
    services.mini_program_take_offline(mini_program=program, actor=team.owner)

    section = versions_section(sign_in(team.developer).get(detail(program)).text)

    assert "This mini program is Offline" in section


def test_upload_version_asks_for_number_package_and_description(sign_in, team, program):
    html = sign_in(team.developer).get(upload_url(program)).text

    for label in ("Version number", "Package", "Version description"):
        assert f">{label}:</label>" in html
    assert 'accept=".zip,application/zip"' in html
    assert "A .zip of at most 20.0\xa0MB with app.json at its root." in html


def test_an_upload_is_stored_and_shown(sign_in, team, program):
    client = sign_in(team.developer)

    response = post_upload(client, program)

    assert response.status_code == 302
    assert response.url == detail(program) + "#versions"
    version = Version.objects.get()
    assert (version.number, version.uploaded_by) == ("1.0.0", team.developer)
    page = client.get(response.url).text
    assert "Version 1.0.0 uploaded." in page
    assert "New Version Created" in versions_section(page)


BAD_UPLOADS = {
    "not a zip": (b"%PDF-1.7 not a zip", "The package is not a ZIP archive."),
    "a zip bomb": (None, "The package unpacks to 101.0\xa0MB; at most 100.0\xa0MB are allowed."),
    "a ../ entry": (
        zip_bytes({"pages/index/index.js": "", "../evil.js": ""}),
        "The package entry “../evil.js” points outside the package with “..”.",
    ),
    "no app.json": (zip_bytes(app=None), "The package has no app.json at its root."),
    "a page with no file": (
        zip_bytes({"pages/index/index.css": ""}),
        "The page “pages/index/index” has no file in the package",
    ),
}


@pytest.mark.parametrize(("content", "message"), BAD_UPLOADS.values(), ids=BAD_UPLOADS)
def test_a_bad_package_shows_its_message_by_the_field_and_stores_nothing(
    sign_in, team, program, media_root, content, message
):
    files_before = stored_files(media_root)

    response = post_upload(
        sign_in(team.developer),
        program,
        bomb(101 * 1024 * 1024) if content is None else content,
        number="2.3.4",
    )

    assert response.status_code == 200
    assert message in str(response.context["form"].errors["package"])
    assert message in response.text
    assert 'value="2.3.4"' in response.text
    assert "First release with the ride booking flow." in response.text
    assert not Version.objects.exists()
    assert stored_files(media_root) == files_before


def test_a_package_over_the_size_is_refused_by_name(sign_in, team, program, settings):
    settings.PACKAGE_MAX_BYTES = 2048

    response = post_upload(sign_in(team.developer), program, zip_bytes() + bytes(4096))

    assert response.context["form"].errors["package"][0].startswith("The package is ")
    assert "it may be at most 2.0\xa0KB." in response.context["form"].errors["package"][0]
    assert not Version.objects.exists()


def test_number_and_description_errors_stand_by_their_fields(sign_in, team, program):
    upload(program, team.developer, "1.0.0")

    response = post_upload(
        sign_in(team.developer), program, number="1.0.0", description="Too short"
    )

    errors = response.context["form"].errors
    assert errors["description"] == [
        "The version description must be 10 to 500 characters long; it is 9."
    ]
    assert program.versions.count() == 1

    response = post_upload(sign_in(team.developer), program, number="1.0", description="Too short")

    assert response.context["form"].errors["number"] == [
        "Write the version number as major.minor.patch, such as 1.0.0: three whole numbers "
        "without leading zeros, each at most 9 digits."
    ]
    assert response.context["form"].errors["description"][0].startswith("The version description")


def test_a_number_not_above_the_latest_stands_by_its_field(sign_in, team, program):
    upload(program, team.developer, "1.0.0")

    response = post_upload(sign_in(team.developer), program, number="1.0.0")

    assert response.context["form"].errors["number"] == [
        "The version number must be greater than 1.0.0, the latest version of this mini program."
    ]


def test_a_missing_package_is_asked_for(sign_in, team, program):
    response = sign_in(team.developer).post(
        upload_url(program), {"number": "1.0.0", "description": "Fixes the login screen."}
    )

    assert response.context["form"].errors["package"] == ["This field is required."]


def test_a_developer_cannot_upload_to_a_mini_program_not_assigned(sign_in, team, program):
    program.developers.remove(team.developer_membership)

    assert post_upload(sign_in(team.developer), program).status_code == 404
    assert not Version.objects.exists()


def test_the_package_downloads_for_members_only(client, sign_in, team, program):
    content = zip_bytes()
    version = upload(program, team.developer, package=package(content))
    url = reverse("releases:package", args=[program.app_id, version.number])

    response = sign_in(team.master).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"] == (f'attachment; filename="{program.app_id}-1.0.0.zip"')
    client.force_login(team.outsider)
    assert client.get(url).status_code == 404


def test_a_body_far_over_the_package_limit_gets_the_413_page_unread(
    sign_in, team, program, settings
):
    settings.PACKAGE_MAX_BYTES = 2048
    settings.REQUEST_BODY_MAX_BYTES = 4096
    client = sign_in(team.developer)

    near = post_upload(client, program, zip_bytes() + bytes(3000))
    far = post_upload(client, program, zip_bytes() + bytes(20_000))

    assert near.status_code == 200
    assert near.context["form"].errors["package"][0].startswith("The package is ")
    assert far.status_code == 413
    assert not Version.objects.exists()


@pytest.mark.parametrize("persona", ["owner", "developer"])
def test_the_section_reads_who_the_reader_is_once_for_all_its_buttons(
    sign_in, team, program, reviewer, persona, fragment_cache
):
    live(program, team.developer, reviewer, "1.0.0")
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    services.version_grayscale(version=candidate, actor=team.developer, percentage=20)
    upload(program, team.developer, "1.2.0")
    client = sign_in(getattr(team, persona))
    fragment_cache.clear()

    with CaptureQueriesContext(connection) as queries:
        section = versions_section(client.get(detail(program)).text)

    assert "Scale up" in section and "Apply for release" in section
    # One read by the console's middleware, one by the section.
    reader = f'"accounts_membership"."user_id" = {getattr(team, persona).pk}'
    assert len([query for query in queries if reader in query["sql"]]) == 2
