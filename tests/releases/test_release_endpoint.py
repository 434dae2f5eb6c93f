"""GET /api/v1/mini-programs/<App ID>/release: what a device runs, from released data only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from miniprograms.services import language_add, language_update
from releases import services
from releases.models import OfflineMiniProgram
from releases.selectors import grayscale_bucket
from tests.releases.helpers import approved, live, upload


def release_url(mini_program) -> str:
    return f"/api/v1/mini-programs/{mini_program.app_id}/release"


def ask(client, mini_program, device="device-1", *, lang=None, **request):
    query = {"device": device} | ({"lang": lang} if lang is not None else {})
    return client.get(release_url(mini_program), query, **request)


def devices_in_share(app_id, percentage, *, inside=True):
    """Device IDs whose bucket is inside (or outside) the first `percentage` buckets."""
    for index in range(10_000):
        device = f"device-{index}"
        if (grayscale_bucket(app_id, device) < percentage) == inside:
            yield device


@pytest.fixture
def released(team, program, reviewer):
    return live(program, team.developer, reviewer, "1.0.0")


def test_a_full_release_tells_the_device_what_to_run(client, program, released):
    response = ask(client, program)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "app_id": program.app_id,
        "version": "1.0.0",
        "release": "full",
        "package": {"sha256": released.package_sha256, "size": released.package_size},
        "listing": {
            "language": "en",
            "default_language": "en",
            "name": "Acme Parking",
            "tagline": "Park in seconds",
            "description": "Find, book and pay for parking near you.",
            "logo": {
                "url": "http://testserver" + released.release_logo_url,
                "sha256": released.listing_snapshot["logo_sha256"],
            },
            "industry": released.listing_snapshot["industry"],
            "customer_service": {"phone": "0571-88888888", "email": "service@example.com"},
        },
    }


@pytest.mark.parametrize(
    ("lang", "language", "name"),
    [
        ("zh-CN", "zh-Hans", "阿克米停车"),
        ("zh-Hans", "zh-Hans", "阿克米停车"),
        ("en-US", "en", "Acme Parking"),
        ("fr", "en", "Acme Parking"),
        ("", "en", "Acme Parking"),
    ],
)
def test_the_listing_follows_the_device_language_with_the_usual_fallbacks(
    client, team, program, reviewer, lang, language, name
):
    language_add(
        mini_program=program,
        actor=team.owner,
        language="zh-Hans",
        name="阿克米停车",
        tagline="几秒钟就能停好车的停车助手",
        description="在您附近查找、预订并支付停车位，省时又省心。",  # noqa: RUF001
    )
    live(program, team.developer, reviewer)

    listing = ask(client, program, lang=lang).json()["listing"]

    assert (listing["language"], listing["name"]) == (language, name)


def test_only_released_data_is_served(client, team, program, released, reviewer):
    language_update(
        listing=program.listings.get(),
        actor=team.owner,
        name="Acme Parking Next",
        tagline="Park in seconds",
        description="Find, book and pay for parking near you.",
    )
    waiting = approved(program, team.developer, reviewer, "1.1.0")

    body = ask(client, program).json()

    assert (body["version"], body["listing"]["name"]) == ("1.0.0", "Acme Parking")
    assert waiting.listing_in("en")["name"] == "Acme Parking Next"


def test_a_mini_program_never_released_answers_404_json(client, team, program, reviewer):
    approved(program, team.developer, reviewer)

    response = ask(client, program)

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_released",
        "message": "No release of this mini program is available.",
    }
    assert response["Cache-Control"] == "public, max-age=60"


def test_an_unknown_app_id_answers_like_one_never_released(client, db):
    response = client.get("/api/v1/mini-programs/1234567890123456/release", {"device": "d"})

    assert response.status_code == 404
    assert response.json()["error"] == "not_released"


def test_an_offline_mini_program_answers_404_until_it_is_back(client, team, program, released):
    services.mini_program_take_offline(mini_program=program, actor=team.owner)

    offline = ask(client, program)
    services.mini_program_bring_online(mini_program=program, actor=team.owner)
    online = ask(client, program)

    assert offline.status_code == 404
    assert offline.json() == {
        "error": "offline",
        "message": "This mini program is offline: there is nothing to run.",
    }
    assert (online.status_code, online.json()["version"]) == (200, "1.0.0")


def test_offline_answers_404_even_without_a_served_version(client, team, program):
    # Taking offline needs a Full Release today; the answer must not depend on it.
    OfflineMiniProgram.objects.create(mini_program=program, taken_offline_by=team.owner)

    response = ask(client, program)

    assert response.status_code == 404
    assert response.json()["error"] == "offline"


@pytest.mark.parametrize("offline", [False, True])
def test_a_served_mini_program_is_read_in_one_query_besides_the_rate_limit(
    client, team, program, released, offline
):
    if offline:
        services.mini_program_take_offline(mini_program=program, actor=team.owner)
    ask(client, program)

    with CaptureQueriesContext(connection) as queries:
        response = ask(client, program, REMOTE_ADDR="203.0.113.10")

    assert response.status_code == (404 if offline else 200)
    reads = [
        query["sql"]
        for query in queries
        if query["sql"].startswith("SELECT") and "console_cache" not in query["sql"]
    ]
    assert len(reads) == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "device: This field is required."),
        (
            {"device": "x" * 129},
            "device: Ensure this value has at most 128 characters (it has 129).",
        ),
        ({"device": "abc\u202edef"}, "device: Remove the invisible or control character"),
    ],
)
def test_a_bad_query_answers_400_json(client, program, released, params, message):
    response = client.get(release_url(program), params)

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_query"
    assert response.json()["message"].startswith(message)


def test_answers_carry_an_etag_and_a_conditional_request_gets_304(
    client, team, program, released, reviewer
):
    first = ask(client, program)
    assert first["Cache-Control"] == "public, max-age=60"

    same = ask(client, program, headers={"if-none-match": first["ETag"]})
    live(program, team.developer, reviewer, "1.1.0")
    changed = ask(client, program, headers={"if-none-match": first["ETag"]})

    assert same.status_code == 304
    assert same.content == b""
    assert same["ETag"] == first["ETag"]
    assert same["Cache-Control"] == "public, max-age=60"
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["version"] == "1.1.0"


def test_a_conditional_request_is_answered_without_drawing_the_body(
    client, program, released, monkeypatch
):
    first = ask(client, program)

    def no_body(*args, **kwargs):
        raise AssertionError("the body was drawn for a 304")

    monkeypatch.setattr("releases.api.release_body", no_body)
    same = ask(client, program, headers={"if-none-match": first["ETag"]})

    assert same.status_code == 304
    assert same["ETag"] == first["ETag"]


def test_each_language_has_its_own_etag(client, team, program, reviewer):
    language_add(
        mini_program=program,
        actor=team.owner,
        language="zh-Hans",
        name="阿克米停车",
        tagline="几秒钟就能停好车的停车助手",
        description="在您附近查找、预订并支付停车位，省时又省心。",  # noqa: RUF001
    )
    live(program, team.developer, reviewer)
    english = ask(client, program, lang="en")
    chinese = ask(client, program, lang="zh-Hans")

    assert english.json()["listing"]["language"] != chinese.json()["listing"]["language"]
    assert english["ETag"] != chinese["ETag"]


def test_it_is_read_only(client, program, released):
    assert client.post(release_url(program), {"device": "d"}).status_code == 405
    assert client.head(release_url(program), {"device": "d"}).status_code == 200


def test_it_is_rate_limited_per_address(client, program, released, settings):
    settings.RATE_LIMIT_RELEASE_PER_IP = "3/1m"
    statuses = [ask(client, program).status_code for _ in range(3)]

    limited = ask(client, program)
    elsewhere = ask(client, program, REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert limited.json()["error"] == "rate_limited"
    assert 0 < int(limited["Retry-After"]) <= 60
    assert elsewhere.status_code == 200


def test_during_a_grayscale_release_a_share_of_devices_gets_the_new_version(
    client, team, program, released, reviewer
):
    candidate = approved(program, team.developer, reviewer, "1.1.0")
    services.version_grayscale(version=candidate, actor=team.developer, percentage=30)
    inside = list(devices_in_share(program.app_id, 30))[:3]
    outside = list(devices_in_share(program.app_id, 30, inside=False))[:3]

    served = {device: ask(client, program, device).json() for device in inside + outside}

    assert {served[device]["version"] for device in inside} == {"1.1.0"}
    assert {served[device]["release"] for device in inside} == {"grayscale"}
    assert {served[device]["version"] for device in outside} == {"1.0.0"}


def test_outside_the_share_with_no_full_release_yet_there_is_nothing_to_run(
    client, team, program, reviewer
):
    first = approved(program, team.developer, reviewer)
    services.version_grayscale(version=first, actor=team.developer, percentage=10)
    inside = next(devices_in_share(program.app_id, 10))
    outside = next(devices_in_share(program.app_id, 10, inside=False))

    assert ask(client, program, inside).json()["version"] == "1.0.0"
    assert ask(client, program, outside).status_code == 404


def test_the_logo_of_a_served_version_is_public(client, program, released):
    response = client.get(released.release_logo_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    with released.snapshot_logo.open("rb") as logo:
        assert b"".join(response.streaming_content) == logo.read()


def test_the_logo_of_a_version_not_served_is_not_found(client, team, program, reviewer):
    waiting = approved(program, team.developer, reviewer)

    assert client.get(waiting.release_logo_url).status_code == 404

    services.version_go_live(version=waiting, actor=team.developer)
    services.mini_program_take_offline(mini_program=program, actor=team.owner)
    assert client.get(waiting.release_logo_url).status_code == 404
    mini_program_logo = f"/api/v1/mini-programs/{program.app_id}/logos/{program.logo_filename}"
    assert client.get(mini_program_logo).status_code == 404


def test_a_version_under_review_is_never_served(client, team, program, released):
    version = upload(program, team.developer, "1.1.0")
    services.version_apply_for_release(version=version, actor=team.developer)

    assert ask(client, program).json()["version"] == "1.0.0"
