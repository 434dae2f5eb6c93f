"""The mixed-load run's writer: while wrk reads the list, a detail page and the Overview, it
edits mini programs and adds languages through the console's own forms, as a browser would, at
a set share of the requests, and reads the pages right after each write to check that none
shows data older than that write.

The pure pieces (`form_fields`, `Staleness`) are tested in tests/bench/.
"""

import html
import http.client
import itertools
import re
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser


class _Forms(HTMLParser):
    """Every POST form of a page: the values a browser would submit without touching it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form[name] = attrs.get("value", "on")
            elif kind not in {"file", "submit", "button"}:
                self._form[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._form[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            # As in a browser, a newline right after <textarea> is not part of the value.
            if not self._form[self._textarea]:
                data = data.removeprefix("\n")
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            # A select without a selected option submits its first.
            if self._form is not None:
                self._form.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(page: str, having: tuple[str, ...]) -> dict[str, str]:
    """The fields of the page's POST form that has every field named in `having` (the shell's
    own forms, such as the language switch, are on every page too)."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        if all(name in form for name in having):
            return form
    raise ValueError(f"no POST form with the fields {having} on the page")


@dataclass
class Staleness:
    """Pages read right after a write, and those that did not show what it wrote."""

    checked: Counter = field(default_factory=Counter)
    stale: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def check(self, page: str, body: str, written: list[str]) -> bool:
        """Whether `body` (HTML) shows every written value; counts a stale answer if not."""
        self.checked[page] += 1
        missing = [value for value in written if html.escape(value) not in body]
        if missing:
            self.stale[page] += 1
            if len(self.examples) < 5:
                self.examples.append(f"{page} without {missing[0]!r}")
        return not missing

    def as_dict(self) -> dict:
        return {
            "checked": dict(self.checked),
            "stale_by_page": dict(self.stale),
            "stale": sum(self.stale.values()),
            "examples": self.examples,
        }


@dataclass
class Paths:
    """The console's URLs the writer uses, by App ID (reversed by the harness)."""

    list: str
    overview: str
    detail: str  # with "{app_id}"
    edit: str
    language_add: str


class Writer(threading.Thread):
    """One signed-in browser tab writing every `interval` seconds, taking turns between an edit
    (a new name and tagline, for a mini program on the list's first page) and a language added
    (to `additions`, (App ID, language) pairs); after each write it reads the pages that show
    what it wrote."""

    def __init__(
        self,
        *,
        base_url: str,
        cookie: str,
        paths: Paths,
        edits: list[str],
        additions,
        interval: float,
        label: str,
        staleness: Staleness,
    ):
        super().__init__(daemon=True)
        address = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        self.cookies = {cookie.split("=", 1)[0]: cookie}
        self.paths = paths
        self.edits = itertools.cycle(edits)
        self.additions = additions
        self.interval = interval
        self.label = label
        self.staleness = staleness
        self.stop = threading.Event()
        self.writes = 0
        self.requests = 0
        self.failures: list[str] = []
        self.write_ms: list[float] = []

    def run(self):
        next_at = time.monotonic()
        for number in itertools.count(1):
            if self.stop.is_set():
                return
            try:
                if number % 2:
                    self.edit(number)
                else:
                    self.add_language(number)
            except Exception as error:  # reported, and the run goes on
                self.failures.append(f"{type(error).__name__}: {error}")
                self.connection.close()
            next_at += self.interval
            self.stop.wait(max(0.0, next_at - time.monotonic()))

    def edit(self, number: int) -> None:
        app_id = next(self.edits)
        # Unique to this write, and within the name's and tagline's limits (3 to 30, 10 to 30).
        name = f"Edit {self.label}{number}"
        tagline = f"Tagline {self.label}{number}"
        path = self.paths.edit.format(app_id=app_id)
        self.post(path, having=("name", "tagline"), changes={"name": name, "tagline": tagline})
        self.read(self.paths.list, "list", [name])
        self.read(self.paths.detail.format(app_id=app_id), "detail", [name, tagline])
        self.read(self.paths.overview, "Overview", [name, tagline])

    def add_language(self, number: int) -> None:
        app_id, language = next(self.additions)
        name = f"Lang {self.label}{number}"
        tagline = f"Lang tagline {self.label}{number}"
        path = self.paths.language_add.format(app_id=app_id)
        self.post(
            path,
            having=("language", "tagline"),
            changes={
                "language": language,
                "name": name,
                "tagline": tagline,
                "description": "Added by the mixed-load writer.",
            },
        )
        self.read(self.paths.detail.format(app_id=app_id), "detail", [name, tagline])
        self.read(self.paths.overview, "Overview", [name, tagline])

    def post(self, path: str, *, having: tuple[str, ...], changes: dict[str, str]) -> None:
        """The form as the page serves it, with `changes`, posted; it must redirect."""
        fields = form_fields(self.get(path), having)
        started = time.perf_counter()
        status, body = self.request(
            "POST",
            path,
            urllib.parse.urlencode({**fields, **changes}),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302:
            # The form's first error says why it refused the write.
            refusal = re.search(r'class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', body, re.S)
            reason = f": {html.unescape(refusal[1])}" if refusal else ""
            raise RuntimeError(f"POST {path} answered {status}{reason}")
        self.write_ms.append((time.perf_counter() - started) * 1000)
        self.writes += 1

    def read(self, path: str, page: str, written: list[str]) -> None:
        self.staleness.check(page, self.get(path), written)

    def get(self, path: str) -> str:
        status, body = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return body

    def request(self, method, path, body=None, headers=None) -> tuple[int, str]:
        cookie = "; ".join(self.cookies.values())
        self.connection.request(method, path, body, {**(headers or {}), "Cookie": cookie})
        response = self.connection.getresponse()
        self.requests += 1
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                self.cookies[pair.split("=", 1)[0]] = pair
        return response.status, response.read().decode()
