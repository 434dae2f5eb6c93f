"""core.text: the characters a name may not hide."""

import pytest
from django.core.exceptions import ValidationError

from core.text import validate_visible_multiline_text, validate_visible_text


@pytest.mark.parametrize(
    "text",
    [
        "Acme Rides",
        "阿克米出行",
        "\uff21\uff43\uff4d\uff45",  # full-width Acme
        "Zoë & Co.",
        "O'Brien-Smith",
        "Dev \U0001f469\u200d\U0001f4bb",  # woman technologist: emoji joined by a ZWJ
        "Love \u2764\ufe0f\u200d\U0001f525",  # heart on fire, with a presentation selector
        "Love \u2764\ufe0f",  # red heart as a phone keyboard types it
        "\u2ffc\u31ef\U0002ebf0",  # assigned in Unicode 15.1, unassigned before
    ],
)
def test_it_accepts_what_can_be_seen(text):
    validate_visible_text(text)


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        ("Acme\x00", "U+0000", 5),
        ("\x07Bell", "U+0007", 1),
        ("A\x1b[31m", "U+001B", 2),
        ("Ac\u200bme", "U+200B", 3),
        ("\ufeffAcme", "U+FEFF", 1),
        ("Acme \u202eyaP", "U+202E", 6),
        ("Acme\u2028", "U+2028", 5),
        ("Acme\nRides", "U+000A", 5),
        ("Acme\ue000", "U+E000", 5),
        ("Acme\u200dRides", "U+200D", 5),
        ("\u200d\U0001f4bb", "U+200D", 1),
        ("Acme\u3164", "U+3164", 5),  # Hangul filler
        ("\u115fAcme", "U+115F", 1),  # Hangul choseong filler
        ("Ac\u1160me", "U+1160", 3),  # Hangul jungseong filler
        ("Acme\uffa0", "U+FFA0", 5),  # half-width Hangul filler
        ("Acme\u2800", "U+2800", 5),  # Braille pattern blank
        ("Acme\u034f", "U+034F", 5),  # combining grapheme joiner
        ("Acme\ufe0f", "U+FE0F", 5),  # emoji presentation selector after a letter
        ("\ufe0fAcme", "U+FE0F", 1),
        ("Acme\u180b", "U+180B", 5),  # Mongolian free variation selector
        ("Acme\u17b4", "U+17B4", 5),  # Khmer inherent vowels
        ("Acme\u17b5", "U+17B5", 5),
        ("Acme\U000e0100", "U+E0100", 5),  # variation selector 17
        ("Acme\U000e0041", "U+E0041", 5),  # tag letter A
        ("Acme\u00ad", "U+00AD", 5),  # soft hyphen
        ("Acme\U0001d159", "U+1D159", 5),  # musical null notehead
    ],
)
def test_it_names_the_hidden_character_and_where_it_is(text, code, position):
    with pytest.raises(ValidationError) as error:
        validate_visible_text(text)

    [message] = error.value.messages
    assert code in message
    assert f"position {position}" in message
    assert error.value.code == "hidden_character"


def test_multiline_text_keeps_its_line_breaks_and_tabs():
    validate_visible_multiline_text("First line\r\nSecond line\n\tIndented")

    with pytest.raises(ValidationError):
        validate_visible_multiline_text("First line\n\u202eSecond")
