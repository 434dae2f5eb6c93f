from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import member_required
from accounts.forms import WorkspaceSettingsForm
from accounts.selectors import SESSION_WORKSPACE_KEY, content_fragment_key
from accounts.services import workspace_rename
from console.forms import ActivityFilterForm
from console.selectors import (
    activity_events,
    overview_todo,
    versions_to_review,
    workspace_counts,
)
from core.activity_text import describe_events
from core.numbers import parse_whole_number
from core.pagination import LookAheadPaginator
from members.selectors import next_invitation_expiry


def home(request):
    if request.user.is_authenticated:
        return redirect("console:overview")
    return redirect("accounts:signin")


def bad_request(request, exception):
    """The 400 page. Django's own first runs the CSRF check, which reads the body again: when the
    body is what could not be read (a form in UTF-16, say), the 400 page itself failed with a
    500. This one renders the same template and reads nothing of the request's body."""
    return render(request, "400.html", status=400)


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@member_required
def overview(request):
    membership = request.membership
    # Lazy: what the page's cached pieces already hold is not read again.
    counts = SimpleLazyObject(lambda: workspace_counts(membership))
    return render(
        request,
        "console/overview.html",
        {
            "content_key": content_fragment_key(
                request, next_invitation_expiry(membership.workspace)
            ),
            "counts": counts,
            "todo": SimpleLazyObject(lambda: overview_todo(membership, counts)),
            "to_review": SimpleLazyObject(lambda: versions_to_review(request.user)),
        },
    )


@member_required(permission="may_change_settings")
def workspace_settings(request):
    workspace = request.membership.workspace
    form = WorkspaceSettingsForm(
        request.POST if request.method == "POST" else None, initial={"name": workspace.name}
    )
    if request.method == "POST" and form.is_valid():
        workspace_rename(workspace=workspace, actor=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Workspace settings saved."))
        return redirect("console:settings")
    return render(request, "console/settings.html", {"form": form})


@member_required(permission="may_see_activity")
def activity(request):
    workspace = request.membership.workspace
    form = ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = activity_events(
        workspace,
        action=filters.get("action", ""),
        who=filters.get("who", ""),
        target_type=filters.get("target_type", ""),
    )
    page_number = LookAheadPaginator.page_asked_for(request.GET.get("page"))
    page = SimpleLazyObject(
        lambda: Paginator(events, settings.ACTIVITY_PAGE_SIZE).get_page(page_number)
    )
    return render(
        request,
        "console/activity.html",
        {
            "form": form,
            "page": page,
            "events": SimpleLazyObject(lambda: describe_events(page.object_list)),
            # The pagination links repeat the query as it came. A refused filter shows its
            # message and is not kept.
            "content_key": None
            if form.errors
            else content_fragment_key(request, request.GET.urlencode()),
        },
    )


@login_required
@require_POST
def switch_workspace(request):
    wanted = parse_whole_number(request.POST.get("workspace", ""))
    memberships = request.user.active_memberships()
    if wanted is not None and memberships.filter(workspace_id=wanted).exists():
        request.session[SESSION_WORKSPACE_KEY] = wanted
    else:
        messages.error(request, _("You are not a member of that workspace."))
    return redirect("console:overview")


@login_required
def no_workspace(request):
    if request.membership is not None:
        return redirect("console:overview")
    return render(request, "console/no_workspace.html")
