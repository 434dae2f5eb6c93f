"""Tenant isolation and permissions of the HTTP API, generated from its URL configuration.

Every endpoint of /api/v1/ is called with each persona's token, on Acme's object and on Globex's,
and must answer as API_MATRIX says. A token acts as the member who made it, so the personas are
those of test_matrix.py, plus the Owner's read-only token; the reviewer, in no workspace, can
make no token and calls like the anonymous visitor. A refusal shows none of the object's data
and writes no activity row. An endpoint without an entry fails `test_every_endpoint_has_an_entry`.
"""

import pytest
from django.urls import reverse

from accounts.models import Membership
from automation import services
from core.models import ActivityEvent
from tests.releases.helpers import package
from tests.security.test_matrix import url_names
from tests.security.world import BLOCKED, DEV, DEV_OTHER, MASTER, OUTSIDER, OWNER

READ_ONLY, NO_TOKEN = "read_only", "no_token"
PERSONAS = (OWNER, MASTER, DEV, DEV_OTHER, BLOCKED, OUTSIDER, READ_ONLY, NO_TOKEN)
NAMESPACE = "automation_api"
# The OpenAPI document, its docs page and the root, public: tests/automation/test_api.py.
PUBLIC = {"openapi-json", "openapi-view", "api-root"}
# What a call that got past the access checks may answer: done, or refused by a rule of the
# version's state (Acme's and Globex's 1.0.0 are Under Review) or of the fields.
ALLOWED = {200, 201, 400, 409}

READ = {OWNER: ALLOWED, MASTER: ALLOWED, DEV: ALLOWED, DEV_OTHER: 404, BLOCKED: 404}
WRITE = {**READ, READ_ONLY: 403}


def _data():
    return {
        "version_upload": {
            "number": "2.0.0",
            "description": "The second release of the mini program.",
            "package": package(),
        },
        "version_go_live": {"percentage": 10},
        "version_scale_up": {"percentage": 20},
    }


API_MATRIX = {
    "mini_program_list": ("GET", None, {}),
    "mini_program_detail": ("GET", "mini_program", READ),
    "version_upload": ("POST", "mini_program", WRITE),
    **{
        f"version_{action}": ("POST", "version", WRITE)
        for action in (
            "apply",
            "withdraw",
            "complete",
            "go_live",
            "scale_up",
            "full_release",
            "roll_back",
            "cancel",
        )
    },
}


def expected(name: str, persona: str, workspace: str):
    _method, target, acme = API_MATRIX[name]
    if persona == NO_TOKEN:
        return 401
    if target is None:
        return ALLOWED
    if workspace == "globex":
        return ALLOWED if persona == OUTSIDER else 404
    if persona == OUTSIDER:
        return 404
    return acme.get(persona, ALLOWED)


def api_names():
    return sorted(
        name.split(":")[1]
        for name, namespace in url_names()
        if namespace == NAMESPACE and name.split(":")[1] not in PUBLIC
    )


def test_every_endpoint_has_an_entry():
    assert sorted(API_MATRIX) == api_names()


def _tokens(world, team) -> dict:
    """Each persona's read-and-write token: the whole workspace for the Owner and Master, the
    mini programs assigned for a Developer; the blocked member's made while assigned, before the
    block."""
    blocked = Membership.objects.get(user=world.users[BLOCKED])
    Membership.objects.filter(pk=blocked.pk).update(status=Membership.Status.ACTIVE)
    team.assigned_mini_program.developers.add(blocked)
    made = {
        OWNER: (world.users[OWNER], team.workspace, None, "read_write"),
        READ_ONLY: (world.users[OWNER], team.workspace, None, "read"),
        MASTER: (world.users[MASTER], team.workspace, None, "read_write"),
        DEV: (world.users[DEV], team.workspace, [team.assigned_mini_program], "read_write"),
        DEV_OTHER: (
            world.users[DEV_OTHER],
            team.workspace,
            [team.other_mini_program],
            "read_write",
        ),
        BLOCKED: (world.users[BLOCKED], team.workspace, [team.assigned_mini_program], "read_write"),
        OUTSIDER: (world.users[OUTSIDER], team.other_workspace, None, "read_write"),
    }
    secrets = {}
    for persona, (user, workspace, mini_programs, access) in made.items():
        _token, secrets[persona] = services.api_token_create(
            workspace=workspace,
            actor=user,
            name=persona,
            access=access,
            expires_in_days=None,
            all_mini_programs=mini_programs is None,
            mini_programs=mini_programs or (),
        )
    Membership.objects.filter(pk=blocked.pk).update(status=Membership.Status.BLOCKED)
    return secrets


CELLS = [
    pytest.param(name, persona, workspace, id=f"{name}-{persona}-{workspace}")
    for name, (_method, target, _acme) in API_MATRIX.items()
    for persona in PERSONAS
    for workspace in (("acme", "globex") if target else ("none",))
]


@pytest.mark.parametrize(("name", "persona", "workspace"), CELLS)
def test_the_api_matrix(client, world, team, name, persona, workspace):
    method, target, _acme = API_MATRIX[name]
    kwargs, secrets = world.objects[target, workspace] if target else ({}, [])
    tokens = _tokens(world, team)
    headers = {"authorization": f"Bearer {tokens[persona]}"} if persona in tokens else {}
    url = reverse(f"{NAMESPACE}:{name}", kwargs=kwargs)
    events_before = ActivityEvent.objects.count()

    if method == "GET":
        response = client.get(url, headers=headers)
    elif name == "version_upload":
        response = client.post(url, _data()[name], headers=headers)
    else:
        response = client.post(
            url, _data().get(name, {}), content_type="application/json", headers=headers
        )

    outcome = expected(name, persona, "acme" if workspace == "none" else workspace)
    if isinstance(outcome, set):
        assert response.status_code in outcome
    else:
        assert response.status_code == outcome
    if response.status_code not in ALLOWED:
        body = response.content.decode()
        assert [secret for secret in secrets if secret in body] == []
        assert ActivityEvent.objects.count() == events_before
