"""The people every test talks about, made the way the console makes them.

One workspace ("Acme") with its Owner, a Master and a Developer assigned to one mini program, and
an outsider who owns a different workspace ("Globex"). Password for everyone: PASSWORD.
"""

from dataclasses import dataclass

from accounts.models import Membership, User, Workspace
from accounts.services import owner_sign_up
from miniprograms.models import Listing, MiniProgram

PASSWORD = "correct horse battery staple 42"


def make_owner(*, full_name: str, email: str, workspace_name: str) -> User:
    user = owner_sign_up(full_name=full_name, email=email, password=PASSWORD)
    workspace = user.memberships.get().workspace
    workspace.name = workspace_name
    workspace.save(update_fields=["name"])
    return user


def make_member(*, workspace: Workspace, full_name: str, email: str, role: str) -> Membership:
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name)
    return Membership.objects.create(user=user, workspace=workspace, role=role)


def make_mini_program(
    *, workspace: Workspace, name: str, creator: User | None = None
) -> MiniProgram:
    mini_program = MiniProgram.objects.create(
        workspace=workspace, default_language="en", creator=creator
    )
    Listing.objects.create(
        mini_program=mini_program, language="en", name=name, name_key=name.casefold()
    )
    return mini_program


@dataclass
class Team:
    workspace: Workspace
    owner: User
    master: User
    developer: User
    developer_membership: Membership
    assigned_mini_program: MiniProgram
    other_mini_program: MiniProgram
    outsider: User
    other_workspace: Workspace
    other_workspace_mini_program: MiniProgram


def make_team() -> Team:
    owner = make_owner(full_name="Olivia Owner", email="olivia@acme.test", workspace_name="Acme")
    workspace = owner.memberships.get().workspace
    master = make_member(
        workspace=workspace, full_name="Max Master", email="max@acme.test", role="master"
    ).user
    developer_membership = make_member(
        workspace=workspace, full_name="Dana Developer", email="dana@acme.test", role="developer"
    )
    assigned = make_mini_program(workspace=workspace, name="Acme Rides", creator=owner)
    other = make_mini_program(workspace=workspace, name="Acme Eats", creator=owner)
    assigned.developers.add(developer_membership)
    outsider = make_owner(
        full_name="Oscar Outsider", email="oscar@globex.test", workspace_name="Globex"
    )
    other_workspace = outsider.memberships.get().workspace
    return Team(
        workspace=workspace,
        owner=owner,
        master=master,
        developer=developer_membership.user,
        developer_membership=developer_membership,
        assigned_mini_program=assigned,
        other_mini_program=other,
        outsider=outsider,
        other_workspace=other_workspace,
        other_workspace_mini_program=make_mini_program(
            workspace=other_workspace, name="Globex Maps", creator=outsider
        ),
    )
