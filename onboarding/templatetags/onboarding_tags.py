from django import template

from onboarding.models import Onboarding

register = template.Library()


@register.inclusion_tag("onboarding/banner.html", takes_context=True)
def onboarding_banner(context):
    """The console's "Finish setting up" banner: for the Owner, until the wizard is finished."""
    membership = context.get("membership")
    if membership is None or not membership.is_owner:
        return {"onboarding": None}
    # Read with the membership on screen (accounts.selectors.current_membership): no query.
    onboarding = getattr(membership.workspace, "onboarding", None)
    if onboarding is not None and onboarding.status == Onboarding.Status.FINISHED:
        onboarding = None
    return {"onboarding": onboarding}
