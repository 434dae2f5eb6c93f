"""The listing rules, table by table (SPEC section 3)."""

import re
import warnings
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from miniprograms import validators
from miniprograms.selectors import name_is_taken
from tests.miniprograms.helpers import BAD_LOGOS, image_bytes, upload

CHINESE_15 = "一二三四五六七八九十一二三四五"


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("ab", 2),
        ("小程序ab", 8),
        (CHINESE_15, 30),
        ("ＡＢ", 4),  # noqa: RUF001 - full-width letters count 2
        ("ｱｲ", 2),  # half-width katakana count 1
        ("한국", 4),
        ("", 0),
    ],
)
def test_weighted_length_counts_wide_characters_twice(text, length):
    assert validators.weighted_length(text) == length


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("ab", False),
        ("abc", True),
        ("  ab  ", False),
        ("a" * 30, True),
        ("a" * 31, False),
        (CHINESE_15, True),
        (CHINESE_15 + "六", False),
        ("小程序ab", True),
        ("小", False),
        ("小a", True),
    ],
)
def test_the_name_is_3_to_30_weighted_characters(name, valid):
    if valid:
        assert validators.clean_name(name) == name.strip()
    else:
        with pytest.raises(ValidationError):
            validators.clean_name(name)


def test_the_name_message_states_the_counted_length():
    with pytest.raises(ValidationError) as error:
        validators.clean_name(CHINESE_15 + "六")

    assert "it is 32 characters long" in error.value.messages[0]


def test_the_name_is_trimmed():
    assert validators.clean_name("  Acme Parking \n") == "Acme Parking"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Acme Rides", "acme rides"),
        ("Acme Rides", "ACME RIDES "),
        ("Acme Rides", "Ａｃｍｅ Ｒｉｄｅｓ"),  # noqa: RUF001
        ("小程序", "小程序"),
    ],
)
def test_names_fold_case_and_width(first, second):
    assert validators.fold_name(first) == validators.fold_name(second)


def test_a_name_is_taken_by_another_mini_program_not_by_itself(team):
    assert name_is_taken("ACME RIDES")
    assert not name_is_taken("acme rides", exclude_mini_program=team.assigned_mini_program)
    assert not name_is_taken("Acme Flights")


@pytest.mark.parametrize(
    ("clean", "text", "valid"),
    [
        (validators.clean_tagline, "a" * 9, False),
        (validators.clean_tagline, "a" * 10, True),
        (validators.clean_tagline, "a" * 30, True),
        (validators.clean_tagline, "a" * 31, False),
        (validators.clean_tagline, "   short    ", False),
        (validators.clean_description, "a" * 19, False),
        (validators.clean_description, "a" * 20, True),
        (validators.clean_description, "a" * 200, True),
        (validators.clean_description, "a" * 201, False),
    ],
)
def test_tagline_and_description_lengths(clean, text, valid):
    if valid:
        assert clean(text) == text
    else:
        with pytest.raises(ValidationError):
            clean(text)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("010-12345678", True),
        ("0571-88888888", True),
        ("020-12345678", True),
        (" 0571-88888888 ", True),
        ("138-12345678", False),  # mobile prefix
        ("13812345678", False),  # mobile number
        ("057188888888", False),  # missing hyphen
        ("88888888", False),  # bare local number
        ("0571-8888888a", False),  # letters
        ("abcd-efghijk", False),
        ("+86-571-88888888", False),
        ("0571-888", False),
        ("", False),
    ],
)
def test_the_customer_service_number_is_a_chinese_landline(number, valid):
    if valid:
        assert validators.clean_landline(number) == number.strip()
    else:
        with pytest.raises(ValidationError) as error:
            validators.clean_landline(number)
        assert "XXXX-XXXXXXX" in error.value.messages[0]
        assert "0571-88888888" in error.value.messages[0]


@pytest.mark.parametrize(
    ("email", "valid"),
    [
        ("service@example.com", True),
        ("Service@Example.COM", True),
        ("service@", False),
        ("service example.com", False),
        ("service@@example.com", False),
        ("service@localhost", False),
    ],
)
def test_the_customer_service_email_is_checked_by_email_validator(email, valid, settings):
    settings.EMAIL_CHECK_DELIVERABILITY = False
    if valid:
        assert validators.clean_service_email(email).lower() == email.lower()
    else:
        with pytest.raises(ValidationError):
            validators.clean_service_email(email)


def test_the_email_domain_is_normalised_lower_case():
    assert validators.clean_service_email("Service@Example.COM") == "Service@example.com"


# --- logos ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_LOGOS, ids=list(BAD_LOGOS))
def test_bad_logos_are_refused(case):
    content, name, code = BAD_LOGOS[case]

    with pytest.raises(ValidationError) as error:
        validators.clean_logo(upload(content, name=name))

    assert error.value.code == code


def test_the_size_limit_is_exactly_256_kb(settings):
    assert settings.LOGO_MAX_BYTES == 262_144


def test_the_pixel_ceiling_is_read_from_the_header_before_decoding(monkeypatch):
    content = image_bytes(4000, 4000)
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: decoded.append(image))

    with pytest.raises(ValidationError):
        validators.clean_logo(upload(content))

    assert decoded == []


def test_pillows_decompression_bomb_warning_is_an_error(settings, monkeypatch):
    settings.LOGO_MAX_PIXELS = 10_000_000
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        content = image_bytes(150, 150)

    with pytest.raises(ValidationError) as error:
        validators.clean_logo(upload(content))

    assert error.value.code == "logo_content"


@pytest.mark.parametrize(
    ("content", "name", "format"),
    [
        (image_bytes(64, 64), "logo.png", "PNG"),
        (image_bytes(64, 64), "LOGO.PNG", "PNG"),
        (image_bytes(64, 64, format="JPEG"), "logo.jpg", "JPEG"),
        (image_bytes(64, 64, format="JPEG"), "logo.jpeg", "JPEG"),
        (image_bytes(64, 64, format="JPEG"), "logo.png", "JPEG"),
    ],
)
def test_real_jpeg_and_png_logos_are_re_encoded_under_a_generated_name(content, name, format):
    cleaned = validators.clean_logo(upload(content, name=name))

    assert re.fullmatch(r"[0-9a-f]{32}\.(png|jpg)", cleaned.name)
    with Image.open(cleaned) as image:
        assert image.format == format
        assert image.size == (64, 64)


def test_exif_and_trailing_bytes_are_not_kept():
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {2: (1.0, 2.0, 3.0)}  # GPS
    content = image_bytes(64, 64, format="JPEG", exif=exif.tobytes()) + b"TRAILING-SECRET"

    cleaned = validators.clean_logo(upload(content, name="photo.jpg")).read()

    assert b"SecretCamera" not in cleaned
    assert b"TRAILING-SECRET" not in cleaned
    with Image.open(BytesIO(cleaned)) as image:
        assert not image.getexif()


@pytest.mark.parametrize(
    "text",
    [
        "Acme\x07Rides",
        "Acme\u200bRides",  # zero-width space
        "\ufeffAcme Rides",  # byte order mark
        "Acme \u202esediR",  # right-to-left override
        "Acme\u2028Rides",  # line separator
        "Acme\nRides",
    ],
)
def test_hidden_characters_are_refused_in_names_and_taglines(text):
    for clean in (validators.clean_name, validators.clean_tagline):
        with pytest.raises(ValidationError) as error:
            clean(text + " long enough")
        assert error.value.code == "hidden_character"


def test_a_description_may_have_line_breaks():
    text = "Find parking near you.\r\nPay in the app."

    assert validators.clean_description(text) == text


@pytest.mark.parametrize(
    "number",
    [
        "\u0660\u0665\u0667\u0661-" + "\u0668" * 8,  # Arabic-Indic digits
        "\uff10\uff15\uff17\uff11-" + "\uff18" * 8,  # full-width digits
        "0571-8888888\u096e",  # one Devanagari digit
    ],
)
def test_a_landline_has_ascii_digits_only(number):
    with pytest.raises(ValidationError):
        validators.clean_landline(number)
