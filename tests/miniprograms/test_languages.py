"""The device-language fallback: exact tag, then the same base language, then the default."""

import pytest

from miniprograms.languages import parse_accept_language, resolve_for_header, resolve_language

AVAILABLE = ["zh-Hans", "en-US", "en", "fr", "zh-Hant"]


@pytest.mark.parametrize(
    ("device", "available", "expected"),
    [
        ("en-US", AVAILABLE, "en-US"),  # exact tag
        ("en-us", AVAILABLE, "en-US"),  # tags ignore case
        ("en_US", AVAILABLE, "en-US"),  # and underscores
        ("en-GB", AVAILABLE, "en"),  # same base language, plain tag preferred
        ("en-GB", ["zh-Hans", "en-US"], "en-US"),  # same base language, a regional tag
        ("en", ["zh-Hans", "en-GB", "en-US"], "en-GB"),  # base only: first regional one
        ("fr-CA", AVAILABLE, "fr"),
        ("de-DE", AVAILABLE, "zh-Hans"),  # nothing matches: the default
        ("zh-CN", AVAILABLE, "zh-Hans"),  # a device's zh-CN reads Simplified
        ("zh-TW", AVAILABLE, "zh-Hant"),  # and zh-TW Traditional
        ("zh-HK", ["zh-Hans", "en"], "zh-Hans"),  # same base when the script is missing
        ("", AVAILABLE, "zh-Hans"),
        ("*", AVAILABLE, "zh-Hans"),
    ],
)
def test_a_device_language_resolves_to_a_listing(device, available, expected):
    assert resolve_language(device, available, default="zh-Hans") == expected


def test_accept_language_is_ordered_by_quality():
    header = "de-DE;q=0.9, fr;q=0.5, en-GB, *;q=0.1, ja;q=0"

    assert parse_accept_language(header) == ["en-GB", "de-DE", "fr"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,fr;q=0.8", "fr"),  # first preference without a listing is skipped
        ("en-GB,fr;q=0.8", "en"),
        ("de, ja", "zh-Hans"),
        ("", "zh-Hans"),
        ("garbage;;;q=x", "zh-Hans"),
    ],
)
def test_an_accept_language_header_resolves_to_a_listing(header, expected):
    assert resolve_for_header(header, AVAILABLE, default="zh-Hans") == expected
