from members.models import Membership
from miniprograms.models import MiniProgram


def visible_mini_programs(membership: Membership):
    """The mini programs a membership may see: all of the workspace's, or a Developer's own."""
    mini_programs = MiniProgram.objects.filter(workspace=membership.workspace)
    if membership.is_developer:
        mini_programs = mini_programs.filter(developers=membership)
    return mini_programs
