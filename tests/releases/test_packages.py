"""Every rule of the package, each refused with a message naming what is wrong, and nothing of a
refused package kept: no file, no version, no activity row."""

import hashlib
import io
import struct
import warnings
import zipfile
import zlib

import pytest
from django.core.files.uploadhandler import StopFutureHandlers

from core.models import ActivityEvent
from releases import packages
from releases.errors import ReleaseError
from releases.models import Version
from tests.miniprograms.helpers import image_bytes, stored_files
from tests.releases.helpers import package, upload, zip_bytes


def refused(program, actor, content: bytes, name="acme-rides.zip") -> ReleaseError:
    with pytest.raises(ReleaseError) as caught:
        upload(program, actor, package=package(content, name=name))
    return caught.value


def bomb(unpacked: int) -> bytes:
    """A ZIP whose one big entry of zeros unpacks to `unpacked` bytes: tiny on disk."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1024 * 1024)
    compressed = b"".join(compressor.compress(chunk) for _ in range(unpacked // len(chunk)))
    compressed += compressor.flush()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("app.json", '{"pages": ["pages/index/index"]}')
        archive.writestr("pages/index/index.js", "Page({});")
        info = zipfile.ZipInfo("assets/zeros.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = unpacked
        info.compress_size = len(compressed)
        info.CRC = 0
        # Written raw: the bytes are already deflated.
        with archive._lock:
            info.header_offset = archive.fp.tell()
            archive.fp.write(info.FileHeader())
            archive.fp.write(compressed)
            archive.start_dir = archive.fp.tell()
            archive.filelist.append(info)
            archive.NameToInfo[info.filename] = info
    return output.getvalue()


def patch_directory(content: bytes, name: str, offset: int, value: int, size="<I") -> bytes:
    """Rewrites one field of `name`'s central directory record, leaving its data as it is."""
    data = bytearray(content)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name.encode():
            struct.pack_into(size, data, position + offset, value)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def with_declared_size(content: bytes, name: str, declared: int) -> bytes:
    return patch_directory(content, name, 24, declared)


def encrypted_app_json() -> bytes:
    """app.json flagged as encrypted, as a password-protected archive has it."""
    return patch_directory(zip_bytes(), "app.json", 8, 0x1, size="<H")


def duplicated_entry() -> bytes:
    output = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(output, "w") as archive:
            archive.writestr("app.json", '{"pages": ["pages/index/index"]}')
            archive.writestr("pages/index/index.js", "Page({});")
            archive.writestr("app.json", '{"pages": ["pages/other/other"]}')
    return output.getvalue()


BAD_PACKAGES = {
    "text renamed .zip": (
        b"this is not a zip",
        "package_not_zip",
        "The package is not a ZIP archive. Upload the .zip file your developer tool made.",
    ),
    "png renamed .zip": (image_bytes(), "package_not_zip", "not a ZIP archive"),
    "truncated zip": (zip_bytes()[:-30], "package_not_zip", "not a ZIP archive"),
    "empty file": (b"", "package_empty", "The package is empty."),
    "parent folder entry": (
        zip_bytes({**{"pages/index/index.js": ""}, "../outside.js": "x"}),
        "entry_outside_package",
        "The package entry “../outside.js” points outside the package with “..”.",
    ),
    "parent folder inside a path": (
        zip_bytes({"pages/index/index.js": "", "pages/../../etc/x": ""}),
        "entry_outside_package",
        "“pages/../../etc/x”",
    ),
    "windows parent folder": (
        zip_bytes({"pages/index/index.js": "", "pages\\..\\..\\x": ""}),
        "entry_outside_package",
        "“pages\\..\\..\\x”",
    ),
    "absolute path": (
        zip_bytes({"pages/index/index.js": "", "/etc/cron.d/job": ""}),
        "entry_absolute_path",
        "The package entry “/etc/cron.d/job” has an absolute path; every path must start at "
        "the package's root.",
    ),
    "windows drive": (
        zip_bytes({"pages/index/index.js": "", "C:/Windows/x.dll": ""}),
        "entry_absolute_path",
        "“C:/Windows/x.dll”",
    ),
    "symbolic link": (
        zip_bytes(links=["pages/secret.js"]),
        "entry_link",
        "The package entry “pages/secret.js” is a symbolic link; links are not allowed.",
    ),
    "one name twice": (
        duplicated_entry(),
        "entry_duplicate",
        "The package holds “app.json” twice.",
    ),
    "no app.json": (
        zip_bytes(app=None),
        "app_json_missing",
        "The package has no app.json at its root.",
    ),
    "app.json in a folder only": (
        zip_bytes({"dist/app.json": '{"pages": ["pages/index/index"]}'}, app=None),
        "app_json_missing",
        "no app.json at its root",
    ),
    "app.json not json": (
        zip_bytes(app=b'{"pages": [}'),
        "app_json_invalid",
        "app.json is not valid JSON (line 1, column 12).",
    ),
    "app.json not utf-8": (
        zip_bytes(app=b'{"pages": ["\xff"]}'),
        "app_json_invalid",
        "app.json is not UTF-8 text.",
    ),
    "app.json a list": (
        zip_bytes(app=b'["pages/index/index"]'),
        "app_json_invalid",
        "app.json must hold a JSON object.",
    ),
    "no pages": (
        zip_bytes(app={"window": {}}),
        "app_json_no_pages",
        "app.json needs a “pages” list that names at least one page.",
    ),
    "empty pages": (zip_bytes(app={"pages": []}), "app_json_no_pages", "“pages” list"),
    "pages not a list": (
        zip_bytes(app={"pages": "pages/index/index"}),
        "app_json_no_pages",
        "“pages” list",
    ),
    "page not a path": (
        zip_bytes(app={"pages": ["pages/index/index", 42]}),
        "app_json_bad_page",
        "Each page in app.json must be a path such as pages/index/index; 42 is not.",
    ),
    "page without file": (
        zip_bytes(app={"pages": ["pages/index/index", "pages/cart/cart"]}),
        "page_file_missing",
        "The page “pages/cart/cart” has no file in the package: add pages/cart/cart.js or "
        "pages/cart/cart.axml.",
    ),
    "page with another extension only": (
        zip_bytes({"pages/index/index.css": ""}),
        "page_file_missing",
        "“pages/index/index”",
    ),
    "encrypted app.json": (
        encrypted_app_json(),
        "app_json_unreadable",
        "app.json could not be read from the package.",
    ),
    "app.json smaller than it unpacks": (
        with_declared_size(
            zip_bytes(app={"pages": ["pages/index/index"], "x": "y" * 5000}), "app.json", 10
        ),
        "app_json_unreadable",
        "could not be read",
    ),
    "app.json over 1 MB": (
        zip_bytes(app={"pages": ["pages/index/index"], "padding": "x" * (1024 * 1024)}),
        "app_json_too_large",
        "app.json is larger than 1.0\xa0MB.",
    ),
}


@pytest.mark.parametrize(("content", "code", "message"), BAD_PACKAGES.values(), ids=BAD_PACKAGES)
def test_a_bad_package_is_refused_with_its_message_and_nothing_is_stored(
    team, program, media_root, content, code, message
):
    files_before = stored_files(media_root)
    events_before = ActivityEvent.objects.count()

    error = refused(program, team.developer, content)

    assert error.code == code
    assert message in error.message_dict["package"][0]
    assert Version.objects.count() == 0
    assert stored_files(media_root) == files_before
    assert ActivityEvent.objects.count() == events_before


def test_a_package_over_the_size_limit_names_both_sizes(team, program, settings):
    settings.PACKAGE_MAX_BYTES = 1024
    content = zip_bytes({"pages/index/index.js": "x" * 4000}, app={"pages": ["pages/index/index"]})

    error = refused(program, team.developer, bytes(content) + bytes(2000))

    assert error.code == "package_too_large"
    assert error.message_dict["package"] == [
        f"The package is {(len(content) + 2000) / 1024:.1f}\xa0KB; it may be at most 1.0\xa0KB."
    ]


def test_too_many_files_are_counted_from_the_directory(team, program, settings):
    settings.PACKAGE_MAX_FILES = 3
    files = {"pages/index/index.js": "", "a.js": "", "b.js": ""}

    error = refused(program, team.developer, zip_bytes(files))

    assert error.code == "too_many_files"
    assert error.message_dict["package"] == ["The package holds 4 files; at most 3 are allowed."]


def test_folders_do_not_count_as_files(team, program, settings):
    settings.PACKAGE_MAX_FILES = 3
    files = {"pages/": "", "pages/index/": "", "pages/index/index.js": "", "a.js": ""}

    version = upload(program, team.developer, package=package(zip_bytes(files)))

    assert version.package_file_count == 3


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(team, program, monkeypatch):
    content = bomb(101 * 1024 * 1024)
    assert len(content) < 200 * 1024
    opened = []
    open_entry = zipfile.ZipFile.open

    def recording_open(archive, name, *args, **kwargs):
        opened.append(name)
        return open_entry(archive, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording_open)

    error = refused(program, team.developer, content)

    assert error.code == "unpacked_too_large"
    assert error.message_dict["package"] == [
        "The package unpacks to 101.0\xa0MB; at most 100.0\xa0MB are allowed."
    ]
    assert opened == []
    assert Version.objects.count() == 0


def test_a_good_package_is_stored_under_a_generated_name_with_its_summary(team, program):
    content = zip_bytes()

    version = upload(program, team.developer, package=package(content, name="../../evil.zip"))

    assert version.package_sha256 == hashlib.sha256(content).hexdigest()
    assert version.package_size == len(content)
    assert version.package_file_count == 3
    assert version.package.name.startswith("packages/")
    assert "evil" not in version.package.name
    with version.package.open("rb") as stored:
        assert stored.read() == content


def test_a_zip_is_judged_by_its_content_not_its_name(team, program):
    version = upload(program, team.developer, package=package(zip_bytes(), name="build.bin"))

    assert version.package_file_count == 3


def test_a_page_needs_only_one_of_its_files(team, program):
    content = zip_bytes({"pages/index/index.axml": "<view/>"})

    assert upload(program, team.developer, package=package(content)).package_file_count == 2


def test_the_upload_handler_stops_writing_past_the_limit(settings):
    settings.PACKAGE_MAX_BYTES = 100
    handler = packages.PackageUploadHandler()
    with pytest.raises(StopFutureHandlers):
        handler.new_file("package", "big.zip", "application/zip", 1000)
    chunks = [handler.receive_data_chunk(b"x" * 64, start) for start in (0, 64, 128)]

    file = handler.file_complete(192)

    assert chunks == [None, None, None]
    assert file.size == 192
    assert len(file.read()) == 64


def test_the_upload_handler_leaves_other_files_to_django(settings):
    handler = packages.PackageUploadHandler()
    handler.new_file("logo", "logo.png", "image/png", 10)

    assert handler.receive_data_chunk(b"png bytes", 0) == b"png bytes"
    assert handler.file_complete(9) is None
