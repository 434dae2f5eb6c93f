"""One width table for the name weighting, the same on every Python and in the browser.

Python's unicodedata follows the interpreter (3.12 has Unicode 15.0, 3.13 has 15.1); the console
reads a committed table instead, and serves the same ranges to the form's live counter.
"""

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from core import unicode_tables
from miniprograms.models import MiniProgram
from miniprograms.validators import weighted_length
from tests.miniprograms.helpers import form_data

URL = reverse("miniprograms:create")

# Narrow (1) in Unicode 15.0, wide (2) since 15.1: ideographic description characters and a CJK
# stroke added in 15.1, and an ideograph of CJK Extension I, unassigned before 15.1.
TURNED_WIDE_IN_15_1 = ["\u2ffc", "\u2fff", "\u31ef", "\U0002ebf0"]


@pytest.mark.parametrize("char", TURNED_WIDE_IN_15_1)
def test_characters_that_became_wide_in_unicode_15_1_count_two_on_any_python(char):
    assert weighted_length(char) == 2


@pytest.mark.parametrize("char", TURNED_WIDE_IN_15_1)
def test_a_name_of_such_characters_is_measured_and_kept(sign_in, team, char):
    # 15 of them and a letter weigh 31, too long; 14 and a letter weigh 29.
    client = sign_in(team.owner)

    refused = client.post(URL, form_data(name=char * 15 + "x"))
    accepted = client.post(URL, form_data(name=char * 14 + "x"))

    assert "it is 31 characters long" in refused.text
    assert accepted.status_code == 302
    assert MiniProgram.objects.filter(listings__name=char * 14 + "x").exists()


def test_the_weighting_never_asks_the_interpreters_unicode(monkeypatch):
    def interpreter_dependent(char):
        raise AssertionError("unicodedata.east_asian_width was called")

    monkeypatch.setattr(unicodedata, "east_asian_width", interpreter_dependent)

    assert weighted_length("阿克米 Rides \uff21\uff22") == 3 * 2 + 7 + 2 * 2


def served_script(client: Client, page: str, name: str) -> str:
    """The text of the page's script whose file name starts with `name`, fetched over HTTP."""
    html = client.get(page).text
    [src] = re.findall(rf'<script src="([^"]*/{name}[^"]*)"', html)
    response = client.get(src)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode()


def test_the_form_serves_the_servers_wide_table_to_the_browser(sign_in, team, settings):
    # WhiteNoise serves from the source folders in the tests, as collectstatic would lay out.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = sign_in(team.owner)

    script = served_script(client, URL, "wide_characters")

    table = re.search(r"const WIDE_RANGES = \[(.*?)\];", script, re.S).group(1)
    ranges = tuple((int(a, 16), int(b, 16)) for a, b in re.findall(r"\[(0x\w+), (0x\w+)\]", table))
    assert ranges == unicode_tables.WIDE
    assert f"Unicode {unicode_tables.UNICODE_VERSION}" in script
    assert "WIDE_RANGES" in served_script(client, URL, "mini_program_form")


@pytest.mark.skipif(
    unicodedata.unidata_version != unicode_tables.UNICODE_VERSION,
    reason="the generator runs only on a Python of the table's Unicode version",
)
def test_the_committed_tables_are_what_the_generator_writes():
    generator = Path(__file__).resolve().parents[2] / "scripts" / "generate-unicode-tables"

    result = subprocess.run(  # noqa: S603 (our own script, no shell)
        [sys.executable, str(generator), "--check"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
