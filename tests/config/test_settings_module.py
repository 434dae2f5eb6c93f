import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings", "ENV_FILE": os.devnull} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_check(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_the_development_placeholder_key_in_production():
    result = run_check(
        DEBUG="false", SECRET_KEY="django-insecure-dev-only-key-never-use-in-production"
    )

    assert result.returncode != 0


def test_it_starts_with_a_real_secret_key():
    result = run_check(DEBUG="false", SECRET_KEY="k" * 50, ALLOWED_HOSTS="console.example.com")

    assert result.returncode == 0, result.stderr
