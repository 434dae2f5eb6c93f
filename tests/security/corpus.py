"""The bad-input corpus: values a careless, playful or hostile user types or uploads.

Every entry must be refused by every form field it is sent to, with a message next to the field
(or a 4xx), never a 500; nothing may be saved and no file may be left behind.
"""

import io
import struct
import zlib

from PIL import Image

from tests.security.images import progressive_jpeg

NAMES = {
    "control_character": "Acme\x07Rides",
    "escape_sequence": "Acme \x1b[31mRides",
    "nul": "Acme\x00Rides",
    "zero_width_space": "Acme\u200bRides",
    "zero_width_joiner": "Acme\u200dRides",
    "byte_order_mark": "\ufeffAcme Rides",
    "bidi_override": "Acme \u202esediR",
    "bidi_isolate": "Acme \u2067Rides\u2069",
    "line_separator": "Acme\u2028Rides",
    "newline": "Acme\nRides",
    # Blank-looking characters that are no control or format character (issue 12).
    "hangul_filler": "Acme\u3164Rides",
    "hangul_choseong_filler": "Acme\u115fRides",
    "hangul_jungseong_filler": "Acme\u1160Rides",
    "halfwidth_hangul_filler": "Acme\uffa0Rides",
    "only_hangul_fillers": "\u3164\u3164\u3164",
    "braille_blank": "Acme\u2800Rides",
    "combining_grapheme_joiner": "Acme Rides\u034f",
    "emoji_presentation_after_a_letter": "Acme Rides\ufe0f",
    "mongolian_variation_selector": "Acme\u180bRides",
    "khmer_inherent_vowel_aq": "Acme\u17b4Rides",
    "khmer_inherent_vowel_aa": "Acme\u17b5Rides",
    "variation_selector_17": "Acme\U000e0100Rides",
    "musical_null_notehead": "Acme\U0001d159Rides",
    "ten_thousand_characters": "A" * 10_000,
    "only_spaces": "     ",
    "only_ideographic_spaces": "\u3000\u3000\u3000",
    "empty": "",
}

EMAILS = {
    "crlf_header_injection": "ivy@example.com\r\nBcc: victim@example.org",
    "lf_header_injection": "ivy@example.com\nBcc: victim@example.org",
    "header_in_display_name": "Ivy <ivy@example.com>\r\nSubject: hi",
    "missing_domain": "ivy@",
    "missing_at": "ivy.example.com",
    "missing_local_part": "@example.com",
    "two_ats": "ivy@@example.com",
    "spaces_inside": "ivy ivy@example.com",
    "over_320_characters": "i" * 64 + "@" + ".".join(["d" * 60] * 4) + ".com",
    "nul": "ivy\x00@example.com",
    "only_spaces": "   ",
    "empty": "",
}

# Addresses that look like another one and must count as it: Django's address check lets the four
# letters through (Python's case-insensitive [A-Z] matches them) and IDNA maps the domains. Each is
# (what is typed, the address it is stored and compared as).
LOOKALIKE_EMAILS = {
    "dotted_capital_i": ("\u0130nfo@example.com", "info@example.com"),
    "dotless_i": ("\u0131nfo@example.com", "info@example.com"),
    "long_s": ("\u017fales@example.com", "sales@example.com"),
    "kelvin_sign": ("\u212aate@example.com", "kate@example.com"),
    "full_width_domain": (
        "info@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",
        "info@example.com",
    ),
    "capital_domain": ("info@B\u00dcCHER.de", "info@b\u00fccher.de"),
    "punycode_domain": ("info@xn--bcher-kva.de", "info@b\u00fccher.de"),
}

PHONES = {
    "too_short": "0571-888",
    "too_long": "0571-888888888",
    "no_hyphen": "057188888888",
    "space_instead_of_hyphen": "0571 88888888",
    "em_dash": "0571\u201488888888",
    "international_prefix": "+86-571-88888888",
    "no_leading_zero": "571-88888888",
    "mobile_number": "138-00138000",
    "mobile_number_plain": "13800138000",
    "full_width_digits": "\uff10\uff15\uff17\uff11-" + "\uff18" * 8,
    "arabic_indic_digits": "\u0660\u0665\u0667\u0661-" + "\u0668" * 7,
    "ascii_zero_then_arabic_indic_digits": "0\u0665\u0667\u0661-" + "\u0668" * 8,
    "one_devanagari_digit": "0571-8888888\u096e",
    "letters": "abcd-efghijkl",
    "extension": "0571-88888888 ext 12",
    "two_numbers": "0571-88888888,0571-88888889",
    "trailing_newline_injection": "0571-88888888\nX",
    "unknown_area_code": "0000-0000000",
    "nul": "0571-8888\x008888",
    "only_spaces": "    ",
    "empty": "",
}

# Ids and revisions sent back in shapes no page sends. "²" and "①" pass `str.isdigit()` but not
# `int()`; "٣" and " 1 " pass `int()`; no 64-bit column holds twenty digits, `int()` reads no more
# than 4,300. Each must be refused like an unknown id.
IDS = {
    "superscript_two": "\u00b2",
    "circled_one": "\u2460",
    "arabic_indic_three": "\u0663",
    "full_width_one": "\uff11",
    "padded_with_spaces": " 1 ",
    "negative": "-1",
    "decimal": "1.0",
    "underscore": "1_0",
    "twenty_digits": "9" * 20,
    "five_thousand_digits": "9" * 5_000,
    "letters": "abc",
    "empty": "",
}

# Charsets a form body may claim besides UTF-8: Django refuses to read such a body (RFC 1866 says
# a form is UTF-8), and with a CSRF cookie present its own 400 page read the body again.
CHARSETS = ["utf-16", "utf-32", "latin-1"]

# X-Forwarded-For values a proxy (or a client through a proxy that appends) may send, with the
# address the activity log must record; None: the connection's own address instead.
FORWARDED_FOR = {
    "ipv4_with_port": ("1.2.3.4:5678", "1.2.3.4"),
    "bracketed_ipv6": ("[2001:db8::1]", "2001:db8::1"),
    "bracketed_ipv6_with_port": ("[2001:db8::1]:443", "2001:db8::1"),
    "plain_ipv6": ("2001:db8::1", "2001:db8::1"),
    "first_of_a_chain": ("203.0.113.7, 10.0.0.1", "203.0.113.7"),
    "ipv6_zone": ("fe80::1%eth0", None),
    "port_not_a_number": ("1.2.3.4:http", None),
    "out_of_range": ("999.1.1.1", None),
    "unknown": ("unknown", None),
    "garbage": ("<script>alert(1)</script>", None),
    "empty_first_entry": (", 1.2.3.4", None),
    "ten_thousand_characters": ("1" * 10_000, None),
}


def png(width=64, height=64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (22, 96, 217)).save(buffer, "PNG")
    return buffer.getvalue()


def image(kind: str, width=64, height=64) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (22, 96, 217)).save(buffer, kind)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width x height pixels, with a tiny (wrong) body: the header alone must
    be enough to refuse it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def decompression_bomb() -> bytes:
    """A small, valid, square PNG of 12,000 x 12,000 black pixels (144 million): under 20 KB
    on disk, hundreds of MB once decoded."""
    width = height = 12_000
    row = b"\x00" + b"\x00" * (width // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def too_large_png() -> bytes:
    """A real, square PNG just over 256 KB (noise does not compress)."""
    import random

    randomness = random.Random(6)
    side = 300
    pixels = bytes(randomness.getrandbits(8) for _ in range(side * side * 3))
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(buffer, "PNG")
    data = buffer.getvalue()
    assert len(data) > 257 * 1024, len(data)
    return data


SVG = b"""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">
<script>alert(document.cookie)</script><rect width="64" height="64"/></svg>"""
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\nnewpath 0 0 moveto showpage\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def logos() -> dict[str, bytes]:
    """Every file must be refused, uploaded under the name logo.png."""
    return {
        "zero_bytes": b"",
        "just_over_256_kb": too_large_png(),
        "truncated_png": png()[:-40],
        "header_says_20000_by_20000": png_header_only(20_000, 20_000),
        "decompression_bomb": decompression_bomb(),
        "progressive_jpeg_of_14445_scans": progressive_jpeg(2048, 14_445),
        "not_square": png(64, 48),
        "gif_renamed_png": image("GIF"),
        "webp_renamed_png": image("WEBP"),
        "svg_renamed_png": SVG,
        "eps_renamed_png": EPS,
        "html_renamed_png": HTML,
        "png_signature_then_html": b"\x89PNG\r\n\x1a\n" + HTML,
    }


def html_polyglot() -> bytes:
    """A valid PNG with an HTML page after its end: browsers sniffing it might run the script."""
    return png() + HTML
