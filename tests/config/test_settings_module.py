import json
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


def cache_settings(**env):
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ
        | {"DJANGO_SETTINGS_MODULE": "config.settings_test", "ENV_FILE": os.devnull}
        | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_redis_cache_url_means_djangos_own_backend_even_beside_django_redis(tmp_path):
    # django-environ maps redis:// to django-redis whenever that package can be imported.
    (tmp_path / "django_redis").mkdir()
    (tmp_path / "django_redis" / "__init__.py").touch()

    caches = cache_settings(
        PYTHONPATH=str(tmp_path),
        CACHE_URL="redis://127.0.0.1:6379/0",
        FRAGMENT_CACHE_URL="redis://127.0.0.1:6379/1",
    )

    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["fragments"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_a_redis_cache_url_keeps_its_key_prefix_and_client_options():
    caches = cache_settings(
        CACHE_URL="redis://127.0.0.1:6379/0?key_prefix=console&timeout=60&max_connections=20"
    )

    assert caches["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": "console",
        "TIMEOUT": 60,
        "OPTIONS": {"max_connections": 20},
    }
