"""The trial page a trial link opens by default (TRIAL_LINK_TEMPLATE): the version, its QR code
and its link, for the members who may see the mini program."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.access import member_required
from miniprograms.selectors import mini_program_for
from releases.errors import ReleaseError
from releases.models import Version
from releases.rules import clean_version_number


def version_numbered(mini_program, number: str) -> Version:
    try:
        parsed = clean_version_number(number)
    except ReleaseError as error:
        raise Http404 from error
    return get_object_or_404(
        mini_program.versions.select_related("uploaded_by"),
        major=parsed.major,
        minor=parsed.minor,
        patch=parsed.patch,
    )


@require_GET
@member_required
def trial(request, app_id, number):
    mini_program = mini_program_for(request.membership, app_id)
    version = version_numbered(mini_program, number)
    version.mini_program = mini_program
    return render(
        request, "releases/trial.html", {"mini_program": mini_program, "version": version}
    )
