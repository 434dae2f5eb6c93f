"""A visitor of the console over real HTTP, with nothing but the standard library.

The console runs with its production settings: HTTPS redirects, Secure cookies, CSRF checks of
the Origin. On the loopback hop a TLS-terminating proxy speaks plain HTTP to gunicorn, says
`X-Forwarded-Proto: https`, and carries the browser's Secure cookies; a `Browser` does the same,
so nothing in the settings is relaxed for the smoke run.
"""

import re
import uuid
import zlib
from dataclasses import dataclass
from email.message import Message
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.error import HTTPError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

TIMEOUT_SECONDS = 30


class BehindTheProxy(DefaultCookiePolicy):
    """Secure cookies travel over the proxy's plain hop: the browser's side of it is HTTPS."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirects(HTTPRedirectHandler):
    """Each redirect is a step the journey checks, so none is followed behind its back."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Response:
    status: int
    headers: Message
    text: str

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


@dataclass
class File:
    name: str
    content_type: str
    content: bytes


class Browser:
    """One person's browser: its own cookies, shared by every console process it talks to (a
    cookie belongs to a host, not a port, as behind a load balancer)."""

    def __init__(self):
        self.cookies = CookieJar(policy=BehindTheProxy())
        self.opener = build_opener(HTTPCookieProcessor(self.cookies), NoRedirects)

    def get(self, url: str, *, https: bool = True) -> Response:
        return self._send(Request(url), https=https)  # noqa: S310 (the journey's own URLs)

    def post(self, url: str, fields: dict, files: dict[str, File] | None = None) -> Response:
        """Submits a form as the page would, with the CSRF token the console set."""
        fields = {"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        origin = "https://" + urlsplit(url).netloc
        headers = {"Content-Type": content_type, "Origin": origin}
        request = Request(url, data=body, headers=headers)  # noqa: S310 (the journey's own URLs)
        return self._send(request, https=True)

    def cookie(self, name: str) -> str:
        for cookie in self.cookies:
            if cookie.name == name:
                return cookie.value
        return ""

    def _send(self, request: Request, *, https: bool) -> Response:
        if https:
            request.add_header("X-Forwarded-Proto", "https")
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as answer:
                return Response(answer.status, answer.headers, answer.read().decode())
        except HTTPError as answer:  # 3xx (not followed), 4xx and 5xx: answers to check too
            with answer:
                return Response(answer.code, answer.headers, answer.read().decode())


def multipart(fields: dict, files: dict[str, File]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, file in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{file.name}"\r\nContent-Type: {file.content_type}\r\n\r\n'.encode()
            + file.content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def square_png(side: int = 64) -> bytes:
    """A one-colour PNG, written by hand so the journey needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = side.to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])  # 8-bit RGB
    rows = b"".join(b"\x00" + bytes([22, 96, 217]) * side for _ in range(side))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def option_values(html: str, select_name: str) -> list[str]:
    """The non-empty option values of a <select> on the page."""
    select = re.search(rf'<select[^>]*name="{select_name}".*?</select>', html, re.S)
    if select is None:
        return []
    return [value for value in re.findall(r'<option value="([^"]*)"', select.group(0)) if value]
