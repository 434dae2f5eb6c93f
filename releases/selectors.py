"""Reads of versions and releases."""

from miniprograms.models import MiniProgram
from releases.models import OfflineMiniProgram, Version


def latest_version(mini_program: MiniProgram) -> Version | None:
    return mini_program.versions.order_by("-major", "-minor", "-patch").first()


def version_in_status(mini_program: MiniProgram, *statuses: str) -> Version | None:
    """The mini program's version in one of `statuses`; the constraints allow one at most for
    Under Review, for the release stretch and for Full Release."""
    return mini_program.versions.filter(status__in=statuses).first()


def full_release(mini_program: MiniProgram) -> Version | None:
    return version_in_status(mini_program, Version.Status.FULL_RELEASE)


def is_offline(mini_program: MiniProgram) -> bool:
    return OfflineMiniProgram.objects.filter(mini_program=mini_program).exists()
