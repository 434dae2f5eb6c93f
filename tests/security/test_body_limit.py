"""Request bodies over the limit of their URL are answered 413 before any of them is read.

The probe sent an anonymous 200 MB multipart POST to sign-in, and the console wrote it to the
temporary folder before any check (issue 12, item 8).
"""

import base64
import json

import pytest
from django.urls import reverse

from accounts.models import Membership, User
from miniprograms.models import MiniProgram
from tests.miniprograms.helpers import form_data, noisy_png, stored_files, upload
from tests.security.test_headers import assert_secure_headers

BOUNDARY = "body-limit-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


class LazyUpload:
    """A multipart body of one file of `size` bytes, made only as far as it is read: the
    stream the server hands the application. `position` is how much was read."""

    def __init__(self, size: int):
        self.head = (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.length = len(self.head) + size + len(self.tail)
        self.position = 0

    def _next(self, size) -> bytes:
        start = self.position
        end = self.length if size is None or size < 0 else min(self.length, start + size)
        file_end = self.length - len(self.tail)
        zeros = max(0, min(end, file_end) - max(start, len(self.head)))
        return (
            self.head[start:end]
            + b"\0" * zeros
            + self.tail[max(0, start - file_end) : max(0, end - file_end)]
        )

    def read(self, size=-1) -> bytes:
        chunk = self._next(size)
        self.position += len(chunk)
        return chunk

    def readline(self, size=-1) -> bytes:
        chunk = self._next(size)
        chunk = chunk[: chunk.find(b"\n") + 1 or len(chunk)]
        self.position += len(chunk)
        return chunk


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR.mkdir()
    return settings.FILE_UPLOAD_TEMP_DIR


def test_an_anonymous_200_mb_post_to_sign_in_is_refused_unread(client, upload_temp_dir):
    body = LazyUpload(200 * 1024 * 1024)

    response = client.generic(
        "POST",
        reverse("accounts:signin"),
        **{
            "wsgi.input": body,
            "CONTENT_LENGTH": str(body.length),
            "CONTENT_TYPE": MULTIPART,
        },
    )

    assert response.status_code == 413
    assert "Too much sent at once" in response.text
    assert "at most 64.0\N{NO-BREAK SPACE}KB" in response.text
    assert_secure_headers(response)
    assert body.position == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_a_body_without_a_length_is_refused_unread(client, upload_temp_dir):
    # Chunked: Django would read none of it, so a form would arrive empty.
    body = LazyUpload(200 * 1024 * 1024)

    response = client.generic(
        "POST",
        reverse("accounts:signin"),
        **{
            "wsgi.input": body,
            "HTTP_TRANSFER_ENCODING": "chunked",
            "CONTENT_TYPE": MULTIPART,
        },
    )

    assert response.status_code == 411
    assert "Content-Length" in response.text
    assert body.position == 0
    assert list(upload_temp_dir.iterdir()) == []


def test_an_ordinary_form_over_64_kb_is_refused_and_nothing_is_made(client, db):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "A" * 70_000,
            "email": "big@example.com",
            "password": "correct horse battery staple 42",
        },
    )

    assert response.status_code == 413
    assert "shorten what you entered" in response.text
    assert not User.objects.filter(email="big@example.com").exists()


def test_a_logo_of_nearly_256_kb_is_uploaded(sign_in, team, settings, media_root):
    content = noisy_png(290)
    assert settings.REQUEST_BODY_MAX_BYTES < len(content) <= settings.LOGO_MAX_BYTES

    response = sign_in(team.owner).post(
        reverse("miniprograms:create"), form_data(logo=upload(content))
    )

    assert response.status_code == 302
    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    assert stored_files(media_root) == [mini_program.logo.name]


def test_a_logo_of_a_megabyte_gets_the_413_page_with_the_logo_limit(
    sign_in, team, media_root, upload_temp_dir
):
    response = sign_in(team.owner).post(
        reverse("miniprograms:create"), form_data(logo=upload(noisy_png(600)))
    )

    assert response.status_code == 413
    assert "A file sent with it may be at most 256.0\N{NO-BREAK SPACE}KB" in response.text
    assert not MiniProgram.objects.filter(listings__name="Acme Parking").exists()
    assert stored_files(media_root) == []
    assert list(upload_temp_dir.iterdir()) == []


def test_a_developer_assigned_3000_mini_programs_by_app_id_is_saved(sign_in, team, settings):
    # The largest ordinary form: about 17 bytes per App ID, so 64 KB holds some 3,800.
    settings.MINI_PROGRAM_CHECKBOX_LIMIT = 100
    programs = MiniProgram.objects.bulk_create(
        MiniProgram(workspace=team.workspace, default_language="en") for _ in range(3000)
    )
    membership = team.developer_membership
    app_ids = " ".join(program.app_id for program in programs)
    assert len(app_ids) > 50_000

    response = sign_in(team.owner).post(
        reverse("members:edit", args=[membership.pk]),
        {"role": Membership.Role.DEVELOPER, "mini_programs": app_ids},
    )

    assert response.status_code == 302
    assert membership.assigned_mini_programs.count() == 3000


WEBHOOK = "/webhooks/anymail/sendgrid/tracking/"
WEBHOOK_SECRET = "hook-user:hook-password-0123456789"


def sendgrid_events(count: int) -> bytes:
    return json.dumps(
        [
            {
                "email": f"person{number}@example.com",
                "timestamp": 1_700_000_000 + number,
                "event": "open",
                "sg_event_id": f"event-{number:08d}-" + "x" * 200,
                "sg_message_id": f"message-{number:08d}.filter0001",
            }
            for number in range(count)
        ]
    ).encode()


@pytest.mark.parametrize(("events", "status"), [(2500, 200), (5000, 413)])
def test_an_esps_batch_of_events_is_taken_up_to_a_megabyte(client, settings, events, status):
    settings.ANYMAIL = {"WEBHOOK_SECRET": WEBHOOK_SECRET}
    body = sendgrid_events(events)
    assert len(body) > settings.REQUEST_BODY_MAX_BYTES

    response = client.post(
        WEBHOOK,
        body,
        content_type="application/json",
        headers={"Authorization": "Basic " + base64.b64encode(WEBHOOK_SECRET.encode()).decode()},
    )

    assert response.status_code == status
