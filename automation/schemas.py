"""What the HTTP API answers (docs/api.md), as types: ninja builds the OpenAPI document from them.

Request bodies are read by the console's own forms (automation.api), so a field is refused with
the message and code Upload Version and the buttons give; the input schemas here describe those
bodies in the OpenAPI document.
"""

from datetime import datetime

from ninja import Schema

from releases.models import Version


class Error(Schema):
    error: str
    message: str
    field: str | None = None


class ErrorList(Error):
    """A refusal of several fields at once leads with the first; `errors` has them all."""

    errors: list[Error] = []


class Package(Schema):
    sha256: str
    size: int
    file_count: int


class VersionOut(Schema):
    number: str
    status: Version.Status
    description: str
    grayscale_percentage: int | None
    testers: list[str]
    rejection_reason: str
    package: Package
    uploaded_at: datetime
    applied_at: datetime | None
    reviewed_at: datetime | None
    released_at: datetime | None

    @staticmethod
    def resolve_package(version: Version) -> dict:
        return {
            "sha256": version.package_sha256,
            "size": version.package_size,
            "file_count": version.package_file_count,
        }

    @staticmethod
    def resolve_uploaded_at(version: Version) -> datetime:
        return version.created_at


class MiniProgramOut(Schema):
    app_id: str
    name: str
    default_language: str
    offline: bool
    live_version: str | None


class MiniProgramPageOut(Schema):
    items: list[MiniProgramOut]
    # The address of the next page; null on the last.
    next: str | None


class LanguageOut(Schema):
    language: str
    name: str
    tagline: str
    description: str


class MiniProgramDetailOut(MiniProgramOut):
    languages: list[LanguageOut]
    versions: list[VersionOut]


class ApplyIn(Schema):
    testers: list[str] = []


class GoLiveIn(Schema):
    """Without a percentage every device gets the version; with one (1 to 99), that share."""

    percentage: int | None = None


class PercentageIn(Schema):
    percentage: int
