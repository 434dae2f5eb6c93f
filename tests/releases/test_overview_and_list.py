"""Versions outside their mini program's page: the Overview lists those waiting for the reader,
and the Manage Mini Program list shows each mini program's live version, never a stale one."""

import re

from django.urls import reverse

from releases import services
from tests.miniprograms.helpers import complete_program
from tests.releases.helpers import approved, live, upload


def waiting_section(html: str) -> str:
    return re.search(r'<section class="card" aria-labelledby="waiting">.*?</section>', html, re.S)[
        0
    ]


def list_row(html: str, program) -> str:
    href = reverse("miniprograms:detail", args=[program.app_id])
    return re.search(rf'<tr>\s*<td>[^\n]*\n\s*<td><a href="{href}">.*?</tr>', html, re.S)[0]


def test_the_overview_lists_the_versions_waiting(sign_in, team, program, reviewer):
    upload(program, team.developer, "0.9.0")  # New Version Created waits for nobody
    live(program, team.developer, reviewer, "1.0.0")
    grayscale = approved(program, team.developer, reviewer, "1.1.0")
    services.version_grayscale(version=grayscale, actor=team.developer, percentage=30)
    rejected = upload(program, team.developer, "1.2.0")
    services.version_apply_for_release(version=rejected, actor=team.developer)
    services.version_reject(version=rejected, reviewer=reviewer, reason="The map never loads.")

    section = waiting_section(sign_in(team.owner).get(reverse("console:overview")).text)

    assert re.findall(r"<strong>(\d+\.\d+\.\d+)</strong>", section) == ["1.2.0", "1.1.0"]
    assert "Rejected" in section and "30% of devices" in section
    assert f'href="{reverse("miniprograms:detail", args=[program.app_id])}#versions"' in section
    assert str(program) in section


def test_the_overview_shows_only_the_mini_programs_the_reader_may_see(
    sign_in, team, program, reviewer
):
    # Dana is not assigned to this one: its version waits for the Owner only.
    unassigned = complete_program(team, name="Acme Eats Pro")
    other = upload(unassigned, team.owner, "2.0.0")
    services.version_apply_for_release(version=other, actor=team.owner)
    mine = upload(program, team.developer, "1.0.0")
    services.version_apply_for_release(version=mine, actor=team.developer)

    developer = waiting_section(sign_in(team.developer).get(reverse("console:overview")).text)
    owner = waiting_section(sign_in(team.owner).get(reverse("console:overview")).text)

    assert re.findall(r"<strong>(\d+\.\d+\.\d+)</strong>", developer) == ["1.0.0"]
    assert re.findall(r"<strong>(\d+\.\d+\.\d+)</strong>", owner) == ["1.0.0", "2.0.0"]


def test_an_overview_with_nothing_waiting_says_so(sign_in, team, program):
    upload(program, team.developer)

    section = waiting_section(sign_in(team.developer).get(reverse("console:overview")).text)

    assert "No version is waiting" in section


def test_the_list_shows_the_live_version_and_follows_every_change(sign_in, team, program, reviewer):
    client = sign_in(team.owner)
    list_url = reverse("miniprograms:list")
    assert ">—</span>" in list_row(client.get(list_url).text, program)

    live(program, team.developer, reviewer, "1.0.0")
    assert "<td>1.0.0</td>" in list_row(client.get(list_url).text, program)

    second = approved(program, team.developer, reviewer, "1.1.0")
    client.post(reverse("releases:go_live", args=[program.app_id, second.number]))
    assert "<td>1.1.0</td>" in list_row(client.get(list_url).text, program)

    client.post(reverse("releases:roll_back", args=[program.app_id, "1.0.0"]))
    assert "<td>1.0.0</td>" in list_row(client.get(list_url).text, program)

    client.post(reverse("releases:take_offline", args=[program.app_id]))
    assert "Offline</span>" in list_row(client.get(list_url).text, program)

    client.post(reverse("releases:bring_online", args=[program.app_id]))
    assert "<td>1.0.0</td>" in list_row(client.get(list_url).text, program)


def test_a_version_change_moves_the_list_version(team, program, reviewer):
    workspace = program.workspace
    workspace.refresh_from_db()
    before = workspace.mini_programs_version

    live(program, team.developer, reviewer)

    workspace.refresh_from_db()
    assert workspace.mini_programs_version > before
