"""The Versions section of a mini program's page, Upload Version, the package download, and the
team's buttons: each a POST that calls one service and comes back to the section with what
happened, or with the rule that refused it."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import member_required
from core.bodylimit import accepts_body_up_to
from miniprograms.models import MiniProgram
from miniprograms.selectors import mini_program_for
from releases import access, actions, services
from releases.errors import ReleaseError
from releases.forms import ApplyForReleaseForm, PercentageForm, VersionUploadForm
from releases.models import Version
from releases.selectors import full_release, is_offline, mini_program_versions


def versions_section(request, mini_program: MiniProgram) -> str:
    """The Versions section of the mini program's page (MINI_PROGRAM_SECTIONS), newest first,
    each version with the buttons the reader may press on it now."""
    offline = is_offline(mini_program)
    actor = request.user
    with access.asked_together():
        # Who may press a button depends on the mini program, not the version: ask once each.
        permitted = {
            action.key for action in actions.TEAM_ACTIONS if action.may(actor, mini_program)
        }
        may_upload = access.may_upload_version(actor, mini_program)
        may_take_offline = not offline and access.may_take_offline(actor, mini_program)
        may_bring_online = offline and access.may_bring_online(actor, mini_program)
    versions = list(mini_program_versions(mini_program))
    for version in versions:
        version.buttons = {
            action.key
            for action in actions.TEAM_ACTIONS
            if action.key in permitted and action.applies_to(version, offline=offline)
        }
    return render_to_string(
        "releases/versions_section.html",
        {
            "mini_program": mini_program,
            "versions": versions,
            "is_offline": offline,
            "may_upload": may_upload,
            "may_take_offline": may_take_offline
            and services.offline_refusal(mini_program, offline=offline, versions=versions) is None,
            "may_bring_online": may_bring_online,
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
    version = _version_for(request, app_id, number)
    mini_program = version.mini_program
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


def _version_for(request, app_id: str, number: str) -> Version:
    """The version on screen: 404 unless the reader may see its mini program."""
    mini_program = mini_program_for(request.membership, app_id)
    major, minor, patch = (int(part) for part in number.split("."))
    version = get_object_or_404(mini_program.versions, major=major, minor=minor, patch=patch)
    version.mini_program = mini_program
    return version


def _now_in(version: Version) -> str:
    return _("Version %(number)s is now %(status)s.") % {
        "number": version.number,
        "status": version.get_status_display(),
    }


def _button(action: actions.VersionAction, service: Callable, done: Callable = _now_in):
    """The view of a button without fields: the service, then back to the section with `done`
    or with the rule that refused it."""

    @member_required
    @require_POST
    def view(request, app_id, number):
        version = _version_for(request, app_id, number)
        try:
            version = service(version=version, actor=request.user)
        except ReleaseError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done(version))
        return redirect(_versions_of(app_id))

    view.__name__ = f"version_{action.key}"
    return view


version_withdraw = _button(actions.WITHDRAW, services.version_withdraw)
version_complete = _button(actions.COMPLETE, services.version_complete_pilot)
version_go_live = _button(actions.GO_LIVE, services.version_go_live)
version_full_release = _button(actions.FULL_RELEASE, services.version_full_release)
version_roll_back = _button(actions.ROLL_BACK, services.version_roll_back)
version_cancel = _button(actions.CANCEL, services.version_cancel)


def _action_page(request, version, action, form, *, text="", danger=False):
    return render(
        request,
        "releases/action.html",
        {
            "mini_program": version.mini_program,
            "version": version,
            "action": action,
            "form": form,
            "text": text,
            "danger": danger,
        },
    )


def _form_button(action: actions.VersionAction, form_class, service: Callable, done: Callable):
    """The view of a button with fields (Apply for release's Testers, a Percentage). The section
    posts here directly; a field's error comes back on this page next to its field, any other
    refusal back on the section."""

    @member_required
    def view(request, app_id, number):
        version = _version_for(request, app_id, number)
        if not action.may(request.user, version.mini_program):
            raise PermissionDenied
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                version = service(version=version, actor=request.user, **form.cleaned_data)
            except ReleaseError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                    return redirect(_versions_of(app_id))
                form.add_error(None, error)
            else:
                messages.success(request, done(version))
                return redirect(_versions_of(app_id))
        return _action_page(request, version, action, form)

    view.__name__ = f"version_{action.key}"
    return view


def _reaches(version: Version) -> str:
    return _("Version %(number)s now reaches %(percentage)d%% of devices.") % {
        "number": version.number,
        "percentage": version.grayscale_percentage,
    }


version_apply = _form_button(
    actions.APPLY, ApplyForReleaseForm, services.version_apply_for_release, _now_in
)
version_grayscale = _form_button(
    actions.GRAYSCALE, PercentageForm, services.version_grayscale, _reaches
)
version_scale_up = _form_button(
    actions.SCALE_UP, PercentageForm, services.version_scale_up, _reaches
)


@member_required
def version_delete(request, app_id, number):
    """Delete asks first: the package goes with the version."""
    version = _version_for(request, app_id, number)
    if not actions.DELETE.may(request.user, version.mini_program):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.version_delete(version=version, actor=request.user)
        except ReleaseError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Version %(number)s deleted.") % {"number": version.number})
        return redirect(_versions_of(app_id))
    return _action_page(
        request,
        version,
        actions.DELETE,
        None,
        text=_(
            "Version %(number)s and its package will be deleted. Its number can be used again. "
            "This cannot be undone."
        )
        % {"number": version.number},
        danger=True,
    )


@member_required
def mini_program_take_offline(request, app_id):
    """Take offline asks first, naming what stops."""
    mini_program = mini_program_for(request.membership, app_id)
    if not access.may_take_offline(request.user, mini_program):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.mini_program_take_offline(mini_program=mini_program, actor=request.user)
        except ReleaseError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s is Offline: devices are told there is nothing to run.")
                % {"name": mini_program},
            )
        return redirect(_versions_of(app_id))
    return render(
        request,
        "releases/take_offline.html",
        {
            "mini_program": mini_program,
            "live": full_release(mini_program),
            "refusal": services.offline_refusal(mini_program),
        },
    )


@member_required
@require_POST
def mini_program_bring_online(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    try:
        services.mini_program_bring_online(mini_program=mini_program, actor=request.user)
    except ReleaseError as error:
        messages.error(request, " ".join(error.messages))
    else:
        live = full_release(mini_program)
        messages.success(
            request,
            _("%(name)s is back online: devices get version %(number)s.")
            % {"name": mini_program, "number": live.number if live else "—"},
        )
    return redirect(_versions_of(app_id))
