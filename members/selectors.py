from members.models import Membership

SESSION_WORKSPACE_KEY = "workspace_id"


def current_membership(request) -> Membership | None:
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE
    ).select_related("workspace")
    wanted = request.session.get(SESSION_WORKSPACE_KEY)
    if wanted is not None and (membership := memberships.filter(workspace_id=wanted).first()):
        return membership
    return memberships.order_by("joined_at", "id").first()
