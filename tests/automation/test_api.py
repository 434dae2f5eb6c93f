"""The HTTP API (docs/api.md): tokens, what they reach, and every endpoint's answers."""

import datetime
import os

import pytest
from django.test import Client
from django.utils import timezone

from automation.models import ApiToken
from core.models import ActivityEvent
from miniprograms.models import MiniProgram
from releases import services
from releases.models import Version
from tests.automation.api_helpers import API, bearer, make_token, upload_data, zip_bytes
from tests.miniprograms.helpers import complete_program
from tests.releases.helpers import approved, make_reviewer, package, upload


@pytest.fixture
def program(team):
    """A complete mini program of Acme, assigned to its Developer: ready to apply for release."""
    mini_program = complete_program(team)
    mini_program.developers.add(team.developer_membership)
    return mini_program


@pytest.fixture
def owner_secret(team):
    return make_token(team.owner, team.workspace)[1]


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def get(client, path, secret, **headers):
    return client.get(f"{API}{path}", headers={**bearer(secret), **headers})


def post(client, path, secret, data=None, **headers):
    """A JSON body."""
    return client.post(
        f"{API}{path}",
        data or {},
        content_type="application/json",
        headers={**bearer(secret), **headers},
    )


def send_upload(client, mini_program, secret, data, **headers):
    """Upload Version's multipart fields, as `curl -F` sends them."""
    url = f"{API}/mini-programs/{mini_program.app_id}/versions"
    return client.post(url, data, headers={**bearer(secret), **headers})


def versions_url(mini_program, number=None, action=None) -> str:
    url = f"/mini-programs/{mini_program.app_id}/versions"
    return url if number is None else f"{url}/{number}/{action}"


# --- tokens -----------------------------------------------------------------------------------


def test_a_call_without_a_token_is_refused_with_missing_token(client, team):
    response = client.get(f"{API}/mini-programs")

    assert response.status_code == 401
    assert response.json()["error"] == "missing_token"


def test_a_made_up_token_is_refused_as_invalid(client, team):
    response = get(client, "/mini-programs", "mpc_made-up")

    assert (response.status_code, response.json()["error"]) == (401, "invalid_token")


def test_another_scheme_than_bearer_is_refused_as_invalid(client, team, owner_secret):
    response = client.get(
        f"{API}/mini-programs", headers={"authorization": f"Token {owner_secret}"}
    )

    assert (response.status_code, response.json()["error"]) == (401, "invalid_token")


def test_an_expired_token_is_refused_as_expired(client, team):
    token, secret = make_token(team.owner, team.workspace)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = get(client, "/mini-programs", secret)

    assert (response.status_code, response.json()["error"]) == (401, "expired_token")


def test_a_revoked_token_is_refused_as_revoked(client, team):
    token, secret = make_token(team.owner, team.workspace)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())

    response = get(client, "/mini-programs", secret)

    assert (response.status_code, response.json()["error"]) == (401, "revoked_token")


def test_a_signed_in_browser_gets_nothing_without_a_token(client, team):
    client.force_login(team.owner)

    response = client.get(f"{API}/mini-programs")

    assert (response.status_code, response.json()["error"]) == (401, "missing_token")


def test_a_change_with_a_token_needs_no_csrf_token(team, program, owner_secret):
    client = Client(enforce_csrf_checks=True)

    response = send_upload(client, program, owner_secret, upload_data())

    assert response.status_code == 201


def test_a_call_records_when_and_from_where_the_token_was_last_used(client, team):
    token, secret = make_token(team.owner, team.workspace)

    get(client, "/mini-programs", secret, **{"x-forwarded-for": "203.0.113.9"})

    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token.last_used_ip == "127.0.0.1"


def test_calls_over_the_tokens_rate_limit_get_429_with_retry_after(
    client, team, settings, owner_secret
):
    settings.RATE_LIMIT_API_PER_TOKEN = "2/1m"
    for _attempt in range(2):
        assert get(client, "/mini-programs", owner_secret).status_code == 200

    response = get(client, "/mini-programs", owner_secret)

    assert (response.status_code, response.json()["error"]) == (429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60


def test_another_tokens_calls_do_not_count_against_the_limit(client, team, settings):
    settings.RATE_LIMIT_API_PER_TOKEN = "1/1m"
    first = make_token(team.owner, team.workspace, name="First")[1]
    second = make_token(team.owner, team.workspace, name="Second")[1]
    get(client, "/mini-programs", first)

    assert get(client, "/mini-programs", second).status_code == 200


def test_messages_come_in_the_token_members_language(client, team, program, owner_secret):
    team.owner.language = "zh-hans"
    team.owner.save(update_fields=["language"])

    response = send_upload(client, program, owner_secret, {"number": "1.0.0"})

    assert response.json()["message"] == "这个字段是必填项。"
    assert response["Content-Language"] == "zh-hans"


def test_accept_language_wins_over_the_members_language(client, team, program, owner_secret):
    response = send_upload(
        client, program, owner_secret, {"number": "1.0.0"}, **{"accept-language": "zh-hans"}
    )

    assert response.json()["message"] == "这个字段是必填项。"


# --- what a token reaches ---------------------------------------------------------------------


def test_the_list_holds_every_mini_program_of_the_owners_workspace(client, team, owner_secret):
    response = get(client, "/mini-programs", owner_secret)

    assert response.status_code == 200
    assert sorted(item["name"] for item in response.json()["items"]) == ["Acme Eats", "Acme Rides"]


def test_the_list_comes_a_page_at_a_time_in_app_id_order(client, team, owner_secret):
    MiniProgram.objects.bulk_create(
        MiniProgram(workspace=team.workspace, creator=team.owner) for _ in range(3)
    )
    every = sorted(team.workspace.mini_programs.values_list("app_id", flat=True))

    first = get(client, "/mini-programs?limit=2", owner_secret).json()
    second = get(client, first["next"].removeprefix("http://testserver/api/v1"), owner_secret)
    last = get(client, second.json()["next"].removeprefix("http://testserver/api/v1"), owner_secret)

    assert [item["app_id"] for item in first["items"]] == every[:2]
    assert first["next"] == f"http://testserver/api/v1/mini-programs?limit=2&after={every[1]}"
    assert [item["app_id"] for item in second.json()["items"]] == every[2:4]
    assert [item["app_id"] for item in last.json()["items"]] == every[4:]
    assert last.json()["next"] is None


def test_a_page_holds_a_hundred_unless_asked_for_fewer(client, team, owner_secret):
    MiniProgram.objects.bulk_create(
        MiniProgram(workspace=team.workspace, creator=team.owner) for _ in range(99)
    )

    page = get(client, "/mini-programs", owner_secret).json()

    assert len(page["items"]) == 100
    assert page["next"].endswith(f"?limit=100&after={page['items'][-1]['app_id']}")


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("after=42", "after")],
)
def test_a_page_asked_for_wrongly_is_refused_next_to_its_field(
    client, team, owner_secret, query, field
):
    response = get(client, f"/mini-programs?{query}", owner_secret)

    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["message"]


def test_a_developers_token_lists_only_the_mini_programs_assigned_to_them(client, team):
    secret = make_token(team.developer, team.workspace, mini_programs=[team.assigned_mini_program])[
        1
    ]

    response = get(client, "/mini-programs", secret)

    assert [item["app_id"] for item in response.json()["items"]] == [
        team.assigned_mini_program.app_id
    ]


def test_a_token_limited_to_one_mini_program_lists_only_that_one(client, team):
    secret = make_token(team.owner, team.workspace, mini_programs=[team.other_mini_program])[1]

    response = get(client, "/mini-programs", secret)

    assert [item["name"] for item in response.json()["items"]] == ["Acme Eats"]


def test_a_developers_token_gets_404_on_a_mini_program_not_assigned_to_them(client, team):
    secret = make_token(team.developer, team.workspace, mini_programs=[team.assigned_mini_program])[
        1
    ]

    unassigned = get(client, f"/mini-programs/{team.other_mini_program.app_id}", secret)
    made_up = get(client, "/mini-programs/1234567890123456", secret)

    assert unassigned.status_code == made_up.status_code == 404
    assert unassigned.json()["error"] == made_up.json()["error"] == "mini_program_not_found"
    assert "Acme Eats" not in unassigned.content.decode()


def test_a_token_of_another_workspace_sees_nothing_of_acme(client, team, program):
    upload(program, team.owner)
    secret = make_token(team.outsider, team.other_workspace)[1]

    listed = get(client, "/mini-programs", secret)
    detail = get(client, f"/mini-programs/{program.app_id}", secret)
    uploaded = send_upload(client, program, secret, upload_data("2.0.0"))
    applied = post(client, versions_url(program, "1.0.0", "apply"), secret)

    assert [item["name"] for item in listed.json()["items"]] == ["Globex Maps"]
    assert [r.status_code for r in (detail, uploaded, applied)] == [404, 404, 404]
    assert program.versions.get().status == Version.Status.NEW


def test_a_members_token_stops_reaching_mini_programs_once_unassigned(client, team):
    secret = make_token(team.developer, team.workspace, mini_programs=[team.assigned_mini_program])[
        1
    ]
    team.assigned_mini_program.developers.remove(team.developer_membership)

    response = get(client, f"/mini-programs/{team.assigned_mini_program.app_id}", secret)

    assert response.status_code == 404


def test_one_mini_program_comes_with_its_languages_and_versions(
    client, team, program, owner_secret, reviewer
):
    approved(program, team.owner, reviewer, "1.0.0")
    upload(program, team.owner, "1.1.0")

    response = get(client, f"/mini-programs/{program.app_id}", owner_secret)

    body = response.json()
    assert response.status_code == 200
    assert (body["app_id"], body["name"], body["offline"], body["live_version"]) == (
        program.app_id,
        "Acme Parking",
        False,
        None,
    )
    assert [language["language"] for language in body["languages"]] == ["en"]
    assert body["languages"][0]["tagline"] == "Park in seconds"
    assert [(v["number"], v["status"]) for v in body["versions"]] == [
        ("1.1.0", "new"),
        ("1.0.0", "release_preparation"),
    ]
    assert body["versions"][1]["package"]["size"] > 0


def test_an_unknown_version_is_404(client, team, program, owner_secret):
    response = post(client, versions_url(program, "9.9.9", "withdraw"), owner_secret)

    assert (response.status_code, response.json()["error"]) == (404, "version_not_found")


# --- Upload Version ---------------------------------------------------------------------------


def test_upload_stores_the_version_and_names_the_token_in_the_activity_log(
    client, team, program, owner_secret
):
    response = send_upload(client, program, owner_secret, upload_data("1.2.0"))

    assert response.status_code == 201
    assert (response.json()["number"], response.json()["status"]) == ("1.2.0", "new")
    version = program.versions.get()
    assert version.uploaded_by == team.owner
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.VERSION_UPLOADED)
    assert (event.actor, event.api_token_name) == (team.owner, "Deploy from CI")


def test_a_read_only_token_may_not_upload(client, team, program):
    secret = make_token(team.owner, team.workspace, access="read")[1]

    response = send_upload(client, program, secret, upload_data())

    assert (response.status_code, response.json()["error"]) == (403, "read_only_token")
    assert not program.versions.exists()


def test_a_read_only_token_may_read(client, team, program):
    secret = make_token(team.owner, team.workspace, access="read")[1]

    assert get(client, f"/mini-programs/{program.app_id}", secret).status_code == 200


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"package": None}, "package", "required"),
        ({"number": "1.0"}, "number", "version_number_format"),
        ({"description": "Short"}, "description", "description_length"),
        ({"package": package(b"not a zip")}, "package", "package_not_zip"),
        ({"package": package(zip_bytes(app=None))}, "package", "app_json_missing"),
    ],
    ids=["no package", "number", "description", "not a zip", "no app.json"],
)
def test_upload_refuses_bad_fields_with_the_forms_code_and_message(
    client, team, program, owner_secret, fields, field, code
):
    data = {key: value for key, value in upload_data(**fields).items() if value is not None}

    response = send_upload(client, program, owner_secret, data)

    body = response.json()
    assert response.status_code == 400
    assert (body["error"], body["field"]) == (code, field)
    assert body["message"]
    assert not program.versions.exists()


def test_upload_names_every_bad_field_at_once(client, team, program, owner_secret):
    data = upload_data("1.0", description="Short")

    response = send_upload(client, program, owner_secret, data)

    body = response.json()
    assert body["error"] == "version_number_format"
    assert [(e["field"], e["error"]) for e in body["errors"]] == [
        ("number", "version_number_format"),
        ("description", "description_length"),
    ]


def test_upload_refuses_a_number_not_above_the_latest(client, team, program, owner_secret):
    upload(program, team.owner, "2.0.0")

    response = send_upload(client, program, owner_secret, upload_data("1.5.0"))

    body = response.json()
    assert (response.status_code, body["error"], body["field"]) == (
        400,
        "version_number_not_greater",
        "number",
    )
    assert "2.0.0" in body["message"]


def test_upload_over_the_body_limit_is_refused_in_json_unread(
    client, team, program, owner_secret, settings
):
    settings.PACKAGE_MAX_BYTES = 1024
    data = upload_data(package=package(b"x" * 200_000))

    response = send_upload(client, program, owner_secret, data)

    assert (response.status_code, response.json()["error"]) == (413, "body_too_large")
    assert not program.versions.exists()


def test_a_package_just_over_its_limit_is_named_next_to_the_field(
    client, team, program, owner_secret, settings
):
    settings.PACKAGE_MAX_BYTES = 1024
    data = upload_data(package=package(zip_bytes({"pages/index/index.js": os.urandom(5000)})))

    response = send_upload(client, program, owner_secret, data)

    assert (response.status_code, response.json()["error"]) == (400, "package_too_large")


def test_a_large_body_to_another_endpoint_is_refused_in_json(client, team, program, owner_secret):
    upload(program, team.owner)
    response = client.post(
        f"{API}{versions_url(program, '1.0.0', 'apply')}",
        '{"testers": "' + "a" * 70_000 + '"}',
        content_type="application/json",
        headers=bearer(owner_secret),
    )

    assert (response.status_code, response.json()["error"]) == (413, "body_too_large")


# --- the release ------------------------------------------------------------------------------


def test_apply_for_release_sends_the_version_to_review(client, team, program, owner_secret):
    upload(program, team.owner)

    response = post(client, versions_url(program, "1.0.0", "apply"), owner_secret)

    assert (response.status_code, response.json()["status"]) == (200, "under_review")
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.VERSION_APPLIED)
    assert event.api_token_name == "Deploy from CI"


def test_apply_for_release_takes_testers_as_a_list(client, team, program, owner_secret):
    upload(program, team.owner)

    response = post(
        client,
        versions_url(program, "1.0.0", "apply"),
        owner_secret,
        {"testers": ["tess@acme.test", "tom@acme.test"]},
    )

    assert response.json()["testers"] == ["tess@acme.test", "tom@acme.test"]


def test_apply_for_release_refuses_a_bad_tester_address(client, team, program, owner_secret):
    upload(program, team.owner)

    response = post(
        client, versions_url(program, "1.0.0", "apply"), owner_secret, {"testers": ["nobody"]}
    )

    body = response.json()
    assert (response.status_code, body["error"], body["field"]) == (400, "tester_email", "testers")
    assert program.versions.get().status == Version.Status.NEW


def test_apply_for_release_of_an_incomplete_mini_program_is_refused(client, team, owner_secret):
    upload(team.other_mini_program, team.owner)

    response = post(client, versions_url(team.other_mini_program, "1.0.0", "apply"), owner_secret)

    assert (response.status_code, response.json()["error"]) == (409, "mini_program_incomplete")


def test_a_body_that_is_not_a_json_object_is_refused(client, team, program, owner_secret):
    upload(program, team.owner)

    response = client.post(
        f"{API}{versions_url(program, '1.0.0', 'apply')}",
        "[1, 2",
        content_type="application/json",
        headers=bearer(owner_secret),
    )

    assert (response.status_code, response.json()["error"]) == (400, "invalid_json")


def test_withdraw_takes_the_version_back_from_review(client, team, program, owner_secret):
    version = upload(program, team.owner)
    services.version_apply_for_release(version=version, actor=team.owner)

    response = post(client, versions_url(program, "1.0.0", "withdraw"), owner_secret)

    assert response.json()["status"] == "new"


def test_a_button_the_status_does_not_allow_is_refused_with_wrong_status(
    client, team, program, owner_secret
):
    upload(program, team.owner)

    response = post(client, versions_url(program, "1.0.0", "withdraw"), owner_secret)

    body = response.json()
    assert (response.status_code, body["error"], body["field"]) == (409, "wrong_status", None)
    assert "Withdraw" in body["message"]


def test_go_live_puts_the_approved_version_on_every_device(
    client, team, program, owner_secret, reviewer
):
    approved(program, team.owner, reviewer)

    response = post(client, versions_url(program, "1.0.0", "go-live"), owner_secret)

    assert (response.status_code, response.json()["status"]) == (200, "full_release")
    event = ActivityEvent.objects.get(action=ActivityEvent.Action.VERSION_WENT_LIVE)
    assert event.api_token_name == "Deploy from CI"


def test_go_live_with_a_percentage_is_a_grayscale_release(
    client, team, program, owner_secret, reviewer
):
    approved(program, team.owner, reviewer)

    response = post(
        client, versions_url(program, "1.0.0", "go-live"), owner_secret, {"percentage": 10}
    )

    assert (response.json()["status"], response.json()["grayscale_percentage"]) == (
        "grayscale_release",
        10,
    )


@pytest.mark.parametrize(
    ("percentage", "code"), [(0, "percentage_range"), (100, "percentage_range"), ("ten", "invalid")]
)
def test_go_live_refuses_a_percentage_out_of_range(
    client, team, program, owner_secret, reviewer, percentage, code
):
    approved(program, team.owner, reviewer)

    response = post(
        client,
        versions_url(program, "1.0.0", "go-live"),
        owner_secret,
        {"percentage": percentage},
    )

    body = response.json()
    assert (response.status_code, body["error"], body["field"]) == (400, code, "percentage")
    assert program.versions.get().status == Version.Status.RELEASE_PREPARATION


def test_a_read_only_token_may_not_go_live(client, team, program, reviewer):
    approved(program, team.owner, reviewer)
    secret = make_token(team.owner, team.workspace, access="read")[1]

    response = post(client, versions_url(program, "1.0.0", "go-live"), secret)

    assert (response.status_code, response.json()["error"]) == (403, "read_only_token")
    assert program.versions.get().status == Version.Status.RELEASE_PREPARATION


def test_scale_up_then_full_release(client, team, program, owner_secret, reviewer):
    version = approved(program, team.owner, reviewer)
    services.version_grayscale(version=version, actor=team.owner, percentage=10)

    lower = post(
        client, versions_url(program, "1.0.0", "scale-up"), owner_secret, {"percentage": 5}
    )
    higher = post(
        client, versions_url(program, "1.0.0", "scale-up"), owner_secret, {"percentage": 50}
    )
    full = post(client, versions_url(program, "1.0.0", "full-release"), owner_secret)

    assert (lower.status_code, lower.json()["error"]) == (400, "percentage_not_higher")
    assert higher.json()["grayscale_percentage"] == 50
    assert full.json()["status"] == "full_release"


def test_roll_back_makes_an_archived_version_live_again(
    client, team, program, owner_secret, reviewer
):
    first = approved(program, team.owner, reviewer, "1.0.0")
    services.version_go_live(version=first, actor=team.owner)
    second = approved(program, team.owner, reviewer, "1.1.0")
    services.version_go_live(version=second, actor=team.owner)

    response = post(client, versions_url(program, "1.0.0", "roll-back"), owner_secret)

    assert response.json()["status"] == "full_release"
    assert program.versions.get(minor=1).status == Version.Status.ARCHIVED


def test_cancel_takes_the_version_out_of_the_release(client, team, program, owner_secret, reviewer):
    approved(program, team.owner, reviewer)

    response = post(client, versions_url(program, "1.0.0", "cancel"), owner_secret)

    assert response.json()["status"] == "canceled"


def test_complete_ends_pilot_testing(client, team, program, owner_secret, reviewer):
    approved(program, team.owner, reviewer, testers=["tess@acme.test"])

    response = post(client, versions_url(program, "1.0.0", "complete"), owner_secret)

    assert response.json()["status"] == "release_preparation"


def test_a_developers_token_releases_an_assigned_mini_program(client, team, program, reviewer):
    secret = make_token(team.developer, team.workspace, mini_programs=[program])[1]
    uploaded = send_upload(client, program, secret, upload_data())
    applied = post(client, versions_url(program, "1.0.0", "apply"), secret)
    services.version_approve(version=program.versions.get(), reviewer=reviewer)

    live = post(client, versions_url(program, "1.0.0", "go-live"), secret)

    assert [uploaded.status_code, applied.status_code, live.status_code] == [201, 200, 200]
    assert live.json()["status"] == "full_release"


# --- the OpenAPI document and the docs page ---------------------------------------------------


def test_the_openapi_document_lists_every_endpoint(client, db):
    response = client.get(f"{API}/openapi.json")

    document = response.json()
    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/mini-programs",
        "/api/v1/mini-programs/{app_id}",
        "/api/v1/mini-programs/{app_id}/versions",
        "/api/v1/mini-programs/{app_id}/versions/{number}/apply",
        "/api/v1/mini-programs/{app_id}/versions/{number}/go-live",
        "/api/v1/mini-programs/{app_id}/versions/{number}/scale-up",
        "/api/v1/mini-programs/{app_id}/versions/{number}/full-release",
        "/api/v1/mini-programs/{app_id}/versions/{number}/roll-back",
        "/api/v1/mini-programs/{app_id}/versions/{number}/cancel",
        "/api/v1/mini-programs/{app_id}/versions/{number}/withdraw",
        "/api/v1/mini-programs/{app_id}/versions/{number}/complete",
    } <= set(document["paths"])
    upload_body = document["paths"]["/api/v1/mini-programs/{app_id}/versions"]["post"]
    assert "multipart/form-data" in upload_body["requestBody"]["content"]
    listing = document["paths"]["/api/v1/mini-programs"]["get"]
    assert [parameter["name"] for parameter in listing["parameters"]] == ["limit", "after"]
    assert document["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_the_docs_page_loads_nothing_from_another_host(client, db):
    response = client.get(f"{API}/docs")

    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page and "//cdn" not in page
    assert '"validatorUrl": null' in page
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_public_release_endpoint_still_answers_beside_the_api(client, team, program):
    response = client.get(f"{API}/mini-programs/{program.app_id}/release", {"device": "d1"})

    assert (response.status_code, response.json()["error"]) == (404, "not_released")
