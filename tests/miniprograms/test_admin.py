import re

import pytest
from django.urls import reverse

from accounts.models import User
from core.models import ActivityEvent
from miniprograms.models import Industry, MiniProgram
from tests.miniprograms.helpers import (
    complete_program,
    noisy_png,
    png_upload,
    stored_files,
    upload,
)


@pytest.fixture
def staff_client(client, team):
    client.force_login(
        User.objects.create_superuser(email="root@console.test", password="x", full_name="Root")
    )
    return client


def change_data(mini_program, **overrides):
    listing = mini_program.default_listing
    data = {
        "default_language": mini_program.default_language,
        "name": listing.name,
        "tagline": listing.tagline or "Rides across the city",
        "description": listing.description or "Book a ride across the city in seconds.",
        "customer_service_phone": mini_program.customer_service_phone,
        "customer_service_email": mini_program.customer_service_email,
        "industry": mini_program.industry_id or "",
        "listings-TOTAL_FORMS": "1",
        "listings-INITIAL_FORMS": "1",
        "listings-MIN_NUM_FORMS": "0",
        "listings-MAX_NUM_FORMS": "1000",
        "listings-0-id": listing.pk,
        "listings-0-mini_program": mini_program.pk,
    }
    data.update(overrides)
    return data


def change_url(mini_program):
    return reverse("admin:miniprograms_miniprogram_change", args=[mini_program.pk])


def test_the_changelist_shows_logos_and_searches_by_name(staff_client, team):
    mini_program = complete_program(team)
    url = reverse("admin:miniprograms_miniprogram_changelist")

    html = staff_client.get(url).text
    found = staff_client.get(url, {"q": "parking"}).text

    assert mini_program.logo_url in html
    assert "Acme Parking" in found and "Acme Rides" not in found
    assert staff_client.get(url, {"release_to_alipay_china__exact": "1"}).status_code == 200


def test_staff_edits_are_checked_by_the_same_rules(staff_client, team, media_root):
    mini_program = team.assigned_mini_program

    response = staff_client.post(
        change_url(mini_program),
        change_data(
            mini_program,
            logo=upload(b"GIF89a not really", name="logo.png"),
            customer_service_phone="13812345678",
            name="Globex Maps",
            tagline="short",
        ),
    )

    assert response.status_code == 200
    html = response.text
    assert "The logo must be a JPEG or PNG image" in html
    assert "XXXX-XXXXXXX" in html
    assert "Another mini program is already called" in html
    assert "The tagline must be 10 to 30 characters long" in html
    assert stored_files(media_root) == []


def test_a_staff_edit_re_encodes_the_logo_and_is_logged(staff_client, team, media_root):
    mini_program = complete_program(team)

    response = staff_client.post(
        change_url(mini_program), change_data(mini_program, logo=png_upload(name="brand.png"))
    )

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.text, re.S)
    assert "brand" not in mini_program.logo.name
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_UPDATED)
    assert event.actor.email == "root@console.test"
    assert [field for field, *_ in event.changed_fields()] == ["logo"]


def test_staff_may_not_leave_out_what_the_console_requires(staff_client, team):
    mini_program = team.assigned_mini_program

    response = staff_client.post(change_url(mini_program), change_data(mini_program, industry=""))

    assert response.status_code == 200
    assert "This field is required" in response.text
    assert (
        ActivityEvent.objects.filter(action=ActivityEvent.Action.MINI_PROGRAM_UPDATED).count() == 0
    )


def test_staff_create_a_mini_program_through_the_console_s_service(staff_client, team):
    industry = Industry.objects.get(code="travel")

    response = staff_client.post(
        reverse("admin:miniprograms_miniprogram_add"),
        {
            "workspace": team.workspace.pk,
            "default_language": "en",
            "name": "Acme Trips",
            "tagline": "Trips made simple",
            "description": "Plan and book trips across the country.",
            "logo": png_upload(),
            "industry": industry.pk,
            "customer_service_phone": "0571-88888888",
            "customer_service_email": "help@example.com",
            "listings-TOTAL_FORMS": "0",
            "listings-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.text, re.S)
    created = MiniProgram.objects.get(listings__name="Acme Trips")
    assert created.is_complete and created.workspace == team.workspace
    assert ActivityEvent.objects.get(
        action=ActivityEvent.Action.MINI_PROGRAM_CREATED
    ).target_id == str(created.pk)


def test_staff_upload_a_logo_of_nearly_256_kb(staff_client, team, settings, media_root):
    # More than an ordinary form may send: the add and change pages take a logo's bytes more.
    content = noisy_png(290)
    assert settings.REQUEST_BODY_MAX_BYTES < len(content) <= settings.LOGO_MAX_BYTES
    mini_program = complete_program(team)

    response = staff_client.post(
        change_url(mini_program), change_data(mini_program, logo=upload(content))
    )

    mini_program = MiniProgram.objects.get(pk=mini_program.pk)
    assert response.status_code == 302
    assert mini_program.logo.name in stored_files(media_root)


def test_staff_manage_the_industry_list(staff_client):
    url = reverse("admin:miniprograms_industry_changelist")

    assert "Ride-hailing and Taxis" in staff_client.get(url, {"q": "taxi"}).text
    response = staff_client.post(
        reverse("admin:miniprograms_industry_add"),
        {"code": "pets", "name_en": "Pets", "name_zh": "宠物", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Industry.objects.get(code="pets").name_zh == "宠物"


def test_the_curated_list_has_at_least_30_industries_in_both_languages(db):
    industries = Industry.objects.all()

    assert industries.count() >= 30
    assert all(industry.name_en and industry.name_zh for industry in industries)


def test_a_staff_delete_is_logged_and_removes_the_logo(
    staff_client, team, media_root, django_capture_on_commit_callbacks
):
    mini_program = complete_program(team)
    url = reverse("admin:miniprograms_miniprogram_delete", args=[mini_program.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not MiniProgram.objects.filter(pk=mini_program.pk).exists()
    assert stored_files(media_root) == []
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.MINI_PROGRAM_DELETED)
    assert event.before["app_id"] == mini_program.app_id


def test_staff_cannot_exceed_the_alipay_china_quota(staff_client, team, settings):
    settings.ALIPAY_CHINA_QUOTA = 0
    mini_program = team.assigned_mini_program
    mini_program.listings.update(language="zh-Hans")
    MiniProgram.objects.filter(pk=mini_program.pk).update(default_language="zh-Hans")
    mini_program = MiniProgram.objects.get(pk=mini_program.pk)

    response = staff_client.post(
        change_url(mini_program), change_data(mini_program, release_to_alipay_china="on")
    )

    assert response.status_code == 200
    assert "the most allowed" in response.text
    assert not MiniProgram.objects.get(pk=mini_program.pk).release_to_alipay_china


CHANGELIST = "admin:miniprograms_miniprogram_changelist"


def changelist_rows(html: str) -> dict[str, str]:
    """Each row of the changelist's table, by the pk of its checkbox."""
    found = re.findall(r'<tr>(<td class="action-checkbox">.*?value="(\d+)".*?)</tr>', html)
    return {pk: row for row, pk in found}


def cell(row: str, column: str) -> str:
    return re.search(rf'<t[dh] class="field-{column}[^"]*">(.*?)</t[dh]>', row).group(1)


def test_the_changelist_reads_as_many_queries_for_many_rows_as_for_few(staff_client, team):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.personas import make_mini_program

    url = reverse(CHANGELIST)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for number in range(30):
        make_mini_program(workspace=team.workspace, name=f"Acme Extra {number}")
    # No listing in its default language: its name is still read in the page's query.
    MiniProgram.objects.filter(pk=MiniProgram.objects.latest("pk").pk).update(default_language="ja")
    with CaptureQueriesContext(connection) as many:
        html = staff_client.get(url).text

    assert len(changelist_rows(html)) == 25
    assert len(many) == len(few)


def test_each_row_shows_what_the_mini_program_is(staff_client, team):
    complete = complete_program(team, name="Acme Parking", release_to_alipay_china=True)
    incomplete = team.assigned_mini_program

    rows = changelist_rows(staff_client.get(reverse(CHANGELIST)).text)

    row = rows[str(complete.pk)]
    assert 'aria-label="Select this object for an action - Acme Parking"' in row
    assert cell(row, "display_name") == (f'<a href="{change_url(complete)}">Acme Parking</a>')
    assert 'alt="True"' in cell(row, "alipay_china")
    assert cell(row, "language") == "Chinese (Simplified)"
    assert 'alt="False"' in cell(rows[str(incomplete.pk)], "alipay_china")
    assert cell(rows[str(incomplete.pk)], "language") == "English"


def test_the_complete_column_agrees_with_is_complete(staff_client, team):
    complete_program(team, name="Acme Parking")
    without_tagline = complete_program(team, name="Acme Trains")
    without_tagline.listings.update(tagline="")

    rows = changelist_rows(staff_client.get(reverse(CHANGELIST)).text)

    assert len(rows) == MiniProgram.objects.count() > 3
    for mini_program in MiniProgram.objects.all():
        icon = 'alt="True"' if mini_program.is_complete else 'alt="False"'
        assert icon in cell(rows[str(mini_program.pk)], "complete"), mini_program
    assert MiniProgram.objects.filter(pk=without_tagline.pk).get().is_complete is False


@pytest.mark.parametrize("column", ["alipay_china", "language"])
def test_the_release_and_language_columns_sort_by_their_field(staff_client, team, column):
    complete_program(team, name="Acme Parking", release_to_alipay_china=True)
    url = reverse(CHANGELIST)
    html = staff_client.get(url).text
    link = re.search(
        rf'class="sortable column-{column}">\s*<div class="text"><a [^>]*href="([^"]+)"', html
    )

    rows = changelist_rows(staff_client.get(url + link.group(1)).text)

    field = {"alipay_china": "release_to_alipay_china", "language": "default_language"}[column]
    values = dict(MiniProgram.objects.values_list("pk", field))
    shown = [values[int(pk)] for pk in rows]
    assert len(set(shown)) == 2
    assert shown == sorted(shown)


def changelist(query: dict | None = None):
    """The mini program changelist as its view makes it, for a superuser."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get(reverse(CHANGELIST), query or {})
    request.user = User.objects.get(email="root@console.test")
    model_admin = admin.site._registry[MiniProgram]
    cl = model_admin.get_changelist_instance(request)
    cl.formset = None
    return model_admin, cl


@pytest.mark.parametrize(
    "query", [{}, {"q": "acme", "o": "5.-8"}, {"default_language__exact": "en"}]
)
def test_the_rows_are_drawn_as_django_draws_them(staff_client, team, media_root, query):
    from django.contrib.admin.templatetags.admin_list import results

    complete_program(team, name="Acme Parking <b>", release_to_alipay_china=True)
    complete_program(team, name="Acme Trains").listings.update(tagline="")
    team.assigned_mini_program.listings.update(name="")
    # No listing in its default language: "—" for a name.
    MiniProgram.objects.filter(pk=team.other_mini_program.pk).update(default_language="ja")
    model_admin, cl = changelist(query)

    drawn = ["".join(row) for row in model_admin.draw_rows(cl)]

    assert drawn == ["".join(row) for row in results(cl)]
    assert len(drawn) >= 2
    assert any("logo-thumb" in row for row in drawn)
    if not query:
        assert any(f"{team.other_mini_program.app_id}</td>" in row for row in drawn)


def test_a_popup_changelist_keeps_django_s_rows(staff_client, team):
    query = {"_popup": "1", "_to_field": "id"}
    model_admin, cl = changelist(query)

    html = staff_client.get(reverse(CHANGELIST), query).text

    assert model_admin.draw_rows(cl) is None
    assert f'data-popup-opener="{team.assigned_mini_program.pk}"' in html


def test_the_database_tells_complete_from_incomplete_as_is_complete_does(team):
    complete_program(team, name="Acme Parking")
    complete_program(team, name="Acme Trains").listings.update(description="")
    MiniProgram.objects.filter(pk=team.other_mini_program.pk).update(default_language="ja")
    MiniProgram.objects.filter(pk=team.assigned_mini_program.pk).update(industry=None)

    incomplete = set(MiniProgram.objects.incomplete())
    complete = set(MiniProgram.objects.complete())

    assert incomplete == {
        program for program in MiniProgram.objects.all() if not program.is_complete
    }
    assert complete == {program for program in MiniProgram.objects.all() if program.is_complete}
    assert complete and incomplete


def test_the_rows_are_drawn_in_the_staff_member_s_language(staff_client, team):
    from django.contrib.admin.templatetags.admin_list import results
    from django.utils import translation

    with translation.override("zh-hans"):
        model_admin, cl = changelist()
        drawn = ["".join(row) for row in model_admin.draw_rows(cl)]
        django_s = ["".join(row) for row in results(cl)]

    assert drawn == django_s
    assert "Select this object" not in drawn[0]
