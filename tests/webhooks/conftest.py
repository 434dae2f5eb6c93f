import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks import services
from webhooks.models import WebhookEndpoint

ALL_EVENTS = list(WebhookEndpoint.Event.values)


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1: records what it is sent and answers `status`, with
    `headers`."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    headers: dict = field(default_factory=dict)


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(Received(self.path, dict(self.headers), body))
            self.send_response(state.status)
            for name, value in state.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"no")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/console"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_private(settings):
    """Development mode: http:// and loopback addresses allowed, for the local receiver."""
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True


@pytest.fixture
def endpoint(team, receiver, allow_private):
    """An Acme endpoint subscribed to every event, pointing at the local receiver."""
    return services.endpoint_create(
        workspace=team.workspace,
        actor=team.owner,
        url=receiver.url,
        description="Our deploy bot",
        events=ALL_EVENTS,
    )


@pytest.fixture
def deferring_tasks(settings):
    """A tasks backend that keeps what is enqueued, `run_after` included, without running it."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()
