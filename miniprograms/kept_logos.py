"""A logo that passed its checks on a form that failed elsewhere, kept until the form is sent
again, so nobody picks the same file twice.

The re-encoded logo is written to the `kept-logos/` folder of the default storage; the form
carries a signed token naming the file and the workspace it was sent in, so a token cannot name
another file, nor be used in another workspace, and stops working after a day. Kept files are
removed once the form is saved, and any left behind (a form abandoned) when the next one is
kept.
"""

import base64
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

FOLDER = "kept-logos"
SALT = "miniprograms.kept-logo"
MAX_AGE = timedelta(days=1)
CONTENT_TYPES = {".png": "image/png", ".jpg": "image/jpeg"}


@dataclass(frozen=True)
class KeptLogo:
    token: str
    name: str
    content: bytes

    def file(self) -> ContentFile:
        """The logo as a new upload, under a name of its own (the kept file is removed)."""
        extension = PurePath(self.name).suffix
        return ContentFile(self.content, name=f"{uuid.uuid4().hex}{extension}")

    def data_url(self) -> str:
        """The logo inline, for the form's preview: a kept logo belongs to no mini program yet,
        so no logo URL with its access check can serve it."""
        content_type = CONTENT_TYPES[PurePath(self.name).suffix]
        return f"data:{content_type};base64,{base64.b64encode(self.content).decode('ascii')}"


def keep_logo(logo: ContentFile, *, workspace_id: int) -> KeptLogo:
    remove_expired_kept_logos()
    logo.seek(0)
    content = logo.read()
    name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}{PurePath(logo.name).suffix}", logo)
    token = signing.dumps({"name": name, "workspace": workspace_id}, salt=SALT)
    return KeptLogo(token=token, name=name, content=content)


def kept_logo(token: str, *, workspace_id: int) -> KeptLogo | None:
    """The logo a token names, or None when the token is forged, old, from another workspace or
    its file is gone."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if value.get("workspace") != workspace_id:
        return None
    try:
        with default_storage.open(value["name"], "rb") as kept:
            return KeptLogo(token=token, name=value["name"], content=kept.read())
    except FileNotFoundError:
        return None


def discard_kept_logo(logo: KeptLogo) -> None:
    default_storage.delete(logo.name)


def remove_expired_kept_logos() -> None:
    if not default_storage.exists(FOLDER):
        return
    cutoff = timezone.now() - MAX_AGE
    for filename in default_storage.listdir(FOLDER)[1]:
        name = f"{FOLDER}/{filename}"
        try:
            if default_storage.get_modified_time(name) < cutoff:
                default_storage.delete(name)
        except FileNotFoundError:
            continue  # removed meanwhile by another request
