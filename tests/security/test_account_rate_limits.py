"""Rate limits on the accounts pages: sign-in, sign-up, password reset (issue 6, part 1)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User

SIGN_IN = reverse("accounts:signin")
SIGN_UP = reverse("accounts:signup")
RESET = reverse("accounts:password_reset")


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.RATE_LIMIT_SIGN_IN_PER_ACCOUNT = "3/15m"
    settings.RATE_LIMIT_SIGN_IN_PER_IP = "5/15m"
    settings.RATE_LIMIT_SIGN_UP_PER_IP = "2/1h"
    settings.RATE_LIMIT_PASSWORD_RESET_PER_IP = "4/1h"
    settings.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL = "2/1h"


def sign_in(client, email, password, ip="203.0.113.1"):
    return client.post(SIGN_IN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail_sign_ins(client, email, times, ip="203.0.113.1"):
    for _ in range(times):
        assert sign_in(client, email, "wrong guess", ip).status_code == 200


def test_failed_sign_ins_pause_the_account_even_for_the_right_password(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 3)

    response = sign_in(client, "Olivia@Acme.test", password)

    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "_auth_user_id" not in client.session


def test_the_account_pause_holds_from_another_address(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 3, ip="203.0.113.1")

    assert sign_in(client, "olivia@acme.test", password, ip="198.51.100.2").status_code == 429


def test_an_unknown_email_is_paused_the_same_way(client, team):
    fail_sign_ins(client, "nobody@acme.test", 3)

    assert sign_in(client, "nobody@acme.test", "wrong guess").status_code == 429


def test_other_accounts_still_sign_in(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 3)

    response = sign_in(client, "max@acme.test", password)

    assert response.status_code == 302


def test_the_pause_ends_after_the_cool_off(client, team, password, clock):
    fail_sign_ins(client, "olivia@acme.test", 3)
    assert sign_in(client, "olivia@acme.test", password).status_code == 429

    clock.advance(15 * 60 + 1)

    assert sign_in(client, "olivia@acme.test", password).status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 2)
    assert sign_in(client, "olivia@acme.test", password).status_code == 302
    client.logout()

    fail_sign_ins(client, "olivia@acme.test", 2)

    assert sign_in(client, "olivia@acme.test", password).status_code == 302


def test_failures_across_accounts_pause_the_address(client, team, password):
    for number in range(5):
        fail_sign_ins(client, f"guess{number}@acme.test", 1)

    assert sign_in(client, "olivia@acme.test", password).status_code == 429
    assert sign_in(client, "olivia@acme.test", password, ip="198.51.100.2").status_code == 302


def test_successful_sign_ins_do_not_count(client, team, password):
    for _ in range(6):
        assert sign_in(client, "olivia@acme.test", password).status_code == 302
        client.logout()


def test_sign_ups_are_limited_per_address(client, db):
    for number in range(2):
        client.post(
            SIGN_UP,
            {"full_name": "A", "email": f"a{number}@example.com", "password": "x"},
            REMOTE_ADDR="203.0.113.1",
        )

    response = client.post(
        SIGN_UP,
        {"full_name": "Eve", "email": "eve@example.com", "password": "a long passphrase 77"},
        REMOTE_ADDR="203.0.113.1",
    )

    assert response.status_code == 429
    assert not User.objects.filter(email="eve@example.com").exists()
    other = client.post(
        SIGN_UP,
        {"full_name": "Eve", "email": "eve@example.com", "password": "a long passphrase 77"},
        REMOTE_ADDR="198.51.100.2",
    )
    assert other.status_code == 302


def test_the_sign_up_page_itself_is_never_limited(client, db):
    for _ in range(5):
        assert client.get(SIGN_UP).status_code == 200


def test_password_resets_are_limited_per_email(client, team, mailoutbox):
    for ip in ("203.0.113.1", "203.0.113.2"):
        client.post(RESET, {"email": "olivia@acme.test"}, REMOTE_ADDR=ip)

    response = client.post(RESET, {"email": "OLIVIA@acme.test"}, REMOTE_ADDR="203.0.113.3")

    assert response.status_code == 429
    assert len(mailoutbox) == 2


def test_the_email_limit_answers_the_same_for_an_unknown_email(client, team):
    answers = {}
    for email in ("olivia@acme.test", "nobody@acme.test"):
        for _ in range(2):
            client.post(RESET, {"email": email}, REMOTE_ADDR="198.51.100.9")
        response = client.post(RESET, {"email": email}, REMOTE_ADDR="203.0.113.3")
        answers[email] = (response.status_code, response["Retry-After"])

    assert answers["olivia@acme.test"][0] == answers["nobody@acme.test"][0] == 429


def test_password_resets_are_limited_per_address(client, team, mailoutbox):
    for number in range(4):
        client.post(RESET, {"email": f"someone{number}@acme.test"})

    response = client.post(RESET, {"email": "olivia@acme.test"})

    assert response.status_code == 429
    assert mailoutbox == []


def test_the_429_page_is_a_console_page(client, team):
    fail_sign_ins(client, "olivia@acme.test", 3)

    response = sign_in(client, "olivia@acme.test", "wrong guess")

    # The sign-in view renders its form first; axes' middleware answers with the 429 page instead.
    assert {"429.html", "console/public.html"} <= {template.name for template in response.templates}
    assert "The email or password is not correct." not in response.text
    assert "Try again in 15 minutes." in response.text
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_admin_sign_in_page_is_limited_the_same_way(client, team, password):
    team.owner.is_staff = True
    team.owner.save(update_fields=["is_staff"])
    admin_login = reverse("admin:login")
    for _ in range(3):
        response = client.post(admin_login, {"username": "olivia@acme.test", "password": "no"})
        assert response.status_code == 200

    paused = client.post(admin_login, {"username": "olivia@acme.test", "password": password})

    assert paused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_on_either_sign_in_page_add_up(client, team):
    fail_sign_ins(client, "olivia@acme.test", 2, ip="127.0.0.1")
    client.post(reverse("admin:login"), {"username": "olivia@acme.test", "password": "no"})

    assert sign_in(client, "olivia@acme.test", "wrong guess", ip="127.0.0.1").status_code == 429


def test_a_signed_in_visitor_posting_the_form_leaves_the_victims_failures(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 2)
    attacker = Client()
    attacker.force_login(team.outsider)

    posted = sign_in(attacker, "olivia@acme.test", "wrong guess")

    assert posted.status_code == 302
    assert sign_in(client, "olivia@acme.test", "wrong guess").status_code == 200
    assert sign_in(client, "olivia@acme.test", password).status_code == 429


def test_an_operator_can_end_a_pause_early(client, team, password):
    fail_sign_ins(client, "olivia@acme.test", 3)
    assert sign_in(client, "olivia@acme.test", password).status_code == 429

    call_command("axes_reset_username", "Olivia@acme.test", stdout=StringIO())

    assert sign_in(client, "olivia@acme.test", password).status_code == 302
