"""A deployment that runs only `manage.py migrate` on an empty database works at once: most
hosts run nothing else, and sign-up and sign-in count their rate limits in the default database
cache from the first request."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import environ
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run in the migrated process with Django's test client, which raises a server error instead of
# answering it, so a missing table fails the run with its traceback.
JOURNEY = """
import json
from django.test import Client
from accounts.models import User

account = {"email": "fresh@example.com", "password": "a long enough passphrase 7"}
sign_up = Client().post("/accounts/signup/", {"full_name": "Fresh Owner", **account})
sign_in = Client().post(
    "/accounts/signin/", {"username": account["email"], "password": account["password"]}
)
print(json.dumps({
    "sign_up": [sign_up.status_code, sign_up.get("Location")],
    "sign_in": [sign_in.status_code, sign_in.get("Location")],
    "users": list(User.objects.values_list("email", flat=True)),
}))
"""


@pytest.fixture
def empty_database_url(tmp_path):
    """A database with no table at all, on the engine the suite runs on."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith(("postgres", "postgresql", "pgsql")):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    config = environ.Env.db_url_config(suite_url)
    server = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"],
        "dbname": "postgres",
    }
    name = f"console_fresh_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield suite_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(**server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def manage(*args, database_url):
    # The default caches, not whatever the surrounding shell names.
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CACHE_URL", "FRAGMENT_CACHE_URL", "DATABASE_URL"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "ENV_FILE": os.devnull,
        "DATABASE_URL": database_url,
    }
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_migrate_alone_gives_a_site_that_signs_up_and_signs_in(empty_database_url):
    migrate = manage("migrate", "--no-input", database_url=empty_database_url)
    assert migrate.returncode == 0, migrate.stderr

    journey = manage("shell", "--no-imports", "-c", JOURNEY, database_url=empty_database_url)

    assert journey.returncode == 0, journey.stderr
    outcome = json.loads(journey.stdout.strip().splitlines()[-1])
    assert outcome == {
        "sign_up": [302, "/onboarding/"],
        "sign_in": [302, "/console/"],
        "users": ["fresh@example.com"],
    }
