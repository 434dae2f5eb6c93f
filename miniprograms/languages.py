"""Languages a mini program listing can be written in, as BCP 47 tags."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CHINESE_SIMPLIFIED = "zh-Hans"

LANGUAGE_CHOICES = [
    ("zh-Hans", _("Chinese (Simplified)")),
    ("zh-Hant", _("Chinese (Traditional)")),
    ("en", _("English")),
    ("en-US", _("English (United States)")),
    ("en-GB", _("English (United Kingdom)")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("ar", _("Arabic")),
]

LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)

# Region subtags that say which Chinese script a device reads.
_CHINESE_SCRIPT_BY_REGION = {
    "cn": "zh-hans",
    "sg": "zh-hans",
    "my": "zh-hans",
    "tw": "zh-hant",
    "hk": "zh-hant",
    "mo": "zh-hant",
}


# The shape of a BCP 47 tag (RFC 5646 "langtag" and private use), compared ignoring case; `_` is
# taken for `-` as devices write it. Whether each subtag is registered is not asked: a device's
# unknown language simply falls back.
LANGUAGE_TAG = re.compile(
    r"""
    [a-z]{2,3}(?:-[a-z]{3}){0,3}         # language and extended languages (none longer is in use)
    (?:-[a-z]{4})?                       # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?          # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*  # variants
    (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*      # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?           # private use
    |x(?:-[a-z0-9]{1,8})+
    """,
    re.IGNORECASE | re.VERBOSE,
)


def validate_language_tag(tag: str) -> None:
    if not LANGUAGE_TAG.fullmatch(tag.replace("_", "-")):
        raise ValidationError(
            gettext(
                "Enter a language tag: a language code, optionally followed by a script or "
                "region, such as en, en-GB or zh-Hans."
            ),
            code="language_tag",
        )


def _base(tag: str) -> str:
    return tag.split("-")[0]


def _with_script(tag: str) -> str:
    """`zh-CN` reads as `zh-Hans` and `zh-TW` as `zh-Hant`, as devices mean them."""
    parts = tag.split("-")
    if parts[0] == "zh" and len(parts) >= 2 and parts[1] in _CHINESE_SCRIPT_BY_REGION:
        return _CHINESE_SCRIPT_BY_REGION[parts[1]]
    return tag


def resolve_language(device_language: str, available: list[str], default: str | None) -> str | None:
    """The listing language a device in `device_language` sees (SPEC section 3).

    Exact tag (en-US) first, then a listing in the same base language (en-GB, preferring plain
    `en`), then the mini program's default. Tags compare ignoring case and `_` versus `-`.
    """
    by_key = {tag.lower(): tag for tag in available}
    wanted = device_language.strip().replace("_", "-").lower()
    for candidate in dict.fromkeys([wanted, _with_script(wanted)]):
        if candidate in by_key:
            return by_key[candidate]
    base = _base(wanted)
    if base in by_key:
        return by_key[base]
    same_base = sorted(key for key in by_key if _base(key) == base)
    if base and same_base:
        return by_key[same_base[0]]
    return default


def parse_accept_language(header: str) -> list[str]:
    """The language tags of an Accept-Language header, most preferred first (`*` dropped)."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _sep, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _quality, _position, tag in sorted(weighted)]


def resolve_for_header(header: str, available: list[str], default: str) -> str:
    """The first preferred language of the header that matches a listing, else the default."""
    for tag in parse_accept_language(header):
        resolved = resolve_language(tag, available, default=None)
        if resolved is not None:
            return resolved
    return default
