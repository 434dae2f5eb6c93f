from django.urls import reverse

from accounts.models import Membership, Workspace
from onboarding.models import Onboarding


def onboarding_left_half_way(workspace: Workspace) -> bool:
    """Whether the Owner walked away from the wizard without finishing or skipping it."""
    return Onboarding.objects.filter(
        workspace=workspace, status=Onboarding.Status.IN_PROGRESS
    ).exists()


def wizard_step_left(membership: Membership) -> str | None:
    """Where an Owner who signed out in the middle of the wizard goes after signing in: the step
    they left. Named in the SIGN_IN_DESTINATIONS setting, so accounts never imports onboarding."""
    if membership.is_owner and onboarding_left_half_way(membership.workspace):
        return reverse("onboarding:resume")
    return None
