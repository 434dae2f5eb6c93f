"""Logos that cost far more to decode than their size suggests are refused before decoding.

The probe's file: a 250 KB progressive JPEG of 2048 x 2048 pixels in 14,445 scans, about 4 s of
CPU to decode. A scan is a pass over every block of the image, so the scans are counted from the
file's markers first. A PNG's decoding is bounded by its pixels, checked from its header.
"""

import io
import struct
import zlib

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageFile

from miniprograms.models import MiniProgram
from tests.miniprograms.helpers import complete_program, form_data, stored_files, upload
from tests.security.corpus import png_chunk
from tests.security.images import jpeg_until_first_scan, progressive_jpeg

URL = reverse("miniprograms:create")
SCANS_MESSAGE = (
    "The logo is a JPEG saved in more than 32 passes (scans), which takes too long to open. "
    "Save it again as a standard (baseline) JPEG or as a PNG."
)


@pytest.fixture
def decoded(monkeypatch):
    """The format of each image Pillow decodes during the test."""
    formats = []
    load = ImageFile.ImageFile.load

    def recording_load(image):
        formats.append(image.format)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    return formats


def jpeg_upload(content: bytes):
    return upload(content, name="logo.jpg", content_type="image/jpeg")


def logo_errors(response) -> str:
    return response.text.split('for="id_logo"')[1].split('name="logo"')[0]


def photo(*, progressive: bool) -> bytes:
    """A 512 x 512 JPEG as a camera or editor writes it: detail everywhere, 10 scans if
    progressive, one if baseline."""
    gradient = Image.linear_gradient("L").resize((512, 512))
    noise = Image.effect_noise((512, 512), 40)
    image = Image.merge("RGB", (gradient, noise, gradient.rotate(90)))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, progressive=progressive)
    return buffer.getvalue()


def test_the_probes_jpeg_of_14445_scans_is_refused_before_decoding(
    sign_in, team, media_root, decoded
):
    content = progressive_jpeg(2048, 14_445)
    assert len(content) <= settings.LOGO_MAX_BYTES

    response = sign_in(team.owner).post(URL, form_data(logo=jpeg_upload(content)))

    assert response.status_code == 200
    assert SCANS_MESSAGE in logo_errors(response)
    assert "JPEG" not in decoded
    assert not MiniProgram.objects.filter(listings__name="Acme Parking").exists()
    assert stored_files(media_root) == []


def test_editing_refuses_it_and_keeps_the_current_logo(sign_in, team, media_root, decoded):
    mini_program = complete_program(team)
    logo = mini_program.logo.name
    edit = reverse("miniprograms:edit", args=[mini_program.app_id])

    response = sign_in(team.owner).post(
        edit, form_data(logo=jpeg_upload(progressive_jpeg(2048, 14_445)), tagline="Park it now")
    )

    mini_program.refresh_from_db()
    assert SCANS_MESSAGE in logo_errors(response)
    assert "JPEG" not in decoded
    assert mini_program.logo.name == logo
    assert mini_program.default_listing.tagline == "Park in seconds"
    assert stored_files(media_root) == [logo]


@pytest.mark.parametrize(("scans", "accepted"), [(32, True), (33, False)])
def test_up_to_32_scans_are_accepted(sign_in, team, media_root, scans, accepted):
    response = sign_in(team.owner).post(
        URL, form_data(logo=jpeg_upload(progressive_jpeg(256, scans)))
    )

    assert (response.status_code == 302) is accepted
    assert MiniProgram.objects.filter(listings__name="Acme Parking").exists() is accepted
    assert (SCANS_MESSAGE in response.text) is not accepted


def test_the_scan_limit_is_a_setting(sign_in, team, settings):
    # Raised, it lets a small copy of the probe's file through: Pillow decodes such files.
    settings.LOGO_MAX_JPEG_SCANS = 20_000

    response = sign_in(team.owner).post(
        URL, form_data(logo=jpeg_upload(progressive_jpeg(64, 14_445)))
    )

    assert response.status_code == 302
    with Image.open(MiniProgram.objects.get(listings__name="Acme Parking").logo) as image:
        assert (image.format, image.size) == ("JPEG", (64, 64))


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
def test_ordinary_photos_are_accepted(sign_in, team, media_root, progressive):
    response = sign_in(team.owner).post(
        URL, form_data(logo=jpeg_upload(photo(progressive=progressive)))
    )

    assert response.status_code == 302
    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    assert stored_files(media_root) == [mini_program.logo.name]
    with Image.open(mini_program.logo) as image:
        assert (image.format, image.size) == ("JPEG", (512, 512))


def test_a_thumbnail_in_the_exif_does_not_count_its_scans(sign_in, team):
    # A camera puts a small JPEG, with scans of its own, inside the photo's APP1 segment.
    thumbnail = progressive_jpeg(64, 30)
    content = photo(progressive=True)
    # An empty TIFF directory, then the thumbnail's bytes, as cameras store it after IFD1.
    app1 = b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00" + thumbnail
    content = content[:2] + b"\xff\xe1" + (len(app1) + 2).to_bytes(2) + app1 + content[2:]

    response = sign_in(team.owner).post(URL, form_data(logo=jpeg_upload(content)))

    assert response.status_code == 302


BROKEN_JPEGS = {
    "cut among its scans": progressive_jpeg(2048, 14_445)[:100_000],
    "cut in its last scan": progressive_jpeg(256, 8)[:-20],
    "a scan header cut short": jpeg_until_first_scan() + b"\xff\xda\x00",
    "a length past the end": jpeg_until_first_scan() + b"\xff\xc4\xff\xff\x00",
    "lengths under 2": jpeg_until_first_scan() + b"\xff\xfe\x00\x00\xff\xfe\x00\x01" * 500,
    "stuffing, fill and restarts only": jpeg_until_first_scan() + b"\xff\x00\xff\xff\xd3" * 1000,
    "reserved markers": jpeg_until_first_scan() + bytes(range(256)) * 4,
    "no end": jpeg_until_first_scan() + b"\x12\x34" * 1000,
}


@pytest.mark.parametrize("case", BROKEN_JPEGS)
def test_broken_jpegs_get_a_message_next_to_the_field(sign_in, team, media_root, case):
    response = sign_in(team.owner).post(URL, form_data(logo=jpeg_upload(BROKEN_JPEGS[case])))

    assert response.status_code == 200
    assert 'class="errorlist' in logo_errors(response)
    assert stored_files(media_root) == []


def png_with(*chunks: bytes, side=64) -> bytes:
    """A real PNG of side x side pixels with extra chunks after its header."""
    buffer = io.BytesIO()
    Image.new("RGB", (side, side), (22, 96, 217)).save(buffer, "PNG")
    data = buffer.getvalue()
    header_end = 8 + 25
    return data[:header_end] + b"".join(chunks) + data[header_end:]


def test_a_png_in_thousands_of_image_data_chunks_is_accepted(sign_in, team):
    rows = b"".join(b"\x00" + bytes([x % 251, 7, 9]) * 2048 for x in range(2048))
    pixels = zlib.compress(rows, 9)
    header = struct.pack(">IIBBBBB", 2048, 2048, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + b"".join(png_chunk(b"IDAT", pixels[i : i + 8]) for i in range(0, len(pixels), 8))
        + png_chunk(b"IEND", b"")
    )
    assert content.count(b"IDAT") > 2000

    response = sign_in(team.owner).post(URL, form_data(logo=upload(content)))

    assert response.status_code == 302


def test_a_png_whose_text_inflates_to_megabytes_is_refused(sign_in, team, media_root):
    # Each chunk holds a 1 KB zlib stream of 1 MB of text; Pillow stops inflating them at 64 MB.
    text = png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"a" * 1_000_000, 9))
    content = png_with(text * 100)
    assert len(content) <= settings.LOGO_MAX_BYTES

    response = sign_in(team.owner).post(URL, form_data(logo=upload(content)))

    assert "The logo must be a JPEG or PNG image" in logo_errors(response)
    assert stored_files(media_root) == []
