"""The trial of an approved version through HTTP: the testers' mail on Approve, the trial page
with its QR code, and TRIAL_LINK_TEMPLATE."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import resolve, reverse
from django.utils.html import escape

from accounts.models import User
from releases import services
from releases.models import Version
from releases.trial import qr_svg
from tests.members.esp import ANYMAIL_TEST_MAILERS, FAILING_MAILERS
from tests.releases.helpers import upload

Status = Version.Status
TESTERS = ["tess@example.com", "tom@example.com"]


def trial_url(version) -> str:
    return reverse("trial:page", args=[version.mini_program.app_id, version.number])


def qr_title(version) -> str:
    return f"QR code of the trial link of version {version.number}"


def drawn_qr(page: str) -> str:
    return re.search(r'<svg[^>]*class="trial-qr".*?</svg>', page, re.S).group(0)


@pytest.fixture
def applied(team, program):
    version = upload(program, team.developer)
    return services.version_apply_for_release(
        version=version, actor=team.developer, testers=TESTERS
    )


@pytest.fixture
def approve(client, reviewer, django_capture_on_commit_callbacks):
    """Approves a version as a reviewer does, on the Reviews page, running what waits for the
    commit (the mails)."""

    def _approve(version):
        client.force_login(reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("reviews:approve", args=[version.pk]))
        client.logout()
        return Version.objects.get(pk=version.pk)

    return _approve


def mail_to_testers() -> dict:
    return {message.to[0]: message for message in mail.outbox if message.to[0] in TESTERS}


# --- the testers' mail ------------------------------------------------------------------------


def test_approve_mails_each_tester_the_trial_link(applied, approve, settings):
    settings.MAILERS = ANYMAIL_TEST_MAILERS
    version = approve(applied)

    messages = mail_to_testers()
    assert sorted(messages) == TESTERS
    message = messages["tess@example.com"]
    assert message.subject == "Try Acme Parking 1.0.0 before its release"
    link = "http://testserver" + trial_url(version)
    assert f"Open the trial link on your phone: {link}" in message.body
    assert "First release with the ride booking flow." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert message.anymail_test_params["tags"] == ["trial"]


def test_a_tester_with_an_account_reads_their_language_others_the_appliers(team, program, approve):
    User.objects.create_user(
        email="tess@example.com", password="x" * 20, full_name="Tess", language="zh-hans"
    )
    team.developer.language = "en"
    team.developer.save(update_fields=["language"])
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer, testers=TESTERS)

    approve(version)

    messages = mail_to_testers()
    assert messages["tess@example.com"].extra_headers["Content-Language"] == "zh-hans"
    assert messages["tom@example.com"].extra_headers["Content-Language"] == "en"


def test_approve_without_testers_mails_no_tester(team, program, approve):
    version = upload(program, team.developer)
    services.version_apply_for_release(version=version, actor=team.developer)

    approve(version)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "dana@acme.test",
        "olivia@acme.test",
    ]


def test_an_esp_outage_loses_no_approval(applied, approve, settings):
    settings.MAILERS = FAILING_MAILERS

    version = approve(applied)

    assert version.status == Status.PILOT_TESTING


# --- the trial page ---------------------------------------------------------------------------


def test_the_default_link_is_the_consoles_trial_page(applied, approve, sign_in, team):
    version = approve(applied)
    link = "http://testserver" + trial_url(version)

    page = sign_in(team.developer).get(urlsplit(link).path)

    assert resolve(urlsplit(link).path).view_name == "trial:page"
    assert page.status_code == 200
    assert f'<a class="trial-link" href="{link}">{link}</a>' in page.text
    assert drawn_qr(page.text) == qr_svg(link, title=qr_title(version))
    assert "Pilot Testing" in page.text


def test_the_qr_code_holds_exactly_the_link(applied, approve, sign_in, team):
    version = approve(applied)
    link = "http://testserver" + trial_url(version)

    drawn = drawn_qr(sign_in(team.owner).get(trial_url(version)).text)

    # segno cannot read a code back: drawing the link again must give the same code, and
    # drawing any other link a different one.
    assert drawn == qr_svg(link, title=qr_title(version))
    assert drawn != qr_svg(link + "x", title=qr_title(version))
    assert "<script" not in drawn


def test_trial_link_template_is_honoured(applied, approve, sign_in, team, settings):
    settings.TRIAL_LINK_TEMPLATE = "alipays://platformapi/startapp?appId={app_id}&version={version}"

    version = approve(applied)
    page = sign_in(team.owner).get(trial_url(version))

    app_id = version.mini_program.app_id
    link = f"alipays://platformapi/startapp?appId={app_id}&version=1.0.0"
    assert drawn_qr(page.text) == qr_svg(link, title=qr_title(version))
    assert f'href="{escape(link)}"' in page.text
    assert link in mail_to_testers()["tom@example.com"].body


def test_a_version_not_approved_has_no_trial(applied, sign_in, team):
    page = sign_in(team.owner).get(trial_url(applied))

    assert page.status_code == 200
    assert "Version 1.0.0 is Under Review." in page.text
    assert 'class="trial-qr"' not in page.text


def test_a_canceled_version_has_no_trial_any_more(applied, approve, sign_in, team):
    version = approve(applied)
    services.version_cancel(version=version, actor=team.owner)

    page = sign_in(team.owner).get(trial_url(version))

    assert "Version 1.0.0 is Canceled." in page.text
    assert 'class="trial-qr"' not in page.text


@pytest.mark.parametrize("who", ["developer_not_assigned", "outsider"])
def test_only_members_who_see_the_mini_program_open_its_trial(applied, approve, client, team, who):
    version = approve(applied)
    if who == "outsider":
        user = team.outsider
    else:
        user = User.objects.create_user(email="nina@acme.test", password="x" * 20)
        team.workspace.memberships.create(user=user, role="developer")
    client.force_login(user)

    page = client.get(trial_url(version))

    assert page.status_code == 404
    assert "trial-qr" not in page.text


def test_a_visitor_is_sent_to_sign_in(applied, client):
    response = client.get(trial_url(applied))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))


@pytest.mark.parametrize("number", ["2.0.0", "1.0", "01.0.0", "x"])
def test_an_unknown_version_number_is_not_found(applied, sign_in, team, number):
    # Written out: the URL configuration would not even build some of these.
    url = trial_url(applied).replace("/1.0.0/", f"/{number}/")

    assert sign_in(team.owner).get(url).status_code == 404


def test_the_versions_section_links_a_version_in_pilot_testing_to_its_trial(
    applied, approve, sign_in, team
):
    detail = reverse("miniprograms:detail", args=[applied.mini_program.app_id])
    assert trial_url(applied) not in sign_in(team.owner).get(detail).text

    version = approve(applied)

    assert f'href="{trial_url(version)}"' in sign_in(team.owner).get(detail).text
