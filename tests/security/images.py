"""Image bytes for the tests, made with Pillow."""

import io

from PIL import Image


def png_bytes(width: int = 64, height: int = 64, color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def image_bytes(kind: str, width: int = 64, height: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buffer, kind)
    return buffer.getvalue()
