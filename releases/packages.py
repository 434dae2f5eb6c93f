"""The checks a version's package passes before any of it is stored (docs/versions.md).

The file is read in chunks (its SHA-256) and through the ZIP's central directory, which lists
every entry with its declared size: the counts and sizes are refused from there, before anything
is decompressed, so a zip bomb is never unpacked. The one entry read is `app.json`, and only up to
a bound, whatever size it declares. Each rule is one function raising `ReleaseError` with a
message that names the entry at fault.
"""

import hashlib
import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import NoReturn

from django.conf import settings
from django.core.files.base import File
from django.core.files.uploadhandler import StopFutureHandlers, TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from releases.errors import ReleaseError

APP_JSON = "app.json"
# A generous bound on app.json, which lists pages and window settings.
APP_JSON_MAX_BYTES = 1024 * 1024
PAGE_EXTENSIONS = (".js", ".axml")
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class PackageSummary:
    sha256: str
    size: int
    file_count: int


class PackageUploadHandler(TemporaryFileUploadHandler):
    """Streams an uploaded package to a temporary file and stops writing once it passes
    PACKAGE_MAX_BYTES: an oversized upload costs no memory and no more disk than the limit. The
    file still reports the size that was sent, so `check_size` refuses it by name.

    Listed first in FILE_UPLOAD_HANDLERS, since middleware reads a request's form before any view
    could choose its handlers. It claims only a form's `package` field and passes every other
    file on to Django's own handlers."""

    FIELD = "package"

    def new_file(self, field_name, *args, **kwargs):
        self.claimed = field_name == self.FIELD
        if self.claimed:
            super().new_file(field_name, *args, **kwargs)
            raise StopFutureHandlers

    def receive_data_chunk(self, raw_data, start):
        if not self.claimed:
            return raw_data
        if start + len(raw_data) <= settings.PACKAGE_MAX_BYTES:
            self.file.write(raw_data)
        return None

    def file_complete(self, file_size):
        return super().file_complete(file_size) if self.claimed else None


def _refuse(message: str, code: str) -> NoReturn:
    raise ReleaseError(message, code=code, field="package")


def check_size(package: File) -> int:
    size = package.size
    if size > settings.PACKAGE_MAX_BYTES:
        _refuse(
            _("The package is %(size)s; it may be at most %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(settings.PACKAGE_MAX_BYTES)},
            "package_too_large",
        )
    if size == 0:
        _refuse(_("The package is empty."), "package_empty")
    return size


def sha256_of(package: File) -> str:
    digest = hashlib.sha256()
    for chunk in package.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def open_archive(package: File) -> zipfile.ZipFile:
    """The package as a ZIP, judged by its content: the file's name proves nothing."""
    package.seek(0)
    try:
        return zipfile.ZipFile(package)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        _refuse(
            _("The package is not a ZIP archive. Upload the .zip file your developer tool made."),
            "package_not_zip",
        )


def check_relative_path(entry: zipfile.ZipInfo) -> None:
    if entry.filename.startswith(("/", "\\")) or WINDOWS_DRIVE.match(entry.filename):
        _refuse(
            _(
                "The package entry “%(name)s” has an absolute path; every path must start at "
                "the package's root."
            )
            % {"name": entry.filename},
            "entry_absolute_path",
        )


def check_inside_package(entry: zipfile.ZipInfo) -> None:
    if ".." in re.split(r"[/\\]", entry.filename):
        _refuse(
            _("The package entry “%(name)s” points outside the package with “..”.")
            % {"name": entry.filename},
            "entry_outside_package",
        )


def check_not_link(entry: zipfile.ZipInfo) -> None:
    if stat.S_ISLNK(entry.external_attr >> 16):
        _refuse(
            _("The package entry “%(name)s” is a symbolic link; links are not allowed.")
            % {"name": entry.filename},
            "entry_link",
        )


def check_unique(entry: zipfile.ZipInfo, seen: set[str]) -> None:
    """Two entries of one name would let a tool read one file and a device the other."""
    if entry.filename in seen:
        _refuse(
            _("The package holds “%(name)s” twice.") % {"name": entry.filename},
            "entry_duplicate",
        )
    seen.add(entry.filename)


def check_file_count(files: list[zipfile.ZipInfo]) -> int:
    if len(files) > settings.PACKAGE_MAX_FILES:
        _refuse(
            _("The package holds %(count)s files; at most %(max)s are allowed.")
            % {
                "count": number_format(len(files), force_grouping=True),
                "max": number_format(settings.PACKAGE_MAX_FILES, force_grouping=True),
            },
            "too_many_files",
        )
    return len(files)


def check_unpacked_size(files: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(entry.file_size for entry in files)
    if unpacked > settings.PACKAGE_MAX_UNPACKED_BYTES:
        _refuse(
            _("The package unpacks to %(size)s; at most %(max)s are allowed.")
            % {
                "size": filesizeformat(unpacked),
                "max": filesizeformat(settings.PACKAGE_MAX_UNPACKED_BYTES),
            },
            "unpacked_too_large",
        )


def read_app_json(archive: zipfile.ZipFile, names: set[str]) -> bytes:
    """The bytes of the root app.json, never more than APP_JSON_MAX_BYTES decompressed: its
    declared size may lie."""
    if APP_JSON not in names:
        _refuse(_("The package has no app.json at its root."), "app_json_missing")
    try:
        with archive.open(APP_JSON) as entry:
            content = entry.read(APP_JSON_MAX_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError):
        # Damaged, encrypted, or compressed with a method we cannot read.
        _refuse(_("app.json could not be read from the package."), "app_json_unreadable")
    if len(content) > APP_JSON_MAX_BYTES:
        _refuse(
            _("app.json is larger than %(max)s.") % {"max": filesizeformat(APP_JSON_MAX_BYTES)},
            "app_json_too_large",
        )
    return content


def parse_app_json(content: bytes) -> dict:
    try:
        app = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        _refuse(_("app.json is not UTF-8 text."), "app_json_invalid")
    except json.JSONDecodeError as error:
        _refuse(
            _("app.json is not valid JSON (line %(line)d, column %(column)d).")
            % {"line": error.lineno, "column": error.colno},
            "app_json_invalid",
        )
    if not isinstance(app, dict):
        _refuse(_("app.json must hold a JSON object."), "app_json_invalid")
    return app


def check_pages(app: dict) -> list[str]:
    pages = app.get("pages")
    if not isinstance(pages, list) or not pages:
        _refuse(
            _("app.json needs a “pages” list that names at least one page."),
            "app_json_no_pages",
        )
    for page in pages:
        if not isinstance(page, str) or not page.strip():
            _refuse(
                _(
                    "Each page in app.json must be a path such as pages/index/index; "
                    "%(page)s is not."
                )
                % {"page": json.dumps(page, ensure_ascii=False)[:100]},
                "app_json_bad_page",
            )
    return pages


def check_page_file(page: str, names: set[str]) -> None:
    stem = str(PurePosixPath(page.strip().lstrip("/")))
    if not any(stem + extension in names for extension in PAGE_EXTENSIONS):
        _refuse(
            _("The page “%(page)s” has no file in the package: add %(stem)s.js or %(stem)s.axml.")
            % {"page": page, "stem": stem},
            "page_file_missing",
        )


def check_package(package: File) -> PackageSummary:
    """Every rule, cheapest first; the first one broken is raised."""
    size = check_size(package)
    with open_archive(package) as archive:
        entries = archive.infolist()
        seen: set[str] = set()
        for entry in entries:
            check_relative_path(entry)
            check_inside_package(entry)
            check_not_link(entry)
            check_unique(entry, seen)
        files = [entry for entry in entries if not entry.is_dir()]
        file_count = check_file_count(files)
        check_unpacked_size(files)
        names = {entry.filename for entry in files}
        app = parse_app_json(read_app_json(archive, names))
        for page in check_pages(app):
            check_page_file(page, names)
    return PackageSummary(sha256=sha256_of(package), size=size, file_count=file_count)
