"""Text a person types into a form: nothing in it may be invisible or reorder what is shown.

Control characters (NUL, escape sequences, line breaks in a one-line field), zero-width and byte
order marks, bidirectional overrides or isolates, and characters drawn as nothing (Hangul fillers,
the Braille blank, variation selectors, every Default_Ignorable code point) let a name look like
another one or like no name at all, hide in a list or spill into logs and email headers, so every
name field refuses them with a message next to the field. Multi-line text keeps its line breaks
and tabs.

The properties come from core.unicode_tables, generated once and committed, never from the
interpreter's `unicodedata`, whose Unicode version moves with the Python version.
"""

import unicodedata
from bisect import bisect_right

import idna
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import unicode_tables

# Django's forms end every label with gettext(":"). Naming the string here puts it in our own
# catalogue, which Django reads before its own, so Chinese labels end in a full-width colon.
LABEL_SUFFIX = gettext_noop(":")


class CodePoints:
    """A set of characters held as sorted, disjoint (first, last) ranges, looked up by bisection."""

    def __init__(self, ranges: tuple[tuple[int, int], ...]):
        self.ranges = ranges
        self.firsts = [first for first, _last in ranges]

    def __contains__(self, char: str) -> bool:
        code = ord(char)
        index = bisect_right(self.firsts, code) - 1
        return index >= 0 and code <= self.ranges[index][1]


WIDE = CodePoints(unicode_tables.WIDE)
DEFAULT_IGNORABLE = CodePoints(unicode_tables.DEFAULT_IGNORABLE)
INVISIBLE = CodePoints(unicode_tables.INVISIBLE)
SYMBOLS = CodePoints(unicode_tables.SYMBOLS)

LINE_BREAKS = {"\n", "\r", "\t"}
ZERO_WIDTH_JOINER = "\u200d"
EMOJI_PRESENTATION = "\ufe0f"


def shapes_an_emoji(text: str, index: int) -> bool:
    """Whether the invisible character at `index` is part of how an emoji is drawn, the one place
    it shows: a presentation selector right after a symbol (❤️), or a zero-width joiner gluing two
    symbols into one (👩‍💻)."""
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    if char == EMOJI_PRESENTATION:
        return bool(before) and before in SYMBOLS
    if char != ZERO_WIDTH_JOINER:
        return False
    after = text[index + 1] if index + 1 < len(text) else ""
    if before == EMOJI_PRESENTATION and index > 1:
        before = text[index - 2]
    return bool(before and after) and before in SYMBOLS and after in SYMBOLS


def hidden_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The first character of `text` nobody could see, with its position (1-based)."""
    for index, char in enumerate(text):
        if multiline and char in LINE_BREAKS:
            continue
        if char in INVISIBLE and not shapes_an_emoji(text, index):
            return index + 1, char
    return None


def without_ignorables(text: str) -> str:
    """`text` without the characters shown as nothing, for comparing what people see."""
    return "".join(char for char in text if char not in DEFAULT_IGNORABLE)


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


# Django's address check matches letters with a case-insensitive [A-Z], which in Python also takes
# U+0130 (dotted capital I), U+0131 (dotless i), U+017F (long s) and U+212A (Kelvin sign). NFKC
# folds the last two to s and K; case folding turns the first into i and U+0307 COMBINING DOT
# ABOVE (what lower-casing stored before), and leaves the dotless i: both are read as i here.
TURKISH_I = {"i\u0307": "i", "\u0131": "i"}


def normalize_email_address(email: str) -> str:
    """The one spelling of an address, stored and compared by sign-up, sign-in and its limits,
    password resets, invitations, membership checks and delivery webhooks.

    Before the @: compatibility forms folded (NFKC), the Turkish dotted and dotless i read as
    i, then case folded, so an address that only looks like info@ is info@. The domain gets its
    IDNA (UTS #46) form, so capital, full-width and punycode spellings of one domain are one; a
    domain IDNA refuses is only lower-cased.
    """
    email = email.strip()
    local, at, domain = email.rpartition("@")
    if not at:
        return _fold_local_part(email)
    return f"{_fold_local_part(local)}@{_fold_domain(domain)}"


def _fold_local_part(local: str) -> str:
    folded = unicodedata.normalize("NFKC", local).casefold()
    for turkish, ascii_i in TURKISH_I.items():
        folded = folded.replace(turkish, ascii_i)
    return folded


def _fold_domain(domain: str) -> str:
    try:
        return idna.decode(idna.encode(domain, uts46=True))
    except UnicodeError:  # idna.IDNAError is one
        return domain.lower()
