"""The Versions section of a mini program's page, Upload Version, and the package download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.access import member_required
from core.bodylimit import accepts_body_up_to
from miniprograms.models import MiniProgram
from miniprograms.selectors import mini_program_for
from releases import access, services
from releases.errors import ReleaseError
from releases.forms import VersionUploadForm
from releases.selectors import is_offline, mini_program_versions


def versions_section(request, mini_program: MiniProgram) -> str:
    """The Versions section of the mini program's page (MINI_PROGRAM_SECTIONS), newest first."""
    return render_to_string(
        "releases/versions_section.html",
        {
            "mini_program": mini_program,
            "versions": mini_program_versions(mini_program),
            "is_offline": is_offline(mini_program),
            "may_upload": access.may_upload_version(request.user, mini_program),
        },
        request=request,
    )


def _versions_of(app_id: str) -> str:
    return reverse("miniprograms:detail", args=[app_id]) + "#versions"


@accepts_body_up_to("PACKAGE_MAX_BYTES")
@member_required
def version_upload(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    if not access.may_upload_version(request.user, mini_program):
        raise PermissionDenied
    form = VersionUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_upload(
                mini_program=mini_program, actor=request.user, **form.cleaned_data
            )
        except ReleaseError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Version %(number)s uploaded.") % {"number": version.number}
            )
            return redirect(_versions_of(app_id))
    return render(request, "releases/upload.html", {"form": form, "mini_program": mini_program})


@member_required
@require_GET
def version_package(request, app_id, number):
    """The package, for members who may see the mini program (never MEDIA_URL, which has no
    access control)."""
    mini_program = mini_program_for(request.membership, app_id)
    major, minor, patch = (int(part) for part in number.split("."))
    version = get_object_or_404(mini_program.versions, major=major, minor=minor, patch=patch)
    try:
        package = version.package.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        package,
        as_attachment=True,
        filename=f"{mini_program.app_id}-{version.number}.zip",
        content_type="application/zip",
    )
