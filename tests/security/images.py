"""Image bytes for the tests, made with Pillow."""

import io
import re

from PIL import Image


def png_bytes(width: int = 64, height: int = 64, color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def image_bytes(kind: str, width: int = 64, height: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, kind)
    return buffer.getvalue()


def progressive_jpeg(side: int, scans: int) -> bytes:
    """A grey progressive JPEG of side x side pixels in `scans` scans, made as the file of the
    probe was (2048 x 2048 in 14,445 scans, 250 KB): Pillow writes a grey image in 6 scans, and
    the first one of AC coefficients, all zero here and so a few bytes long, is repeated. libjpeg
    decodes such a file, with a warning about the progression, in one pass over every block of
    the image per scan."""
    assert scans >= 6
    buffer = io.BytesIO()
    Image.new("L", (side, side), 128).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    assert data.count(b"\xff\xda") == 6
    start = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    header_end = start + 2 + int.from_bytes(data[start + 2 : start + 4])
    end = re.compile(rb"\xff[^\x00]").search(data, header_end).start()
    return data[:end] + data[start:end] * (scans - 6) + data[end:]


def jpeg_until_first_scan() -> bytes:
    """A progressive JPEG cut after the header of its first scan: Pillow opens it, and what comes
    next is for the decoder (and the logo checks) to read."""
    data = progressive_jpeg(256, 6)
    start = data.index(b"\xff\xda")
    return data[: start + 2 + int.from_bytes(data[start + 2 : start + 4])]
