"""Where a webhook may be sent, and sending it there (docs/webhooks.md, "Addresses").

A webhook URL is typed by a workspace member, and the console's own network is behind it: the
host is resolved and every address it names must be a public one, at registration and again at
each delivery, and the request then goes to the address that was checked, so a DNS answer that
changes in between (rebinding) cannot send it elsewhere. TLS is still verified for the host name.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from webhooks.models import WebhookDelivery

TIMEOUT_SECONDS = 10
# What is kept of a receiver's answer in the delivery log.
RESPONSE_EXCERPT_BYTES = 1000


def _allow_private() -> bool:
    return settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def validate_url(url: str) -> None:
    """The URL's form: HTTPS (plain HTTP only where private addresses are allowed, for
    development), a host, and no user name or password in it."""
    parts = urlsplit(url)
    schemes = ("https", "http") if _allow_private() else ("https",)
    if parts.scheme not in schemes:
        raise ValidationError(gettext("Use an https:// address."), code="scheme")
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError:
        raise ValidationError(gettext("Enter a valid URL."), code="invalid") from None
    if not parts.hostname:
        raise ValidationError(gettext("Enter a valid URL."), code="invalid")
    if parts.username or parts.password:
        raise ValidationError(
            gettext("Leave the user name and password out of the address."), code="credentials"
        )


def resolve(url: str) -> str:
    """The address to connect to for `url`, after checking every address its host names.

    Raises ValidationError when the URL is not allowed or its host cannot be found."""
    validate_url(url)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (UnicodeError, OSError):
        raise ValidationError(
            WebhookDelivery.Problem.UNRESOLVABLE.label, code="unresolvable"
        ) from None
    addresses = [ipaddress.ip_address(answer[4][0].split("%")[0]) for answer in answers]
    if not _allow_private() and not all(is_public_address(address) for address in addresses):
        raise ValidationError(WebhookDelivery.Problem.PRIVATE_ADDRESS.label, code="private_address")
    return str(addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the checked address and speaks TLS for the host name (SNI, certificate)."""

    def __init__(self, host, port, *, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@dataclass
class Outcome:
    status_code: int | None
    duration_ms: int
    # A WebhookDelivery.Problem, empty after a success; `error` is its detail.
    problem: str = ""
    error: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


# What an address refused at delivery says, by the code `resolve` refused it with.
ADDRESS_PROBLEMS = {
    "unresolvable": WebhookDelivery.Problem.UNRESOLVABLE,
    "private_address": WebhookDelivery.Problem.PRIVATE_ADDRESS,
}


def network_problem(error: OSError | http.client.HTTPException) -> str:
    """The WebhookDelivery.Problem of a request that got no answer."""
    if isinstance(error, ConnectionRefusedError):
        return WebhookDelivery.Problem.CONNECTION_REFUSED
    if isinstance(error, TimeoutError):
        return WebhookDelivery.Problem.TIMEOUT
    if isinstance(error, ssl.SSLError):
        return WebhookDelivery.Problem.TLS
    if isinstance(error, http.client.HTTPException):
        return WebhookDelivery.Problem.BAD_ANSWER
    return WebhookDelivery.Problem.CONNECTION_FAILED


def post(url: str, *, body: bytes, headers: dict[str, str]) -> Outcome:
    """POST `body` once. Redirects are not followed: a 3xx is a failure like any non-2xx."""
    started = time.monotonic()

    def outcome(status_code=None, problem="", error=""):
        duration_ms = round((time.monotonic() - started) * 1000)
        return Outcome(status_code, duration_ms, problem, error[:2000])

    try:
        address = resolve(url)
    except ValidationError as error:
        problem = ADDRESS_PROBLEMS.get(error.code, WebhookDelivery.Problem.ADDRESS_NOT_ALLOWED)
        return outcome(problem=problem, error=" ".join(error.messages))
    parts = urlsplit(url)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(
        parts.hostname, parts.port, address=address, timeout=TIMEOUT_SECONDS
    )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        excerpt = response.read(RESPONSE_EXCERPT_BYTES).decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException) as error:
        return outcome(problem=network_problem(error), error=f"{type(error).__name__}: {error}")
    finally:
        connection.close()
    if 200 <= response.status < 300:
        return outcome(response.status)
    if 300 <= response.status < 400:
        location = response.getheader("Location", "")
        return outcome(response.status, WebhookDelivery.Problem.REDIRECT, location)
    return outcome(response.status, WebhookDelivery.Problem.ANSWER, excerpt)
