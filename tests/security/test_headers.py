"""Security headers on every page, and the cookies and deployment checks of production settings.

Every URL the matrix knows is requested by a persona allowed to see it, and every public page by
a visitor; each answer (pages, redirects, JSON, files, error pages) must carry the headers.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.security.test_matrix import (
    BLOCKED,
    CONSOLE_NAMESPACES,
    MATRIX,
    NOT_IN_MATRIX,
    OWNER,
    REVIEWER,
    url_names,
)

BASE_DIR = Path(__file__).resolve().parents[2]

# Browser features no page uses; the header must refuse them all (among others).
REFUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]

# Pages whose URL carries a secret token: nothing may leave them in a Referer header.
TOKEN_PAGES = {"accounts:password_reset_confirm", "invitations:open"}


def assert_secure_headers(response, *, referrer="same-origin"):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp
    assert directives["script-src"][0] == "'self'"
    assert all(
        re.fullmatch(r"'nonce-[\w+/=-]+'", source) for source in directives["script-src"][1:]
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == referrer
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    assert all(policy[feature] == "()" for feature in REFUSED_FEATURES)


def console_requests(world):
    """(name, user, method, url, data) for every console URL, as a persona allowed to use it."""
    for name, entry in MATRIX.items():
        persona = next(
            persona for persona in (OWNER, BLOCKED, REVIEWER) if entry.acme[persona] in (200, 302)
        )
        kwargs = world.objects[entry.target, "acme"][0] if entry.target else {}
        yield name, world.users[persona], entry.method, reverse(name, kwargs=kwargs), entry.data


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_console_page_sends_the_security_headers(client, world, name):
    [(_, user, method, url, data)] = [row for row in console_requests(world) if row[0] == name]
    client.force_login(user)

    response = getattr(client, method.lower())(url, data)

    assert response.status_code in (200, 302)
    assert_secure_headers(response)


def password_reset_link(user) -> str:
    return reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def invitation_link(team) -> str:
    from members import services

    invitation = services.invitation_create(
        workspace=team.workspace,
        inviter=team.owner,
        name="Ivy",
        email="ivy@example.com",
        role="master",
    )
    token = invitation.issue_token()
    invitation.save(update_fields=["token_hash"])
    return reverse("invitations:open", args=[token])


PUBLIC_PAGES = {
    # name: (signed in?, method, status)
    "home": (False, "GET", 302),
    "healthz": (False, "GET", 200),
    "set_language": (False, "POST", 302),
    "accounts:signup": (False, "GET", 200),
    "accounts:signin": (False, "GET", 200),
    "accounts:signout": (True, "POST", 302),
    "accounts:password_reset": (False, "GET", 200),
    "accounts:password_reset_done": (False, "GET", 200),
    "accounts:password_reset_confirm": (False, "GET", 302),
    "accounts:password_reset_complete": (False, "GET", 200),
    "accounts:password_change": (True, "GET", 200),
    "accounts:profile": (True, "GET", 200),
    "invitations:open": (False, "GET", 302),
    "invitations:show": (False, "GET", 404),
    "invitations:sign_up": (False, "POST", 404),
    "invitations:accept": (False, "POST", 302),
    "api:release": (False, "GET", 404),
    "api:release_logo": (False, "GET", 404),
    "automation_api:api-root": (False, "GET", 404),
    "automation_api:openapi-json": (False, "GET", 200),
    "automation_api:openapi-view": (False, "GET", 200),
    # The HTTP API, asked without a token.
    "automation_api:mini_program_list": (False, "GET", 401),
    "automation_api:mini_program_detail": (False, "GET", 401),
    **{
        f"automation_api:{name}": (False, "POST", 401)
        for name in (
            "version_upload",
            "version_apply",
            "version_go_live",
            "version_scale_up",
            "version_withdraw",
            "version_complete",
            "version_full_release",
            "version_roll_back",
            "version_cancel",
        )
    },
}


API_OBJECT = {"app_id": "1234567890123456"}
API_VERSION = {"number": "1.0.0"}

# The release endpoint and its logos, asked about a mini program that has no release.
DEVICE_URLS = {
    "api:release": "/api/v1/mini-programs/1234567890123456/release?device=d",
    "api:release_logo": "/api/v1/mini-programs/1234567890123456/logos/logo.png",
}


def test_every_public_url_is_checked():
    public = {
        name
        for name, namespace in url_names()
        if namespace.split(":")[0] not in CONSOLE_NAMESPACES
        and namespace.split(":")[0] not in ("admin", "anymail")
        and name
    }

    assert public == set(PUBLIC_PAGES)
    assert {"admin", "anymail", "media"} <= set(NOT_IN_MATRIX)


@pytest.mark.parametrize("name", sorted(PUBLIC_PAGES))
def test_every_public_page_sends_the_security_headers(client, team, name):
    signed_in, method, status = PUBLIC_PAGES[name]
    if signed_in:
        client.force_login(team.owner)
    if name == "accounts:password_reset_confirm":
        url = password_reset_link(team.owner)
    elif name == "invitations:open":
        url = invitation_link(team)
    elif name in DEVICE_URLS:
        url = DEVICE_URLS[name]
    elif name.startswith("automation_api:") and "version_" in name:
        url = reverse(name, kwargs=API_OBJECT | ({} if name.endswith("upload") else API_VERSION))
    elif name == "automation_api:mini_program_detail":
        url = reverse(name, kwargs=API_OBJECT)
    else:
        url = reverse(name)

    response = getattr(client, method.lower())(url)

    assert response.status_code == status
    assert_secure_headers(
        response, referrer="no-referrer" if name in TOKEN_PAGES else "same-origin"
    )


def test_the_set_password_page_after_a_reset_link_sends_no_referrer(client, team):
    response = client.get(password_reset_link(team.owner), follow=True)

    assert response.status_code == 200
    assert "new_password1" in response.text
    assert_secure_headers(response, referrer="no-referrer")


def test_the_invitation_page_keeps_no_token_in_its_address(client, team):
    link = invitation_link(team)

    response = client.get(link, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("invitations:show")
    assert_secure_headers(response)


@pytest.mark.parametrize(
    ("url", "status"),
    [("/no-such-page/", 404), (reverse("console:settings"), 403)],
)
def test_error_pages_send_the_security_headers(client, team, url, status):
    client.force_login(team.master)

    response = client.get(url)

    assert response.status_code == status
    assert_secure_headers(response)


def test_the_429_page_sends_the_security_headers(client, db, settings):
    settings.RATE_LIMIT_SIGN_UP_PER_IP = "1/1h"
    client.post(reverse("accounts:signup"), {})

    response = client.post(reverse("accounts:signup"), {})

    assert response.status_code == 429
    assert_secure_headers(response)


@pytest.mark.parametrize(
    "path", ["console/console.css", "console/console.js", "console/favicon.svg"]
)
def test_static_files_send_the_security_headers(client, settings, path):
    # The suite keeps no collected static folder: WhiteNoise serves the files from the sources.
    settings.WHITENOISE_USE_FINDERS = True

    response = client.get(f"/static/{path}")

    assert response.status_code == 200
    assert_secure_headers(response)


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/accounts/user/", "/admin/core/activityevent/", "/admin/login/"],
)
def test_admin_pages_send_the_security_headers(client, team, url):
    team.owner.is_staff = team.owner.is_superuser = True
    team.owner.save(update_fields=["is_staff", "is_superuser"])
    if url != "/admin/login/":
        client.force_login(team.owner)

    response = client.get(url)

    assert response.status_code == 200
    assert_secure_headers(response)


# --- production settings ----------------------------------------------------------------------


def production(code: str, **extra_env) -> subprocess.CompletedProcess:
    """Runs `code` against config.settings as production reads them: DEBUG off, no .env file,
    none of the test suite's relaxations."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "HOME", "LANG", "DATABASE_URL")
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ENV_FILE": "/dev/null",
        "SECRET_KEY": "production-like-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "console.example.com",
        **extra_env,
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


COOKIE_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
]


@pytest.fixture(scope="module")
def production_cookie_settings():
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    result = production(code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_cookies_are_secure_and_same_site(production_cookie_settings):
    assert production_cookie_settings == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
    }


def test_signing_in_sets_cookies_with_the_production_flags(
    client, team, password, settings, production_cookie_settings
):
    for name, value in production_cookie_settings.items():
        setattr(settings, name, value)
    client.get(reverse("accounts:signin"), secure=True)

    response = client.post(
        reverse("accounts:signin"),
        {"username": "olivia@acme.test", "password": password},
        secure=True,
    )
    client.post(reverse("set_language"), {"language": "zh-hans"}, secure=True)

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    csrf = response.cookies["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")
    language = client.cookies["django_language"]
    assert (language["secure"], language["samesite"]) == (True, "Lax")


def test_the_deployment_checks_pass_with_production_settings():
    result = production(
        "import django, sys; from django.core.management import call_command; django.setup(); "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/accounts/signup/", {"full_name": "Nul\x00", "email": "a@example.com"}),
        ("post", "/accounts/signin/", {"username\x00": "x"}),
        ("get", "/console/mini-programs/", {"q": "a\x00b"}),
    ],
    ids=["form_value", "form_key", "query"],
)
def test_a_nul_anywhere_in_the_fields_is_a_bad_request(client, team, method, url, data):
    client.force_login(team.owner)

    response = getattr(client, method)(url, data)

    assert response.status_code == 400
    assert "Bad request" in response.text
    assert_secure_headers(response)
