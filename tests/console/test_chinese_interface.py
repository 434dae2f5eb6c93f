"""Every page of the Simplified Chinese interface reads in Chinese.

Each console page of the permission matrix that its Owner (or, for Reviews, the reviewer) may
open, and the signed-out account pages, are requested in zh-Hans. No text on them, visible or
read aloud (`alt`, `title`, `aria-label`, `placeholder`), may be a source string of the
catalogue that has a Chinese translation: finding one means a string was shown untranslated,
typically because it was translated at import time, outside the request's language.
"""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.security.test_matrix import MATRIX
from tests.security.world import OWNER, REVIEWER, make_world

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
READ_ALOUD = ("alt", "title", "aria-label", "placeholder")
# Shown in English on purpose, in every interface language.
ENGLISH_ON_PURPOSE = {
    "English",  # the language switch names each language in itself
}
PUBLIC_PAGES = ("accounts:signin", "accounts:signup", "accounts:password_reset")


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        for name, value in attrs:
            if name in READ_ALOUD and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def translated_source_strings() -> tuple[set[str], list[str]]:
    """Whole strings to match a text exactly, and phrases (two words or more, placeholders cut
    out) to find inside a text."""
    whole, phrases = set(), []
    with CATALOGUE.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    for key, translation in catalogue.items():
        # Plural entries are keyed (singular, form); a context prefixes the source with "\x04".
        source = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        # "App ID" reads the same in both: a string Chinese keeps is no sign of a missed one.
        if source == translation or not re.search(r"[A-Za-z]{2}", source):
            continue
        if source in ENGLISH_ON_PURPOSE:
            continue
        whole.add(" ".join(source.split()))
        for fragment in PLACEHOLDER.split(source):
            fragment = " ".join(fragment.split()).strip(" .,:;()")
            # "'s workspace" of a generated workspace name is data, not an interface string.
            if len(fragment.split()) >= 2 and len(fragment) >= 8 and fragment[0].isalpha():
                phrases.append(fragment)
    return whole, phrases


def untranslated(html: str, whole: set[str], phrases: list[str]) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = {text for text in parser.texts if text in whole}
    found |= {phrase for text in parser.texts for phrase in phrases if phrase in text}
    return sorted(found)


def chinese_pages():
    for name, entry in MATRIX.items():
        if entry.method != "GET":
            continue
        for persona in (OWNER, REVIEWER):
            if entry.acme[persona] == 200:
                yield pytest.param(name, persona, id=name)
                break


@pytest.fixture
def world(team):
    return make_world(team)


@pytest.fixture(scope="module")
def source_strings():
    return translated_source_strings()


@pytest.mark.parametrize(("name", "persona"), list(chinese_pages()))
def test_a_console_page_shows_no_untranslated_string(client, world, source_strings, name, persona):
    entry = MATRIX[name]
    kwargs = world.objects[entry.target, "acme"][0] if entry.target else {}
    client.force_login(world.users[persona])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert untranslated(response.content.decode(), *source_strings) == []


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_signed_out_page_shows_no_untranslated_string(client, db, source_strings, name):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"

    response = client.get(reverse(name))

    assert untranslated(response.content.decode(), *source_strings) == []
