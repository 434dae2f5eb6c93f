"""Starts the production topology on loopback and walks the smoke journey through it.

    python -m tests.smoke.run --database postgres://…/console_smoke --redis redis://127.0.0.1:6379

The database must be empty: it is migrated here (`migrate` alone, as a host would) and static
files collected, then two gunicorn processes (A and B, two workers each) and `manage.py
db_worker` run with production settings: DEBUG off, a random SECRET_KEY, Redis for the shared
cache (rate limits) and the fragment cache, the database task backend, and mail written to
files so the journey can read the invitation link. `.ci/run` starts PostgreSQL and Redis and
calls this; docs/deployment.md describes the same topology.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.smoke import journey

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://console.example.com"
WORKERS_PER_PROCESS = 2
READY_SECONDS = 60
STOP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(*, database: str, redis: str, folder: Path) -> dict[str, str]:
    redis = redis.rstrip("/")
    run = f"smoke-{secrets.token_hex(4)}"
    kept = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return kept | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ENV_FILE": os.devnull,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": SITE_URL,
        "DATABASE_URL": database,
        # Rate limits and page fragments in two Redis databases, as docs/deployment.md says,
        # under a prefix of this run: a fresh database hands out the same ids again, and a
        # fragment cached by an earlier run against the same Redis would show on its pages.
        "CACHE_URL": f"{redis}/0?key_prefix={run}",
        "FRAGMENT_CACHE_URL": f"{redis}/1?key_prefix={run}",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder / "mail"),
        "MEDIA_ROOT": str(folder / "media"),
    }


class Processes:
    """The long-running processes, each logging to its own file, all stopped on the way out."""

    def __init__(self, env: dict[str, str], logs: Path):
        self.env = env
        self.logs = logs
        self.running: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *command: str) -> None:
        # The child keeps its own copy of the file; this process needs none.
        with (self.logs / f"{name}.log").open("wb") as log:
            self.running[name] = subprocess.Popen(  # noqa: S603 (our own interpreter and code)
                [sys.executable, *command], cwd=ROOT, env=self.env, stdout=log, stderr=log
            )

    def wait_until_serving(self, name: str, base_url: str) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.running[name].poll() is not None:
                raise journey.SmokeFailure(f"{name} exited at start")
            try:
                with urllib.request.urlopen(base_url + "/healthz", timeout=5):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.3)
        raise journey.SmokeFailure(f"{name} did not answer /healthz in {READY_SECONDS} s")

    def stop(self) -> None:
        # SIGTERM: gunicorn finishes its requests and stops its workers; db_worker ends its task.
        for process in self.running.values():
            if process.poll() is None:
                process.terminate()
        for name, process in self.running.items():
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                print(f"{name} ignored SIGTERM for {STOP_SECONDS} s; killing it", flush=True)
                process.kill()
                process.wait()

    def print_logs(self) -> None:
        for name in self.running:
            print(f"---- {name} log (last 60 lines) ----")
            lines = (self.logs / f"{name}.log").read_text(errors="replace").splitlines()
            print("\n".join(lines[-60:]))


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True
    )


def gunicorn(port: int) -> tuple[str, ...]:
    return (
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS_PER_PROCESS}",
        "--access-logfile=-",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="URL of an empty PostgreSQL database")
    parser.add_argument("--redis", required=True, help="redis://host:port of a Redis server")
    parser.add_argument(
        "--sign-in-limit", type=int, default=5, help="failed sign-ins per account before a 429"
    )
    options = parser.parse_args()
    # A cancelled CI job still stops what this started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    folder = Path(tempfile.mkdtemp(prefix="console-smoke-"))
    (folder / "logs").mkdir()
    env = production_env(database=options.database, redis=options.redis, folder=folder)
    print("Preparing the database (migrate only) and static files", flush=True)
    manage(env, "migrate", "--no-input", "--verbosity=0")
    manage(env, "collectstatic", "--no-input", "--verbosity=0")

    ports = {"A": free_port(), "B": free_port()}
    processes = Processes(env, folder / "logs")
    passed = False
    try:
        for name, port in ports.items():
            processes.start(f"gunicorn-{name}", *gunicorn(port))
        processes.start("db_worker", "manage.py", "db_worker", "--no-startup-delay")
        for name, port in ports.items():
            processes.wait_until_serving(f"gunicorn-{name}", f"http://127.0.0.1:{port}")
        print(
            f"Serving: gunicorn A on :{ports['A']} and B on :{ports['B']} "
            f"({WORKERS_PER_PROCESS} workers each), db_worker, {options.redis}",
            flush=True,
        )
        stack = journey.Stack(
            a=f"http://127.0.0.1:{ports['A']}",
            b=f"http://127.0.0.1:{ports['B']}",
            site_url=SITE_URL,
            mail_dir=folder / "mail",
            sign_in_limit=options.sign_in_limit,
        )
        journey.run(stack)
        passed = True
    except journey.SmokeFailure as failure:
        print(f"SMOKE FAILED: {failure}", flush=True)
    finally:
        processes.stop()
        if not passed:
            processes.print_logs()
    if not passed:
        print(f"Logs, mail and uploads kept in {folder}", flush=True)
        return 1
    shutil.rmtree(folder)
    print("Smoke journey passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
