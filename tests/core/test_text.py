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
