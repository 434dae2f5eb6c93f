"""The world of the matrix and header tests: the team, plus the personas and objects they need.

Personas, all seen from Acme: its Owner, Master, a Developer assigned to the object, a Developer
assigned only to another mini program, a blocked member, the Owner of Globex (a member of another
workspace), a reviewer (staff in the Reviewers group, member of no workspace) and an anonymous
visitor.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from accounts.models import Membership
from automation.services import api_token_create
from members import services as member_services
from miniprograms.models import Industry
from releases import services
from tests.personas import make_member
from tests.releases.helpers import make_reviewer, upload
from tests.security.images import png_bytes
from webhooks import services as webhook_services

OWNER, MASTER, DEV, DEV_OTHER, BLOCKED, OUTSIDER, REVIEWER, ANONYMOUS = PERSONAS = (
    "owner",
    "master",
    "developer",
    "developer_not_assigned",
    "blocked",
    "outsider",
    "reviewer",
    "anonymous",
)


@dataclass
class World:
    users: dict
    objects: dict  # (target kind, "acme" | "globex") -> (URL kwargs, strings that must not leak)


def make_world(team) -> World:
    acme, globex = team.workspace, team.other_workspace
    other_developer = make_member(
        workspace=acme, full_name="Nina Notassigned", email="nina@acme.test", role="developer"
    )
    team.other_mini_program.developers.add(other_developer)
    blocked = make_member(
        workspace=acme, full_name="Bert Blocked", email="bert@acme.test", role="developer"
    )
    blocked.status = Membership.Status.BLOCKED
    blocked.save(update_fields=["status"])
    globex_master = make_member(
        workspace=globex, full_name="Gina Globex", email="gina@globex.test", role="master"
    )
    globex_developer = make_member(
        workspace=globex, full_name="Gus Globex", email="gus@globex.test", role="developer"
    )
    team.other_workspace_mini_program.developers.add(globex_developer)
    programs = {"acme": team.assigned_mini_program, "globex": team.other_workspace_mini_program}
    for mini_program in programs.values():
        mini_program.logo.save("logo.png", ContentFile(png_bytes(64, 64)))
    owners = {"acme": team.owner, "globex": team.outsider}
    for workspace, mini_program in programs.items():
        upload(mini_program, owners[workspace], "1.0.0")
    invitations = {
        "acme": member_services.invitation_create(
            workspace=acme,
            inviter=team.owner,
            name="Ivy Acme",
            email="ivy@acme.test",
            role="master",
        ),
        "globex": member_services.invitation_create(
            workspace=globex,
            inviter=team.outsider,
            name="Ivan Globex",
            email="ivan@globex.test",
            role="master",
        ),
    }
    objects = {}
    for workspace, developer, master in (
        ("acme", team.developer_membership, Membership.objects.get(user=team.master)),
        ("globex", globex_developer, globex_master),
    ):
        mini_program = programs[workspace]
        name = mini_program.listings.get().name
        # Not the App ID: it is in the URL asked for, which the page may repeat (language switch).
        secrets = [name, mini_program.listings.get().tagline or name]
        objects["mini_program", workspace] = ({"app_id": mini_program.app_id}, secrets)
        objects["listing", workspace] = (
            {"app_id": mini_program.app_id, "language": "en"},
            secrets,
        )
        objects["logo", workspace] = (
            {"app_id": mini_program.app_id, "filename": mini_program.logo_filename},
            secrets,
        )
        objects["version", workspace] = (
            {"app_id": mini_program.app_id, "number": "1.0.0"},
            secrets,
        )
        objects["developer", workspace] = (
            {"membership_id": developer.pk},
            [developer.user.email, developer.user.full_name],
        )
        objects["master", workspace] = (
            {"membership_id": master.pk},
            [master.user.email, master.user.full_name],
        )
        invitation = invitations[workspace]
        objects["invitation", workspace] = (
            {"invitation_id": invitation.pk},
            [invitation.email, invitation.name],
        )
        token, _secret = api_token_create(
            workspace=mini_program.workspace,
            actor=developer.user,
            name=f"{workspace.title()} nightly upload",
            access="read_write",
            expires_in_days=30,
            all_mini_programs=False,
            mini_programs=[mini_program],
        )
        objects["api_token", workspace] = ({"token_id": token.pk}, [token.name, token.prefix])
    for workspace, owner in owners.items():
        endpoint = webhook_services.endpoint_create(
            workspace=team.workspace if workspace == "acme" else globex,
            actor=owner,
            url=f"https://93.184.215.14/{workspace}-hooks",
            description=f"{workspace.title()} deploy bot",
            events=["member.joined"],
        )
        objects["webhook", workspace] = (
            {"endpoint_id": endpoint.pk},
            [endpoint.url, endpoint.description, endpoint.secret],
        )
    objects |= _versions_under_review(
        programs, {"acme": team.developer, "globex": globex_developer.user}
    )
    users = {
        OWNER: team.owner,
        MASTER: team.master,
        DEV: team.developer,
        DEV_OTHER: other_developer.user,
        BLOCKED: blocked.user,
        OUTSIDER: team.outsider,
        REVIEWER: make_reviewer(),
        ANONYMOUS: None,
    }
    return World(users=users, objects=objects)


# --- Reviews and the trial page ---------------------------------------------------------------


def _versions_under_review(programs: dict, developers: dict) -> dict:
    """Each workspace's mini program completed and its version applied for release by its
    Developer: the object of the review and trial pages."""
    objects = {}
    for workspace, mini_program in programs.items():
        mini_program.industry = Industry.objects.get(code="parking")
        mini_program.customer_service_phone = "0571-88888888"
        mini_program.customer_service_email = "service@example.com"
        mini_program.save()
        mini_program.listings.update(
            tagline=f"{workspace.title()} rides are fast",
            description=f"Book a ride across the {workspace.title()} network in seconds.",
        )
        version = services.version_apply_for_release(
            version=mini_program.versions.get(), actor=developers[workspace]
        )
        listing = mini_program.listings.get()
        secrets = [listing.name, listing.tagline, version.description]
        objects["review", workspace] = ({"version_id": version.pk}, secrets)
        objects["trial", workspace] = (
            {"app_id": mini_program.app_id, "number": version.number},
            secrets,
        )
    return objects
