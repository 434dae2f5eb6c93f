"""The Reviews pages through HTTP: who reaches them, the queue of every workspace, what a review
page shows, and Approve / Reject with their refusals."""

import hashlib
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import User
from core.models import ActivityEvent
from miniprograms.models import Industry
from miniprograms.services import language_add, mini_program_create, mini_program_update
from miniprograms.validators import clean_logo
from releases import services
from releases.models import Version
from tests.miniprograms.helpers import form_data, image_bytes, upload
from tests.releases.helpers import live, make_reviewer
from tests.releases.helpers import upload as upload_version

Status = Version.Status


def applied(mini_program, actor, number="1.0.0", testers=()) -> Version:
    version = upload_version(mini_program, actor, number)
    return services.version_apply_for_release(version=version, actor=actor, testers=testers)


def review_url(version) -> str:
    return reverse("reviews:review", args=[version.pk])


def fresh(version) -> Version:
    return Version.objects.get(pk=version.pk)


def text_of(response) -> str:
    """The page's text, tags dropped and spaces folded, as a reader sees it."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def under_review(team, program):
    return applied(program, team.developer)


@pytest.fixture
def globex_program(team):
    """A complete mini program of Globex, the other workspace."""
    data = form_data(name="Globex Maps Pro", tagline="Maps for teams")
    data["logo"] = clean_logo(data["logo"])
    data["industry"] = Industry.objects.get(pk=data["industry"])
    return mini_program_create(
        workspace=team.other_workspace,
        creator=team.outsider,
        release_to_alipay_china=False,
        **data,
    )


# --- who reaches the Reviews pages ------------------------------------------------------------


def test_a_reviewer_without_a_workspace_finds_reviews_from_the_console(client, reviewer):
    client.force_login(reviewer)

    landing = client.get(reverse("console:overview"), follow=True)
    queue = client.get(reverse("reviews:queue"))

    assert landing.redirect_chain[-1][0] == reverse("console:no_workspace")
    assert f'href="{reverse("reviews:queue")}"' in landing.text
    assert queue.status_code == 200
    assert re.search(
        rf'<a href="{reverse("reviews:queue")}" aria-current="page">Reviews</a>', queue.text
    )


def test_members_see_no_reviews_link_and_reviewers_in_a_workspace_do(client, team):
    client.force_login(team.owner)
    assert ">Reviews</a>" not in client.get(reverse("console:overview")).text

    team.owner.is_staff = True
    team.owner.save(update_fields=["is_staff"])
    team.owner.groups.add(Group.objects.get(name="Reviewers"))
    page = client.get(reverse("console:overview"))

    assert f'<a href="{reverse("reviews:queue")}">Reviews</a>' in page.text
    assert ">Overview</a>" in page.text


def test_a_superuser_reviews_without_the_group(client, under_review):
    admin = User.objects.create_superuser(email="root@platform.test", password="x" * 20)
    client.force_login(admin)

    page = client.get(review_url(under_review))

    assert page.status_code == 200
    assert "Approve" in page.text


@pytest.mark.parametrize("who", ["staff", "member", "former_reviewer"])
def test_whoever_is_not_a_reviewer_is_refused_every_reviews_page(client, team, under_review, who):
    if who == "staff":
        user = User.objects.create_user(email="sam@platform.test", password="x" * 20)
        user.is_staff = True
    elif who == "member":
        user = team.owner
    else:  # a reviewer whose staff status was taken away
        user = make_reviewer(email="former@platform.test")
        user.is_staff = False
    user.save()
    client.force_login(user)

    responses = [
        client.get(reverse("reviews:queue")),
        client.get(review_url(under_review)),
        client.get(reverse("reviews:logo", args=[under_review.pk])),
        client.get(reverse("reviews:package", args=[under_review.pk])),
        client.post(reverse("reviews:approve", args=[under_review.pk])),
        client.post(reverse("reviews:reject", args=[under_review.pk]), {"reason": "No."}),
    ]

    assert [response.status_code for response in responses] == [403] * 6
    assert "Acme Parking" not in responses[1].text
    assert fresh(under_review).status == Status.UNDER_REVIEW


def test_a_visitor_is_sent_to_sign_in(client, under_review):
    response = client.get(review_url(under_review))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))


# --- the queue --------------------------------------------------------------------------------


def test_the_queue_lists_every_workspace_longest_waiting_first(
    client, team, program, globex_program, reviewer
):
    acme = upload_version(program, team.developer, "1.2.0")
    globex = upload_version(globex_program, team.outsider, "3.0.0")
    # Applied in the other order than uploaded: the queue follows the application.
    services.version_apply_for_release(version=globex, actor=team.outsider)
    services.version_apply_for_release(version=acme, actor=team.developer)
    upload_version(team.other_mini_program, team.owner, "9.9.9")  # never applied: not listed
    client.force_login(reviewer)

    page = client.get(reverse("reviews:queue"))

    body = re.search(r"<tbody>(.*?)</tbody>", page.text, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    cells = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    assert len(cells) == 2
    assert cells[0].startswith(
        f"Globex Maps Pro {globex_program.app_id} Globex 3.0.0 Oscar Outsider"
    )
    assert cells[1].startswith(f"Acme Parking {program.app_id} Acme 1.2.0 Dana Developer")
    assert f'href="{review_url(globex)}"' in rows[0]
    assert "9.9.9" not in page.text


def test_the_queue_says_when_nothing_waits(client, reviewer):
    client.force_login(reviewer)

    assert "No version is waiting for a review." in client.get(reverse("reviews:queue")).text


# --- the review page --------------------------------------------------------------------------


def test_the_review_page_shows_the_snapshot_package_and_testers(client, team, program, reviewer):
    language_add(
        mini_program=program,
        actor=team.owner,
        language="zh-Hans",
        name="极速停车",
        tagline="几秒钟就能找到车位停好车",
        description="在您附近查找、预订并支付停车位、也很省心。",
    )
    version = applied(program, team.developer, testers=["tess@example.com", "tom@example.com"])
    client.force_login(reviewer)

    page = client.get(review_url(version))
    text = text_of(page)

    assert page.status_code == 200
    assert "Acme Parking 1.0.0" in text
    assert "English en Default Acme Parking Park in seconds Find, book and pay" in text
    chinese = "极速停车 几秒钟就能找到车位停好车 在您附近查找、预订并支付停车位、也很省心。"
    assert f"Chinese (Simplified) zh-Hans {chinese}" in text
    assert "Mini Program Industry Parking" in text
    assert "Customer Service Contact Number 0571-88888888" in text
    assert "Customer Service Contact Email service@example.com" in text
    assert "Testers tess@example.com tom@example.com" in text
    assert f"SHA-256 {version.package_sha256}" in text
    assert f"Files {version.package_file_count}" in text
    assert "Pages pages/index/index" in text
    assert "No version is live yet" in text
    logo = client.get(reverse("reviews:logo", args=[version.pk]))
    assert logo.status_code == 200
    assert b"".join(logo.streaming_content) == fresh(version).snapshot_logo.read()
    package = client.get(reverse("reviews:package", args=[version.pk]))
    assert package["Content-Disposition"] == (f'attachment; filename="{program.app_id}-1.0.0.zip"')
    downloaded = b"".join(package.streaming_content)
    assert hashlib.sha256(downloaded).hexdigest() == version.package_sha256


def test_the_logo_shown_is_the_snapshot_not_the_one_edited_since(client, team, under_review):
    reviewer = make_reviewer()
    program = under_review.mini_program
    snapshot_logo = fresh(under_review).snapshot_logo.read()
    _edit(program, team.owner, logo=clean_logo(upload(image_bytes(96, 96))))
    client.force_login(reviewer)

    logo = client.get(reverse("reviews:logo", args=[under_review.pk]))

    assert b"".join(logo.streaming_content) == snapshot_logo
    assert program.logo.read() != snapshot_logo


def _edit(program, actor, **changes):
    program.refresh_from_db()
    listing = program.default_listing
    fields = {
        "release_to_alipay_china": program.release_to_alipay_china,
        "default_language": program.default_language,
        "name": listing.name,
        "tagline": listing.tagline,
        "description": listing.description,
        "logo": None,
        "industry": program.industry,
        "customer_service_phone": program.customer_service_phone,
        "customer_service_email": program.customer_service_email,
    }
    return mini_program_update(mini_program=program, actor=actor, **{**fields, **changes})


def test_the_review_page_shows_each_change_from_the_live_version(client, team, program, reviewer):
    live(program, team.developer, reviewer, "1.0.0")
    _edit(
        program,
        team.owner,
        tagline="Park in one tap",
        customer_service_phone="0571-99999999",
        logo=clean_logo(upload(image_bytes(96, 96))),
    )
    version = applied(program, team.developer, "1.1.0")
    client.force_login(make_reviewer(email="ray@platform.test"))

    page = client.get(review_url(version))

    rows = re.findall(r'<tr class="change">(.*?)</tr>', page.text, re.S)
    changes = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    assert changes == [
        "Tagline (English) Park in seconds Park in one tap",
        "Logo",
        "Customer Service Contact Number 0571-88888888 0571-99999999",
    ]
    assert "Compared with version 1.0.0, the Full Release now." in text_of(page)
    live_version = program.versions.get(status=Status.FULL_RELEASE)
    assert f'src="{reverse("reviews:logo", args=[live_version.pk])}"' in rows[1]
    assert f'src="{reverse("reviews:logo", args=[version.pk])}"' in rows[1]


def test_an_unchanged_listing_says_so(client, team, program, reviewer):
    live(program, team.developer, reviewer, "1.0.0")
    version = applied(program, team.developer, "1.0.1")
    client.force_login(reviewer)

    page = client.get(review_url(version))

    assert "The listing is the same as that of version 1.0.0" in text_of(page)
    assert '<tr class="change">' not in page.text


def test_an_unknown_version_is_not_found(client, reviewer):
    client.force_login(reviewer)

    assert client.get(reverse("reviews:review", args=[999999])).status_code == 404


# --- Approve ----------------------------------------------------------------------------------


def test_approve_without_testers_goes_to_release_preparation(
    client, under_review, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:approve", args=[under_review.pk]), follow=True)

    version = fresh(under_review)
    assert (version.status, version.reviewed_by) == (Status.RELEASE_PREPARATION, reviewer)
    assert response.redirect_chain[-1][0] == reverse("reviews:queue")
    assert "Version 1.0.0 of Acme Parking approved: it is now in Release Preparation." in (
        response.text
    )
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dana@acme.test",
        "olivia@acme.test",
    ]
    assert ActivityEvent.objects.filter(action=ActivityEvent.Action.VERSION_APPROVED).exists()


def test_approve_with_testers_goes_to_pilot_testing_and_mails_them(
    client, team, program, reviewer, django_capture_on_commit_callbacks
):
    version = applied(program, team.developer, testers=["tess@example.com"])
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:approve", args=[version.pk]))

    assert fresh(version).status == Status.PILOT_TESTING
    assert sorted(message.to[0] for message in mail.outbox) == [
        "dana@acme.test",
        "olivia@acme.test",
        "tess@example.com",
    ]


def test_nobody_approves_or_rejects_what_they_uploaded(client, team, program):
    team.owner.is_staff = True
    team.owner.save(update_fields=["is_staff"])
    team.owner.groups.add(Group.objects.get(name="Reviewers"))
    version = applied(program, team.owner)
    client.force_login(team.owner)

    page = client.get(review_url(version))
    approve = client.post(reverse("reviews:approve", args=[version.pk]), follow=True)
    reject = client.post(
        reverse("reviews:reject", args=[version.pk]), {"reason": "Mine."}, follow=True
    )

    refusal = "You uploaded this version, so another reviewer must review it."
    assert refusal in page.text
    assert reverse("reviews:approve", args=[version.pk]) not in page.text
    assert reverse("reviews:reject", args=[version.pk]) not in page.text
    assert approve.redirect_chain[-1][0] == review_url(version)
    assert reject.redirect_chain[-1][0] == review_url(version)
    assert refusal in approve.text and refusal in reject.text
    assert fresh(version).status == Status.UNDER_REVIEW


def test_a_version_reviewed_a_moment_ago_is_a_message(client, under_review, reviewer):
    services.version_approve(version=under_review, reviewer=make_reviewer(email="quick@x.test"))
    client.force_login(reviewer)

    response = client.post(reverse("reviews:approve", args=[under_review.pk]), follow=True)

    assert response.status_code == 200
    assert "“Approve” is not possible: version 1.0.0 is Release Preparation." in response.text
    assert reverse("reviews:approve", args=[under_review.pk]) not in response.text


def test_approve_while_another_version_is_on_its_way_is_refused(client, team, program, reviewer):
    first = applied(program, team.developer, "1.0.0")
    services.version_approve(version=first, reviewer=reviewer)
    second = applied(program, team.developer, "1.1.0")
    client.force_login(reviewer)

    response = client.post(reverse("reviews:approve", args=[second.pk]), follow=True)

    assert (
        "Version 1.0.0 is in Release Preparation. It must go live or be canceled before another "
        "version is approved." in response.text
    )
    assert fresh(second).status == Status.UNDER_REVIEW


def test_approving_a_deleted_version_is_not_found(client, under_review, reviewer):
    client.force_login(reviewer)
    Version.objects.filter(pk=under_review.pk).delete()

    response = client.post(reverse("reviews:approve", args=[under_review.pk]))

    assert response.status_code == 404


# --- Reject -----------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_reject_needs_a_reason_next_to_the_field(client, under_review, reviewer, reason):
    client.force_login(reviewer)

    response = client.post(reverse("reviews:reject", args=[under_review.pk]), {"reason": reason})

    assert response.status_code == 200
    field = re.search(r'<div class="field">(.*?)</textarea>', response.text, re.S).group(1)
    assert "Write the reason for rejecting, so the team knows what to change." in field
    assert 'name="reason"' in field
    assert fresh(under_review).status == Status.UNDER_REVIEW


def test_a_reason_over_500_characters_is_refused_next_to_the_field(client, under_review, reviewer):
    client.force_login(reviewer)

    response = client.post(reverse("reviews:reject", args=[under_review.pk]), {"reason": "x" * 501})

    assert response.context["form"].errors["reason"] == [
        "The reason must be at most 500 characters long; it is 501."
    ]
    assert fresh(under_review).status == Status.UNDER_REVIEW


def test_reject_keeps_the_reason_for_the_team(
    client, under_review, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:reject", args=[under_review.pk]),
            {"reason": "  The map never loads on the first page.\n"},
            follow=True,
        )

    version = fresh(under_review)
    assert (version.status, version.rejection_reason) == (
        Status.REJECTED,
        "The map never loads on the first page.",
    )
    assert response.redirect_chain[-1][0] == reverse("reviews:queue")
    assert "Version 1.0.0 of Acme Parking rejected." in response.text
    uploader_mail = next(message for message in mail.outbox if message.to == ["dana@acme.test"])
    assert "The map never loads on the first page." in uploader_mail.body
    # The team reads it in the mini program's Versions section.
    client.force_login(under_review.uploaded_by)
    team_page = client.get(reverse("miniprograms:detail", args=[version.mini_program.app_id]))
    assert "Reason: The map never loads on the first page." in text_of(team_page)
    # The reviewer sees it too, on the version's page, with its history.
    client.force_login(reviewer)
    page = client.get(review_url(version))
    assert "Reason The map never loads on the first page." in text_of(page)
    assert reverse("reviews:reject", args=[version.pk]) not in page.text
