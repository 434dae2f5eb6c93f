from django import template

from onboarding.models import Onboarding

register = template.Library()


@register.inclusion_tag("onboarding/banner.html", takes_context=True)
def onboarding_banner(context):
    """The console's "Finish setting up" banner: for the Owner, until the wizard is finished."""
    membership = context.get("membership")
    onboarding = None
    if membership is not None and membership.is_owner:
        onboarding = (
            Onboarding.objects.filter(workspace_id=membership.workspace_id)
            .exclude(status=Onboarding.Status.FINISHED)
            .first()
        )
    return {"onboarding": onboarding}
