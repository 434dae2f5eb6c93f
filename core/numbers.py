"""Numbers a page or a webhook sends back: ids of rows, revisions of a form."""

# Up to 18 digits always fits the database's 64-bit integers, and is more than any id reaches.
MAX_DIGITS = 18


def parse_whole_number(value) -> int | None:
    """The whole number in `value`, written in ASCII digits as every page sends them; None for
    anything else, so the caller refuses it like an unknown id.

    `str.isdigit()` is no check before `int()`: it takes "²" and "①", which `int()` refuses with
    a ValueError, and neither bounds the length, while `int()` also reads "٣", " 3" or "3_0"."""
    text = str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)
