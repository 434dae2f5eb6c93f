from members.models import Workspace
from onboarding.models import Onboarding


def onboarding_left_half_way(workspace: Workspace) -> bool:
    """Whether the Owner walked away from the wizard without finishing or skipping it."""
    return Onboarding.objects.filter(
        workspace=workspace, status=Onboarding.Status.IN_PROGRESS
    ).exists()
