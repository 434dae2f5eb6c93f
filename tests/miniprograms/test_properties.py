"""Properties of the listing rules over many generated inputs.

No per-example deadline: a busy machine must not turn a slow example into a failure.
"""

import contextlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.text import INVISIBLE
from miniprograms import validators
from miniprograms.languages import resolve_language
from tests.security.images import jpeg_until_first_scan

visible_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"),
    ).filter(lambda char: char not in INVISIBLE),
    max_size=40,
)


@settings(deadline=None)
@given(visible_text)
def test_a_name_passes_exactly_when_its_trimmed_weighted_length_is_3_to_30(name):
    length = validators.weighted_length(name.strip())
    try:
        cleaned = validators.clean_name(name)
    except ValidationError:
        assert not 3 <= length <= 30
    else:
        assert 3 <= length <= 30
        assert cleaned == name.strip()


@settings(deadline=None)
@given(st.text(max_size=20))
def test_weighted_length_is_between_the_length_and_twice_it(text):
    assert len(text) <= validators.weighted_length(text) <= 2 * len(text)


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


@settings(deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30))
def test_folding_ignores_case_and_width(text):
    folded = validators.fold_name(text)

    assert validators.fold_name(text.swapcase()) == folded
    assert validators.fold_name(full_width(text)) == folded
    assert validators.fold_name(full_width(text).upper()) == folded


@settings(deadline=None)
@given(st.text(max_size=20))
@example("a\u200d\u0301")  # a mark that a left-out joiner kept apart from its letter
def test_folding_is_stable(text):
    folded = validators.fold_name(text)

    assert validators.fold_name(folded) == folded


languages = st.sampled_from(["en", "en-US", "en-GB", "fr", "zh-Hans", "zh-Hant", "ja"])


@settings(deadline=None)
@given(st.text(max_size=40), st.lists(languages, min_size=1, unique=True))
def test_a_device_always_gets_one_of_the_listings(device, available):
    default = available[0]

    assert resolve_language(device, available, default=default) in available


JPEG_START = jpeg_until_first_scan()
# The bytes a JPEG's markers are made of, so the examples reach every branch of the marker walk.
jpeg_tails = st.lists(
    st.sampled_from(
        [
            *(bytes([byte]) for byte in b"\xff\x00\xd0\xd8\xd9\xda\xc4\xe1\xfe\x01"),
            *(b"\x00\x00", b"\x00\x02", b"\x00\x08", b"\xff\xff", b"\x12\x34\x56"),
        ]
    ),
    max_size=400,
).map(b"".join)


@settings(deadline=None)
@given(st.one_of(jpeg_tails, st.binary(max_size=2000)))
def test_whatever_follows_a_jpegs_first_scan_header_the_logo_is_taken_or_refused(tail):
    with contextlib.suppress(ValidationError):
        validators.clean_logo(SimpleUploadedFile("logo.jpg", JPEG_START + tail))


@settings(deadline=None)
@given(jpeg_tails, st.integers(min_value=0, max_value=40))
def test_the_scan_count_stops_just_above_its_limit(tail, limit):
    scans = validators.jpeg_scan_count(JPEG_START + tail, stop_above=limit)

    assert scans <= limit + 1
    assert scans <= (JPEG_START + tail).count(b"\xff\xda")
