"""The listing rules of SPEC section 3 as small functions.

Forms, the admin, services and the onboarding wizard all call these, so a rule is written once.
Each raises `ValidationError` with a message meant for the person typing; the ones that clean a
value return it cleaned (trimmed, normalised).
"""

import re
import unicodedata
import uuid
import warnings
from io import BytesIO
from pathlib import PurePath

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from email_validator import EmailNotValidError, EmailUndeliverableError, validate_email
from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile

from core.text import (
    WIDE,
    validate_visible_multiline_text,
    validate_visible_text,
    without_ignorables,
)

NAME_MIN_LENGTH, NAME_MAX_LENGTH = 3, 30
TAGLINE_MIN_LENGTH, TAGLINE_MAX_LENGTH = 10, 30
DESCRIPTION_MIN_LENGTH, DESCRIPTION_MAX_LENGTH = 20, 200
LOGO_EXTENSIONS = (".jpg", ".jpeg", ".png")
LANDLINE_EXAMPLE = "0571-88888888"


def weighted_length(text: str) -> int:
    """Length as the platform counts it: an East Asian wide or full-width character counts 2
    (the committed table, so every Python and the browser's counter agree)."""
    return sum(2 if char in WIDE else 1 for char in text)


def fold_name(name: str) -> str:
    """The key two names are compared by: characters shown as nothing left out (❤️ and ❤ are
    one name; first, so no mark they separated composes on a second folding), width and
    compatibility forms folded (NFKC), case folded, normalised again (case folding can undo
    NFKC), then trimmed."""
    visible = without_ignorables(name)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", visible).casefold())
    return folded.strip()


def clean_name(name: str) -> str:
    """Trimmed name of weighted length 3 to 30; the message tells the length we counted."""
    name = name.strip()
    validate_visible_text(name)
    length = weighted_length(name)
    if not NAME_MIN_LENGTH <= length <= NAME_MAX_LENGTH:
        raise ValidationError(
            ngettext(
                "The name must be %(min)d to %(max)d characters long (a Chinese character "
                "counts as 2); it is %(length)d character long.",
                "The name must be %(min)d to %(max)d characters long (a Chinese character "
                "counts as 2); it is %(length)d characters long.",
                length,
            )
            % {"min": NAME_MIN_LENGTH, "max": NAME_MAX_LENGTH, "length": length},
            code="name_length",
        )
    return name


def validate_name(name: str) -> None:
    """Model-field form of `clean_name`, so the admin applies the same rule."""
    clean_name(name)


def _clean_length(
    text: str, minimum: int, maximum: int, message: str, code: str, *, line_breaks=False
) -> str:
    text = text.strip()
    (validate_visible_multiline_text if line_breaks else validate_visible_text)(text)
    if not minimum <= len(text) <= maximum:
        raise ValidationError(
            message % {"min": minimum, "max": maximum, "length": len(text)}, code=code
        )
    return text


def clean_tagline(tagline: str) -> str:
    return _clean_length(
        tagline,
        TAGLINE_MIN_LENGTH,
        TAGLINE_MAX_LENGTH,
        _("The tagline must be %(min)d to %(max)d characters long; it is %(length)d."),
        "tagline_length",
    )


def validate_tagline(tagline: str) -> None:
    clean_tagline(tagline)


def clean_description(description: str) -> str:
    return _clean_length(
        description,
        DESCRIPTION_MIN_LENGTH,
        DESCRIPTION_MAX_LENGTH,
        _("The description must be %(min)d to %(max)d characters long; it is %(length)d."),
        "description_length",
        line_breaks=True,
    )


def validate_description(description: str) -> None:
    clean_description(description)


# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits.
LANDLINE_PATTERN = re.compile(r"0[0-9]{2,3}-[0-9]{7,8}")
FIXED_LINE_TYPES = (
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def clean_landline(number: str) -> str:
    """A Chinese fixed-line number written XXXX-XXXXXXX, returned in that form."""
    number = number.strip()
    valid = False
    if LANDLINE_PATTERN.fullmatch(number):
        try:
            parsed = phonenumbers.parse(number.replace("-", ""), "CN")
        except phonenumbers.NumberParseException:
            parsed = None
        valid = (
            parsed is not None
            and phonenumbers.is_valid_number_for_region(parsed, "CN")
            and phonenumbers.number_type(parsed) in FIXED_LINE_TYPES
        )
    if not valid:
        raise ValidationError(
            _(
                "Enter a Chinese landline number as XXXX-XXXXXXX: 0 and the area code, a "
                "hyphen, then the number, for example %(example)s."
            )
            % {"example": LANDLINE_EXAMPLE},
            code="landline",
        )
    return number


def validate_landline(number: str) -> None:
    clean_landline(number)


# email-validator explains itself in English only; its reasons are matched by their wording
# (stable across its releases) and said again in our own translated words.
EMAIL_REASONS = (
    ("must have an @-sign", gettext_lazy("it has no @ sign")),
    ("something before the @-sign", gettext_lazy("something must come before the @ sign")),
    ("something after the @-sign", gettext_lazy("a domain must come after the @ sign")),
    ("two periods in a row", gettext_lazy("it has two dots in a row")),
    ("should have a period", gettext_lazy("the domain needs a dot, as in example.com")),
    ("period", gettext_lazy("a dot cannot start or end a part of it, or sit next to a hyphen")),
    ("too long", gettext_lazy("it is too long")),
    ("character", gettext_lazy("it contains characters an email address cannot have")),
    ("after the @-sign", gettext_lazy("the part after the @ sign is not a domain name")),
)


def email_problem(error: EmailNotValidError) -> str:
    """Our own words for what email-validator found wrong with an address."""
    if isinstance(error, EmailUndeliverableError):
        return _("Enter an email address whose domain takes email.")
    reason = next((text for words, text in EMAIL_REASONS if words in str(error)), None)
    if reason is None:
        return _("Enter a valid email address.")
    return _("Enter a valid email address (%(reason)s).") % {"reason": reason}


def clean_service_email(email: str) -> str:
    """An address checked by email-validator; DNS is asked only if the setting says so."""
    try:
        result = validate_email(
            email.strip(), check_deliverability=settings.EMAIL_CHECK_DELIVERABILITY
        )
    except EmailNotValidError as error:
        raise ValidationError(email_problem(error), code="email") from error
    return result.normalized


def validate_service_email(email: str) -> None:
    clean_service_email(email)


def _logo_error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _not_an_image() -> ValidationError:
    return _logo_error(
        _("The logo must be a JPEG or PNG image; this file is not one or is damaged."),
        "logo_content",
    )


# The second byte of a marker that heads a segment with a length: SOFn, DHT, DAC, SOS, DQT, APPn,
# COM..., and EOI. The others stand alone, and inside a scan libjpeg passes over them: RSTn, SOI,
# TEM and the reserved bytes below 0xC0. 0x00 after 0xFF is a stuffed data byte, 0xFF a fill byte.
JPEG_SEGMENT_MARKER = re.compile(rb"\xff[\xc0-\xcf\xd9-\xfe]")
JPEG_EOI, JPEG_SOS = 0xD9, 0xDA


def jpeg_scan_count(data: bytes, *, stop_above: int) -> int:
    """How many scans a decoder meets before the end of the image, from the JPEG's markers alone;
    counting stops once it is above `stop_above`.

    The segments are walked as libjpeg walks them: a segment's length skips its content (so an
    EXIF thumbnail's own scans are not counted), and between segments, through a scan's
    entropy-coded data, everything up to the next segment marker is passed over. Whatever
    libjpeg would decode is counted, so the count is never too low; garbage or a truncated
    file only ends the count early where libjpeg would stop too.
    """
    scans = 0
    position = 2  # after SOI, which Pillow has checked
    while scans <= stop_above:
        marker = JPEG_SEGMENT_MARKER.search(data, position)
        if marker is None or data[marker.start() + 1] == JPEG_EOI:
            break
        length = int.from_bytes(data[marker.end() : marker.end() + 2])
        if data[marker.start() + 1] == JPEG_SOS:
            scans += 1
        # A length under 2 is skipped as 2, as libjpeg does.
        position = marker.end() + max(length, 2)
    return scans


def validate_jpeg_scans(data: bytes) -> None:
    limit = settings.LOGO_MAX_JPEG_SCANS
    if jpeg_scan_count(data, stop_above=limit) > limit:
        raise _logo_error(
            _(
                "The logo is a JPEG saved in more than %(limit)d passes (scans), which takes "
                "too long to open. Save it again as a standard (baseline) JPEG or as a PNG."
            )
            % {"limit": limit},
            "logo_too_many_scans",
        )


def load_logo(upload) -> Image.Image:
    """Every logo check, cheapest first, then the decoded image.

    Size and extension are checked before reading; the pixel count and squareness come from the
    header, and a JPEG's number of scans from its markers, before any decoding, so neither a
    decompression bomb nor a file of thousands of scans is ever decoded. Pillow's bomb warning
    is an error here, and a truncated file fails to decode.
    """
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in LOGO_EXTENSIONS:
        raise _logo_error(_("The logo must be a .jpg, .jpeg or .png file."), "logo_extension")
    if upload.size > settings.LOGO_MAX_BYTES:
        raise _logo_error(
            _("The logo must be at most %(limit)d KB; this file is %(size)d KB.")
            % {"limit": settings.LOGO_MAX_BYTES // 1024, "size": -(-upload.size // 1024)},
            "logo_too_large",
        )
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=["JPEG", "PNG"])
            width, height = image.size
            if width * height > settings.LOGO_MAX_PIXELS:
                raise _logo_error(
                    _(
                        "The logo may have at most %(limit)s pixels; this one is "
                        "%(width)d x %(height)d."
                    )
                    % {"limit": f"{settings.LOGO_MAX_PIXELS:,}", "width": width, "height": height},
                    "logo_too_many_pixels",
                )
            if width != height:
                raise _logo_error(
                    _("The logo must be square; this one is %(width)d x %(height)d pixels.")
                    % {"width": width, "height": height},
                    "logo_not_square",
                )
            if isinstance(image, JpegImageFile):
                # At most LOGO_MAX_BYTES: read whole, then Pillow seeks back to decode.
                upload.seek(0)
                validate_jpeg_scans(upload.read())
            image.load()
        except ValidationError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombWarning,
            Image.DecompressionBombError,
            OSError,
            SyntaxError,
            ValueError,
            EOFError,
        ) as error:
            raise _not_an_image() from error
    return image


def clean_logo(upload) -> ContentFile:
    """The checked logo re-encoded from its pixels alone (no EXIF, comments or trailing bytes),
    under a generated name."""
    image = load_logo(upload)
    is_png = image.format == "PNG"
    mode = "RGBA" if is_png else "RGB"
    try:
        pixels = ImageOps.exif_transpose(image).convert(mode)
    except (OSError, ValueError) as error:
        raise _not_an_image() from error
    # A new image built from raw pixels carries no `info` Pillow could write back out.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    output = BytesIO()
    if is_png:
        clean.save(output, format="PNG", optimize=True)
        extension = "png"
    else:
        clean.save(output, format="JPEG", quality=90, optimize=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
