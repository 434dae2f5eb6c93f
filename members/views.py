from django.shortcuts import render

from members.access import member_required


@member_required(permission="may_see_members")
def member_list(request):
    # Placeholder until the Members page lands.
    memberships = request.membership.workspace.memberships.select_related("user")
    return render(request, "members/list.html", {"memberships": memberships})
