"""Tenant isolation and permissions, generated from the URL configuration (SPEC section 1).

Every URL of the console, mini programs, members and onboarding namespaces is requested by each
persona, on an object of the Acme workspace and on one of the Globex workspace, and must answer
exactly the status written in MATRIX. A refusal never shows the object's data. A URL without an
entry in MATRIX fails `test_every_url_has_an_entry`, so a new page cannot skip this test; the
other URLs of the site are listed in NOT_IN_MATRIX with the reason.

Personas, all seen from Acme: its Owner, Master, a Developer assigned to the object, a Developer
assigned only to another mini program, a blocked member, the Owner of Globex (a member of another
workspace), a reviewer who belongs to no workspace and an anonymous visitor. Globex's object is
its Owner's own, so the outsider column of the Globex target reads like the Owner column of the
Acme target; the reviewer, in no workspace, gets the same on both.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.models import ActivityEvent
from tests.security.world import (
    ANONYMOUS,
    BLOCKED,
    DEV,
    DEV_OTHER,
    MASTER,
    OUTSIDER,
    OWNER,
    PERSONAS,
    REVIEWER,
)

CONSOLE_NAMESPACES = (
    "console",
    "miniprograms",
    "releases",
    "members",
    "automation",
    "onboarding",
    "reviews",
    "trial",
    "webhooks",
)

# Every other URL of the site, and why the matrix leaves it out.
NOT_IN_MATRIX = {
    "home": "redirects to sign-in or the console; holds no data",
    "healthz": "public liveness probe",
    "set_language": "Django's language switch; public",
    "accounts": "public account pages: tests/security/test_headers.py and tests/members",
    "invitations": "reached by the token, not the session: tests/members and the ESP tests",
    "admin": (
        "staff only, Django's own permission checks: tests/console/test_admin*; its sign-in is "
        "limited like the console's: security/test_account_rate_limits.py"
    ),
    "anymail": "ESP webhooks, secured by the shared secret: tests/members",
    "api": "the public release endpoint for devices, released data only: tests/releases",
    "automation_api": "the HTTP API, by token not session: tests/security/test_api_matrix.py",
    "media": "served only with DEBUG on; never in production",
}

# Outcomes: a status code, or where a refusal redirects.
LOGIN = "login"  # 302 to the sign-in page
NO_WORKSPACE = "no_workspace"  # 302 to the "no workspace" page
ALLOWED = {200, 302}


@dataclass(frozen=True)
class Entry:
    """How to request one URL and what each persona gets on Acme's object."""

    acme: dict[str, int | str]
    target: str | None = None  # the kind of object in the URL; None for a page without one
    method: str = "GET"
    data: dict = field(default_factory=dict)
    # Overrides for the Globex object, where the derived rule does not fit.
    globex: dict[str, int | str] = field(default_factory=dict)

    def expected(self, persona: str, workspace: str) -> int | str:
        if workspace == "acme":
            return self.acme[persona]
        if persona in self.globex:
            return self.globex[persona]
        if persona == OUTSIDER:
            return self.acme[OWNER]
        outcome = self.acme[persona]
        return (
            404 if outcome in ALLOWED and persona not in (BLOCKED, REVIEWER, ANONYMOUS) else outcome
        )


def roles(
    owner,
    master,
    developer,
    developer_not_assigned=None,
    *,
    blocked=NO_WORKSPACE,
    outsider=None,
    reviewer=None,
    anonymous=LOGIN,
):
    """The usual row: Acme's roles, then the refusals every console page shares. A reviewer
    belongs to no workspace, so by default gets what a blocked member gets."""
    return {
        OWNER: owner,
        MASTER: master,
        DEV: developer,
        DEV_OTHER: developer if developer_not_assigned is None else developer_not_assigned,
        BLOCKED: blocked,
        OUTSIDER: outsider if outsider is not None else 404,
        REVIEWER: reviewer if reviewer is not None else blocked,
        ANONYMOUS: anonymous,
    }


def every_member(status):
    """A page without an object: everyone with a workspace sees their own."""
    return roles(status, status, status, outsider=status)


def reviewers_only(status):
    """A Reviews page: the reviewer's, whatever the workspace; refused to every other account."""
    return {**roles(403, 403, 403, blocked=403, outsider=403), REVIEWER: status}


MATRIX: dict[str, Entry] = {
    # The console shell.
    "console:overview": Entry(every_member(200)),
    "console:settings": Entry(roles(200, 403, 403, outsider=200)),
    "console:activity": Entry(roles(200, 200, 403, outsider=200)),
    "console:switch_workspace": Entry(
        {**every_member(302), BLOCKED: 302, REVIEWER: 302}, method="POST", data={"workspace": "0"}
    ),
    "console:no_workspace": Entry({**every_member(302), BLOCKED: 200, REVIEWER: 200}),
    # Mini programs (SPEC section 3): Developers see only those assigned and change nothing.
    "miniprograms:list": Entry(every_member(200)),
    "miniprograms:create": Entry(roles(200, 200, 403, outsider=200)),
    "miniprograms:choices": Entry(roles(200, 200, 403, outsider=200)),
    "miniprograms:detail": Entry(roles(200, 200, 200, 404), target="mini_program"),
    "miniprograms:edit": Entry(roles(200, 200, 403), target="mini_program"),
    "miniprograms:delete": Entry(roles(200, 200, 403), target="mini_program"),
    # Fetched outside the workspace on screen, so a stranger gets the same 404 as a member;
    # staff (the reviewer) see every workspace's.
    "miniprograms:logo": Entry(
        roles(200, 200, 200, 404, blocked=404, reviewer=200, anonymous=404), target="logo"
    ),
    "miniprograms:listing_json": Entry(
        roles(200, 200, 200, 404, blocked=404, reviewer=200, anonymous=404),
        target="mini_program",
    ),
    "miniprograms:language_add": Entry(roles(200, 200, 403), target="mini_program"),
    "miniprograms:language_edit": Entry(roles(200, 200, 403), target="listing"),
    "miniprograms:language_delete": Entry(roles(200, 200, 403), target="listing"),
    "miniprograms:language_make_default": Entry(
        roles(302, 302, 403), target="listing", method="POST"
    ),
    # Versions (docs/versions.md): a Developer works on assigned mini programs only.
    "releases:upload": Entry(roles(200, 200, 200, 404), target="mini_program"),
    "releases:package": Entry(roles(200, 200, 200, 404), target="version"),
    # The buttons: each comes back to the section, with the rule that refused it if one did.
    **{
        f"releases:{name}": Entry(
            roles(302, 302, 302, 404), target="version", method="POST", data=data
        )
        for name, data in {
            "apply": {"testers": ""},
            "withdraw": {},
            "delete": {},
            "complete": {},
            "go_live": {},
            "grayscale": {"percentage": "10"},
            "scale_up": {"percentage": "20"},
            "full_release": {},
            "roll_back": {},
            "cancel": {},
        }.items()
    },
    # Stopping a mini program for every device is the Owner's or a Master's call.
    "releases:take_offline": Entry(
        roles(302, 302, 403, 404), target="mini_program", method="POST", globex={DEV: 404}
    ),
    "releases:bring_online": Entry(
        roles(302, 302, 403, 404), target="mini_program", method="POST", globex={DEV: 404}
    ),
    # Members (SPEC section 4): Owner and Masters invite; only the Owner manages members.
    "members:list": Entry(roles(200, 200, 403, outsider=200)),
    "members:edit": Entry(roles(200, 403, 403), target="developer"),
    "members:block": Entry(roles(302, 403, 403), target="developer", method="POST"),
    "members:unblock": Entry(roles(302, 403, 403), target="developer", method="POST"),
    "members:remove": Entry(roles(302, 403, 403), target="developer", method="POST"),
    "members:transfer": Entry(roles(302, 403, 403), target="master", method="POST"),
    "members:resend": Entry(roles(302, 302, 403), target="invitation", method="POST"),
    "members:withdraw": Entry(roles(302, 302, 403), target="invitation", method="POST"),
    # API tokens (docs/api-tokens.md): every member has the page; the Owner and Masters see and
    # revoke every token of the workspace, a Developer their own (the object is a Developer's).
    "automation:tokens": Entry(every_member(200)),
    "automation:revoke": Entry(roles(200, 200, 200, 404), target="api_token"),
    # Webhooks (docs/webhooks.md): whoever manages the mini programs, the Owner and Masters.
    "webhooks:endpoints": Entry(roles(200, 200, 403, outsider=200)),
    "webhooks:create": Entry(roles(200, 200, 403, outsider=200)),
    "webhooks:detail": Entry(roles(200, 200, 403), target="webhook"),
    "webhooks:edit": Entry(roles(200, 200, 403), target="webhook"),
    "webhooks:delete": Entry(roles(200, 200, 403), target="webhook"),
    **{
        f"webhooks:{name}": Entry(roles(302, 302, 403), target="webhook", method="POST")
        for name in ("test", "enable", "disable", "rotate_secret")
    },
    # Onboarding (SPEC section 2): the Owner's own wizard; steps not chosen yet lead back.
    "onboarding:start": Entry(roles(200, 403, 403, outsider=200)),
    "onboarding:resume": Entry(roles(302, 403, 403, outsider=302)),
    "onboarding:basic_information": Entry(roles(302, 403, 403, outsider=302)),
    "onboarding:add_members": Entry(roles(302, 403, 403, outsider=302)),
    "onboarding:add_master": Entry(roles(302, 403, 403, outsider=302)),
    "onboarding:done": Entry(roles(302, 403, 403, outsider=302)),
    "onboarding:finish": Entry(roles(302, 403, 403, outsider=302), method="POST"),
    # Reviews (docs/versions.md): reviewers only, on every workspace's versions; no membership
    # is needed, so no one is sent to the "no workspace" page.
    "reviews:queue": Entry(reviewers_only(200)),
    "reviews:review": Entry(reviewers_only(200), target="review"),
    "reviews:logo": Entry(reviewers_only(200), target="review"),
    "reviews:package": Entry(reviewers_only(200), target="review"),
    "reviews:approve": Entry(reviewers_only(302), target="review", method="POST"),
    "reviews:reject": Entry(
        reviewers_only(302), target="review", method="POST", data={"reason": "The map is blank."}
    ),
    # The trial page: whoever may see the mini program.
    "trial:page": Entry(roles(200, 200, 200, 404), target="trial"),
}


# --- the URL configuration --------------------------------------------------------------------


def url_names(patterns=None, namespace=""):
    """(qualified name, top-level group) of every named URL the site serves."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or "", namespace


def console_url_names():
    return sorted(
        {name for name, namespace in url_names() if namespace.split(":")[0] in CONSOLE_NAMESPACES}
    )


def test_every_url_has_an_entry():
    missing = [name for name in console_url_names() if name not in MATRIX]

    assert missing == [], f"add these URLs to MATRIX in {__file__}"


def test_the_matrix_names_no_url_that_is_gone():
    assert sorted(set(MATRIX) - set(console_url_names())) == []


def test_every_other_url_is_accounted_for():
    groups = set()
    for name, namespace in url_names():
        top = namespace.split(":")[0]
        if top in CONSOLE_NAMESPACES:
            continue
        groups.add(top or name or "media")

    assert groups - set(NOT_IN_MATRIX) == set()


CELLS = [
    pytest.param(name, persona, workspace, id=f"{name}-{persona}-{workspace}")
    for name, entry in MATRIX.items()
    for persona in PERSONAS
    for workspace in (("acme", "globex") if entry.target else ("none",))
]


@pytest.mark.parametrize(("name", "persona", "workspace"), CELLS)
def test_the_matrix(client, world, name, persona, workspace):
    entry = MATRIX[name]
    kwargs, secrets = world.objects[entry.target, workspace] if entry.target else ({}, [])
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    url = reverse(name, kwargs=kwargs)
    events_before = ActivityEvent.objects.count()

    response = getattr(client, entry.method.lower())(url, entry.data)

    expected = entry.expected(persona, "acme" if workspace == "none" else workspace)
    if expected == LOGIN:
        assert (response.status_code, response.url.split("?")[0]) == (
            302,
            reverse("accounts:signin"),
        )
    elif expected == NO_WORKSPACE:
        assert (response.status_code, response.url) == (302, reverse("console:no_workspace"))
    else:
        assert response.status_code == expected
    if response.status_code not in ALLOWED:
        body = response.content.decode(errors="replace")
        assert [secret for secret in secrets if secret in body] == []
        # Every change writes the activity log, so a refusal that changed nothing wrote nothing.
        assert ActivityEvent.objects.count() == events_before
