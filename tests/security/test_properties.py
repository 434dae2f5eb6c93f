"""Property-based tests (hypothesis) for the name weighting and the landline validator.

No per-example deadline: a busy CI machine must not fail a property that holds.

The rules (SPEC section 3): a name is 3 to 30 characters where an East Asian wide or full-width
character counts 2; a customer service number is a Chinese landline written 0AAA-NNNNNNNN.
"""

import re
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core import unicode_tables
from core.text import INVISIBLE
from miniprograms.validators import clean_landline, clean_name, fold_name, weighted_length

ASCII_PRINTABLE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E))
CJK_IDEOGRAPHS = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF))
FULL_WIDTH_FORMS = st.text(st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E))
ANY_TEXT = st.text()
# Letters, digits, marks, punctuation, symbols and plain spaces: what a real name is made of,
# less the letters and symbols drawn as nothing (Hangul fillers, the Braille blank).
VISIBLE = st.text(
    st.characters(
        categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Pc", "Pd", "Po", "Ps", "Pe", "Sm", "So"),
    ).filter(lambda char: char not in INVISIBLE)
    | st.just(" "),
    max_size=40,
)

# Any character of the committed table of what no name may hold.
INVISIBLE_CHARACTER = (
    st.sampled_from(unicode_tables.INVISIBLE).flatmap(lambda r: st.integers(*r)).map(chr)
)

LANDLINE_SHAPE = re.compile(r"0[0-9]{2,3}-[0-9]{7,8}", re.ASCII)


@given(ASCII_PRINTABLE)
@settings(deadline=None)
def test_an_ascii_character_counts_one(text):
    assert weighted_length(text) == len(text)


@given(CJK_IDEOGRAPHS)
@settings(deadline=None)
def test_a_chinese_character_counts_two(text):
    assert weighted_length(text) == 2 * len(text)


@given(FULL_WIDTH_FORMS)
@settings(deadline=None)
def test_a_full_width_character_counts_two(text):
    assert weighted_length(text) == 2 * len(text)


@given(ANY_TEXT, ANY_TEXT)
@settings(deadline=None)
def test_the_weight_of_two_texts_adds_up(first, second):
    assert weighted_length(first + second) == weighted_length(first) + weighted_length(second)


@given(ANY_TEXT)
@settings(deadline=None)
def test_the_weight_lies_between_the_length_and_twice_the_length(text):
    assert len(text) <= weighted_length(text) <= 2 * len(text)


@given(VISIBLE)
@example("中文名")  # 6
@example("ab")  # 2: too short
@example("一二三四五六七八九十一二三四五")  # 30
@example("一二三四五六七八九十一二三四五六")  # 32: too long
@example("  Acme  ")
@settings(deadline=None)
def test_a_name_is_accepted_exactly_when_its_trimmed_weight_is_3_to_30(name):
    weight = weighted_length(name.strip())
    try:
        cleaned = clean_name(name)
    except ValidationError:
        assert not 3 <= weight <= 30
    else:
        assert 3 <= weight <= 30
        assert cleaned == name.strip()


@given(INVISIBLE_CHARACTER, st.integers(min_value=1, max_value=9))
@example("\u3164", 4)  # a Hangul filler is a letter (Lo), and still refused
@example("\u2800", 4)  # so is the Braille blank, a symbol (So)
@settings(deadline=None)
def test_a_name_holding_an_invisible_character_is_refused(char, position):
    name = "Acme Rides"

    with pytest.raises(ValidationError) as error:
        clean_name(name[:position] + char + name[position:])

    assert error.value.code == "hidden_character"


@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1))
@settings(deadline=None)
def test_a_full_width_name_folds_to_its_ascii_twin(name):
    full_width = "".join(chr(ord(char) + 0xFEE0) for char in name)

    assert fold_name(full_width) == fold_name(name)
    assert weighted_length(full_width) == 2 * weighted_length(name)


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E)) | CJK_IDEOGRAPHS)
@settings(deadline=None)
def test_names_differing_in_case_or_surrounding_spaces_fold_alike(name):
    assert fold_name(f"  {name.upper()} ") == fold_name(name.lower())


@given(ANY_TEXT)
@example("0571-8888888\u0668")
@example("0\u0665\u0667\u0661-\u0668\u0668\u0668\u0668\u0668\u0668\u0668\u0668")
@example("0571-88888888\n")
@settings(max_examples=300, deadline=None)
def test_an_accepted_landline_has_the_ascii_shape_and_comes_back_trimmed(number):
    try:
        cleaned = clean_landline(number)
    except ValidationError:
        return
    assert LANDLINE_SHAPE.fullmatch(cleaned)
    assert cleaned == number.strip()


@given(st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True))
@settings(max_examples=300, deadline=None)
def test_a_well_shaped_number_is_judged_without_error(number):
    """Every number of the right shape gets a verdict (phonenumbers decides), never a crash."""
    try:
        assert clean_landline(number) == number
    except ValidationError as error:
        assert error.code == "landline"


@given(
    st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True),
    st.sampled_from([" ", "  ", "\t"]),
)
@settings(deadline=None)
def test_surrounding_spaces_do_not_change_the_verdict(number, space):
    def verdict(value):
        try:
            return clean_landline(value)
        except ValidationError:
            return None

    assert verdict(space + number + space) == verdict(number)


@given(
    st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True),
    st.text(st.characters(categories=("Nd",)).filter(lambda c: not c.isascii()), min_size=1),
)
@settings(deadline=None)
def test_a_number_with_any_non_ascii_digit_is_refused(number, digits):
    """Digits of other scripts look alike on screen but would be stored as typed."""
    mixed = number[: -len(digits)] + digits if len(digits) < len(number) - 5 else number + digits
    with pytest.raises(ValidationError):
        clean_landline(mixed)


@pytest.mark.parametrize(
    "number", ["010-62345678", "021-62345678", "0571-88888888", "0755-26789012"]
)
def test_landlines_of_big_cities_are_accepted(number):
    assert clean_landline(number) == number


@pytest.mark.parametrize("number", ["138-00138000", "0138-0013800", "400-8888888"])
def test_numbers_that_are_not_fixed_lines_are_refused(number):
    with pytest.raises(ValidationError):
        clean_landline(number)


def test_weighting_agrees_with_unicode_east_asian_width():
    for char in ("a", "中", "\uff21", "\uff71", "한", "😀"):
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        assert weighted_length(char) == (2 if wide else 1)
