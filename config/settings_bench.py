"""Settings for `make bench`: production settings (DEBUG off) served over plain HTTP on loopback.

Differences from production, each needed to measure it on one machine:
- its own database: `bench/bench.sqlite3`, or `<name>_bench` on the server `DATABASE_URL` names,
  so the benchmark never touches the development or a real database;
- its own URLconf (`bench.urls`): the console plus the baseline view that exists only here;
- HTTPS redirects and secure-only cookies off, because the load tool speaks plain HTTP;
- client addresses from `X-Forwarded-For`, as behind the production proxy: the public release
  endpoint is rate limited per address, and the load tool sends each request from another one;
- collected static files and uploaded logos under `bench/`.
"""

import os
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent / "bench"

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
# `testserver` is the Django test client, which counts each page's database queries.
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}")
os.environ.setdefault("USE_X_FORWARDED_FOR", "true")
os.environ.setdefault("MEDIA_ROOT", str(BENCH_DIR / "media"))
# The mail of seeded invitations, if any were sent, must not leave the machine.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from config.settings import *  # noqa: E402, F403
from config.settings import DATABASES, INSTALLED_APPS  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = f"{DATABASES['default']['NAME']}_bench"

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
STATIC_ROOT = BENCH_DIR / "staticfiles"
