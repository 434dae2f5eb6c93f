"""Files and form data the mini program tests share."""

import importlib
import os
from io import BytesIO

from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from miniprograms.models import Industry
from miniprograms.services import mini_program_create
from miniprograms.validators import clean_logo


def curated_industry(code: str) -> Industry:
    """An industry of the curated list. A test that commits (transactional, or the live server
    of the browser tests) flushes the database afterwards, the data migration's rows included,
    so the list, with its keywords, is put back when it is missing."""
    if not Industry.objects.filter(code=code).exists():
        industries = importlib.import_module("miniprograms.migrations.0002_curated_industries")
        industries.add_industries(django_apps, None)
        keywords = importlib.import_module("miniprograms.migrations.0005_curated_industry_keywords")
        keywords.add_keywords(django_apps, None)
    return Industry.objects.get(code=code)


def image_bytes(width=64, height=64, *, format="PNG", **save_options) -> bytes:
    output = BytesIO()
    mode = "RGB" if format == "JPEG" else "RGBA"
    Image.new(mode, (width, height), (22, 96, 217)).save(output, format=format, **save_options)
    return output.getvalue()


def upload(content: bytes, name="logo.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_upload(width=64, height=64, name="logo.png") -> SimpleUploadedFile:
    return upload(image_bytes(width, height), name=name)


def form_data(**overrides) -> dict:
    """Everything + Create Mini Program asks for, valid."""
    data = {
        "default_language": "en",
        "name": "Acme Parking",
        "tagline": "Park in seconds",
        "description": "Find, book and pay for parking near you.",
        "logo": png_upload(),
        "industry": curated_industry("parking").pk,
        "customer_service_phone": "0571-88888888",
        "customer_service_email": "service@example.com",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored_files(media_root) -> list[str]:
    return sorted(
        str(path.relative_to(media_root)) for path in media_root.rglob("*") if path.is_file()
    )


def complete_program(team, **overrides):
    """A complete mini program in Acme, made through the service the create page calls."""
    data = form_data(**overrides)
    data["logo"] = clean_logo(data["logo"])
    data["industry"] = Industry.objects.get(pk=data["industry"])
    data.setdefault("release_to_alipay_china", False)
    return mini_program_create(workspace=team.workspace, creator=team.owner, **data)


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress: random pixels."""
    output = BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(output, "PNG")
    return output.getvalue()


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect/></svg>'


BAD_LOGOS = {
    "gif renamed .png": (image_bytes(format="GIF"), "logo.png", "logo_content"),
    "webp renamed .png": (image_bytes(format="WEBP"), "logo.png", "logo_content"),
    "svg renamed .png": (svg(), "logo.png", "logo_content"),
    "html renamed .png": (b"<!doctype html><script>alert(1)</script>", "logo.png", "logo_content"),
    "empty file": (b"", "logo.png", "logo_content"),
    "truncated png": (image_bytes(256, 256)[:-200], "logo.png", "logo_content"),
    "truncated jpeg": (image_bytes(256, 256, format="JPEG")[:400], "logo.jpg", "logo_content"),
    "gif extension": (image_bytes(format="GIF"), "logo.gif", "logo_extension"),
    "no extension": (image_bytes(), "logo", "logo_extension"),
    "svg extension": (svg(), "logo.svg", "logo_extension"),
    "over 256 KB": (noisy_png(320), "logo.png", "logo_too_large"),
    "not square": (image_bytes(64, 48), "logo.png", "logo_not_square"),
    "too many pixels": (image_bytes(4000, 4000), "logo.png", "logo_too_many_pixels"),
}
