"""The Reviews pages: reviewers approve or reject the versions every workspace applies for release
(docs/versions.md, "Reviews").

A reviewer is staff with the review permission (`access.may_review`) and needs no workspace, so
these views check that right instead of a membership. The decisions are the services'; a refusal
(another reviewer was quicker, the reviewer's own upload) is a message, never an error page.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from releases import access, services
from releases.errors import ReleaseError
from releases.models import Version
from releases.review_forms import RejectForm
from releases.review_selectors import (
    industry_name,
    live_version,
    package_pages,
    review_queue,
    snapshot_differences,
    snapshot_listings,
    snapshot_name,
    version_for_review,
)

QUEUE_PAGE_SIZE = 50
# The version is gone: its review page would be a 404, so the refusal is shown on the queue.
GONE = ("version_gone", "mini_program_gone")


def reviewer_required(view):
    """Signed in and a reviewer; a membership is not needed (unlike `member_required`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.may_review(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@reviewer_required
def queue(request):
    page = Paginator(review_queue(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(version, snapshot_name(version)) for version in page.object_list]
    return render(request, "releases/reviews/queue.html", {"page": page, "rows": rows})


def decision_refusal(version: Version, reviewer) -> str:
    """Why this reviewer cannot Approve or Reject the version now, by the services' own rules, or
    "" when they can: the page shows the reason instead of the buttons."""
    try:
        services.check_status(version, (Version.Status.UNDER_REVIEW,), _("Approve"))
        services.check_not_own_upload(version, reviewer)
    except ReleaseError as error:
        return error.messages[0]
    return ""


def _render_review(request, version: Version, form: RejectForm):
    live = live_version(version)
    snapshot = version.listing_snapshot or {}
    return render(
        request,
        "releases/reviews/review.html",
        {
            "version": version,
            "mini_program": version.mini_program,
            "name": snapshot_name(version),
            "snapshot": snapshot,
            "listings": snapshot_listings(version),
            "industry": industry_name(snapshot),
            "live": live,
            "differences": snapshot_differences(live.listing_snapshot or {}, snapshot)
            if live and snapshot
            else [],
            "pages": package_pages(version),
            "history": version.transitions.select_related("actor"),
            "refusal": decision_refusal(version, request.user),
            "form": form,
        },
    )


@require_GET
@reviewer_required
def review(request, version_id):
    return _render_review(request, version_for_review(version_id), RejectForm())


def _refused(request, version: Version, error: ReleaseError):
    messages.error(request, " ".join(error.messages))
    if error.code in GONE:
        return redirect("reviews:queue")
    return redirect("reviews:review", version_id=version.pk)


@require_POST
@reviewer_required
def approve(request, version_id):
    version = version_for_review(version_id)
    try:
        version = services.version_approve(version=version, reviewer=request.user)
    except ReleaseError as error:
        return _refused(request, version, error)
    messages.success(
        request,
        _("Version %(number)s of %(name)s approved: it is now in %(status)s.")
        % {
            "number": version.number,
            "name": snapshot_name(version),
            "status": version.get_status_display(),
        },
    )
    return redirect("reviews:queue")


@require_POST
@reviewer_required
def reject(request, version_id):
    version = version_for_review(version_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            version = services.version_reject(
                version=version, reviewer=request.user, reason=form.cleaned_data["reason"]
            )
        except ReleaseError as error:
            if not hasattr(error, "error_dict"):
                return _refused(request, version, error)
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Version %(number)s of %(name)s rejected. The team reads your reason on it.")
                % {"number": version.number, "name": snapshot_name(version)},
            )
            return redirect("reviews:queue")
    return _render_review(request, version, form)


def _file(field, *, as_attachment: bool = False, filename: str = "") -> FileResponse:
    try:
        file = field.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(file, as_attachment=as_attachment, filename=filename)
    # Behind a sign-in: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@reviewer_required
def logo(request, version_id):
    """The logo as it was applied for release, for the review page (the public copy is served
    only once the version is released)."""
    version = version_for_review(version_id)
    if not version.snapshot_logo:
        raise Http404
    return _file(version.snapshot_logo)


@require_GET
@reviewer_required
def package(request, version_id):
    """The package the reviewer is asked to approve, to try it."""
    version = version_for_review(version_id)
    return _file(
        version.package,
        as_attachment=True,
        filename=f"{version.mini_program.app_id}-{version.number}.zip",
    )
