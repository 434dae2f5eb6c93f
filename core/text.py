"""Text a person types into a form: nothing in it may be invisible or reorder what is shown.

Control characters (NUL, escape sequences, line breaks in a one-line field), zero-width and byte
order marks, and bidirectional overrides or isolates let a name look like another one, hide in a
list or spill into logs and email headers, so every name field refuses them with a message next
to the field. Multi-line text keeps its line breaks and tabs.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Cc control, Cf format (zero-width, bidi controls, BOM), Cs surrogate, Co private use,
# Cn unassigned, Zl/Zp line and paragraph separators.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
LINE_BREAKS = {"\n", "\r", "\t"}


ZERO_WIDTH_JOINER = "\u200d"
EMOJI_PRESENTATION = "\ufe0f"


def joins_emoji(text: str, index: int) -> bool:
    """Whether the zero-width joiner at `index` glues two emoji into one (👩‍💻), which is the
    one place it is visible."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before == EMOJI_PRESENTATION and index > 1:
        before = text[index - 2]
    return bool(before and after) and all(unicodedata.category(c) == "So" for c in before + after)


def hidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of `text` nobody could see, with its position (1-based)."""
    for index, char in enumerate(text):
        if multiline and char in LINE_BREAKS:
            continue
        if char == ZERO_WIDTH_JOINER and joins_emoji(text, index):
            continue
        if unicodedata.category(char) in HIDDEN_CATEGORIES:
            return index + 1, char
    return None


def validate_visible_text(text: str, *, multiline: bool = False) -> None:
    found = hidden_character(text, multiline=multiline)
    if found is not None:
        position, char = found
        raise ValidationError(
            _(
                "Remove the invisible or control character %(code)s at position %(position)d; "
                "only characters that can be seen are allowed."
            )
            % {"code": f"U+{ord(char):04X}", "position": position},
            code="hidden_character",
        )


def validate_visible_multiline_text(text: str) -> None:
    validate_visible_text(text, multiline=True)
