from accounts.models import Membership
from bench.seed import seed_workspace
from miniprograms.models import Listing, MiniProgram


def test_it_seeds_a_workspace_with_the_counts_asked_for(db):
    seeded = seed_workspace(label="small", mini_programs=12, members=20, invitations=15)

    workspace = seeded.workspace
    assert MiniProgram.objects.filter(workspace=workspace).count() == 12
    assert Listing.objects.filter(mini_program__workspace=workspace).count() == 24
    assert workspace.memberships.count() == 21
    assert workspace.memberships.get(role=Membership.Role.OWNER).user == seeded.owner
    developers = workspace.memberships.filter(role=Membership.Role.DEVELOPER)
    assert developers.count() == 18
    assert not developers.filter(assigned_mini_programs=None).exists()
    assert workspace.invitations.count() == seeded.invitations == 15
    assert not workspace.invitations.filter(role="developer", mini_programs=None).exists()


def test_seeded_workspaces_do_not_collide(db):
    first = seed_workspace(label="one", mini_programs=3, members=2, invitations=2)
    second = seed_workspace(label="two", mini_programs=3, members=2, invitations=2)

    assert MiniProgram.objects.count() == 6
    assert first.owner != second.owner
