"""Files and form data the mini program tests share."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from miniprograms.models import Industry
from miniprograms.services import mini_program_create
from miniprograms.validators import clean_logo


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
        "industry": Industry.objects.get(code="parking").pk,
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
