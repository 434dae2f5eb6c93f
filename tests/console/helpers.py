"""Reading the activity log as a person does, for the tests of its pages."""

import html
import re

from django.urls import reverse

URL = reverse("console:activity")
SNAKE_CASE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")


def text_of(fragment: str) -> str:
    """What a person reads: tags dropped, entities decoded, white space collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def activity_rows(client, **headers) -> str:
    page = client.get(URL, **headers).text
    return page[page.index("<tbody>") : page.index("</tbody>")]


def assert_nothing_internal(fragment: str) -> None:
    for internal in ("True", "False", "None", "['", "logos/", "{'"):
        assert internal not in fragment, internal
    assert SNAKE_CASE.findall(text_of(fragment)) == []
