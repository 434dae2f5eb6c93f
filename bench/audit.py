"""`make audit`: Lighthouse and the Nu HTML checker on the console's main pages, signed in.

1. A fresh database (`bench/audit.sqlite3`) is migrated and seeded with a small workspace:
   the pages are audited as a team sees them, not at benchmark scale.
2. gunicorn serves the console with production settings (DEBUG off), as `make bench` does.
3. Lighthouse (from the npm registry, driving Debian's Chromium) audits each page with the
   Owner's session cookie; the Nu HTML checker (vnu, from the npm registry, on Java) checks the
   HTML each page served.
4. A table of the four Lighthouse scores, the layout shift and the checker's errors is printed,
   and the command fails when a page is under the targets (docs/interface.md).

Usage: python -m bench.audit [--lighthouse PATH] [--vnu PATH] [--keep]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
TOOLS_DIR = PROJECT_DIR / ".audit-tools" / "node_modules"
SCORE_TARGET = 95
CLS_TARGET = 0.1
ATTEMPTS = 3
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.audit", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--lighthouse", default=str(TOOLS_DIR / ".bin" / "lighthouse"))
    parser.add_argument("--vnu", default=str(TOOLS_DIR / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def pages(seeded) -> list[tuple[str, str, bool]]:
    """(name, path, signed in) of every audited page."""
    from django.urls import reverse

    app_id = seeded.showcase.app_id
    return [
        ("Sign in", reverse("accounts:signin"), False),
        ("Overview", reverse("console:overview"), True),
        ("Manage Mini Program", reverse("miniprograms:list"), True),
        ("Mini program detail", reverse("miniprograms:detail", args=[app_id]), True),
        ("Create Mini Program", reverse("miniprograms:create"), True),
        ("Members", reverse("members:list"), True),
        ("Activity", reverse("console:activity"), True),
        ("API tokens", reverse("automation:tokens"), True),
    ]


def lighthouse(args, url: str, cookie: str | None, folder: Path) -> dict:
    report = folder / "lighthouse.json"
    command = [
        args.lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS} --user-data-dir={folder / 'profile'}",
    ]
    if cookie:
        command.append(f"--extra-headers={json.dumps({'Cookie': cookie})}")
    # Lighthouse now and then fails to record its trace (NO_NAVSTART); a second try succeeds.
    for attempt in range(ATTEMPTS):
        finished = subprocess.run(  # noqa: S603 (our own arguments)
            command, check=False, env={**os.environ, "CHROME_PATH": args.chromium}
        )
        if finished.returncode == 0:
            break
        if attempt == ATTEMPTS - 1:
            finished.check_returncode()
    result = json.loads(report.read_text())
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["cls"] = result["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["failed"] = sorted(
        audit_id
        for category in result["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"]
        and (result["audits"][(audit_id := ref["id"])]["score"] or 0) < 1
        and result["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric")
    )
    return scores


def html_errors(args, documents: dict[str, Path]) -> dict[str, list[str]]:
    """The Nu HTML checker's errors per page (warnings and info left out)."""
    finished = subprocess.run(  # noqa: S603 (our own arguments)
        [
            shutil.which("java") or "java",
            "-jar",
            args.vnu,
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, documents.values()),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    by_file = {str(path): name for name, path in documents.items()}
    errors = {name: [] for name in documents}
    for message in json.loads(finished.stderr or finished.stdout)["messages"]:
        if message.get("type") == "error":
            name = by_file[message["url"].removeprefix("file:")]
            errors[name].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return errors


def fetch(url: str, cookie: str | None) -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return response.read()


def main(argv=None):
    args = parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_bench"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'audit.sqlite3'}")
    import django

    django.setup()
    from bench.run import gunicorn, prepare_database, session_cookie
    from bench.seed import seed_workspace

    prepare_database()
    seeded = seed_workspace(label="audit", mini_programs=30, members=10, invitations=5)
    cookie = session_cookie(seeded.owner)
    rows, failures = [], []
    server = gunicorn(argparse.Namespace(workers=args.workers, threads=1, concurrency=4))
    with server, tempfile.TemporaryDirectory() as temporary:
        base = server.base_url
        folder = Path(temporary)
        documents = {}
        for name, path, signed_in in pages(seeded):
            document = folder / f"{len(documents)}.html"
            document.write_bytes(fetch(base + path, cookie if signed_in else None))
            documents[name] = document
            scores = lighthouse(args, base + path, cookie if signed_in else None, folder)
            rows.append((name, scores))
        errors = html_errors(args, documents)
    print("| page | Performance | Accessibility | Best Practices | SEO | CLS | HTML errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, scores in rows:
        print(
            f"| {name} | {scores['performance']} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {scores['seo']} | {scores['cls']:.3f} | "
            f"{len(errors[name])} |"
        )
        below = [category for category in CATEGORIES if scores[category] < SCORE_TARGET]
        if below or scores["cls"] > CLS_TARGET or errors[name]:
            failures.append((name, below, scores, errors[name]))
    for name, below, scores, page_errors in failures:
        print(
            f"\n{name}: below target in {', '.join(below) or 'none'}; "
            f"audits not passed: {', '.join(scores['failed']) or 'none'}"
        )
        for error in page_errors:
            print(f"  {error}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
