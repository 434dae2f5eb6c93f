"""Reads of versions and releases."""

import hashlib

from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    FilteredRelation,
    Func,
    Q,
)

from miniprograms.models import MiniProgram, default_listing_column, join_default_listing
from miniprograms.selectors import visible_condition
from releases.models import OfflineMiniProgram, Version


def mini_program_versions(mini_program: MiniProgram):
    """Newest first, with who uploaded each. The listing snapshot, which only the release
    endpoint reads, is left in the database: it is the biggest column of a version."""
    return mini_program.versions.select_related("uploaded_by").defer("listing_snapshot")


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


def with_live_version(mini_programs):
    """MINI_PROGRAM_LIST_ANNOTATIONS: each mini program of the list with `live_version`, the
    number of its Full Release (None before the first), and `is_offline`, in the list's query."""
    # Joined: a mini program has one Full Release at most (a constraint of Version), and one
    # offline row at most. As subqueries, the columns took Django longer to write than the
    # database to read.
    live = FilteredRelation("versions", condition=Q(versions__status=Version.Status.FULL_RELEASE))
    return mini_programs.alias(live=live).annotate(
        live_version=NumberText("live__major", "live__minor", "live__patch"),
        is_offline=ExpressionWrapper(Q(offline__isnull=False), output_field=BooleanField()),
    )


class NumberText(Func):
    """A version number, "major.minor.patch" as VersionNumber writes it, from its three columns
    in SQL that SQLite and PostgreSQL both speak; NULL when they are. Concat of three Casts says
    the same through a dozen nested expressions, each one work for Django to write."""

    template = "(CAST(%(expressions)s AS text))"
    arg_joiner = " AS text) || '.' || CAST("
    output_field = CharField()


def waiting_versions(membership):
    """The versions of the mini programs `membership` sees, waiting for their team or a reviewer
    (the Overview), the latest moved first."""
    # A join, not `mini_program__in` a subquery: the planner then starts from the few waiting
    # versions instead of looking up each of the workspace's mini programs.
    versions = (
        Version.objects.filter(visible_condition(membership, "mini_program__"))
        .filter(status__in=Version.WAITING)
        .select_related("mini_program")
    )
    return (
        join_default_listing(versions, "mini_program__")
        .annotate(mini_program_name=default_listing_column("name"))
        .order_by("-updated_at", "-id")
    )


def grayscale_bucket(app_id: str, device: str) -> int:
    """Which of 100 buckets a device falls in for a mini program: fixed for the pair, so a device
    inside a grayscale share stays inside while the percentage rises."""
    digest = hashlib.sha256((app_id + device).encode()).hexdigest()
    return int(digest, 16) % 100


def mini_program_for_release(app_id: str) -> tuple[MiniProgram | None, list[Version]]:
    """The mini program of `app_id`, with `is_offline`, and its served versions: one query when
    it has any (the release endpoint's usual case), a second for the mini program alone when
    it has none. Offline is a join rather than an EXISTS, and the versions' default order is
    dropped: both cost more to compile than the query takes to run."""
    served = list(
        Version.objects.filter(mini_program__app_id=app_id, status__in=Version.SERVED)
        .select_related("mini_program__offline")
        .order_by()
    )
    if served:
        mini_program = served[0].mini_program
        for version in served:
            version.mini_program = mini_program
    else:
        mini_program = MiniProgram.objects.filter(app_id=app_id).select_related("offline").first()
    if mini_program is not None:
        # A reverse one-to-one that is absent raises an AttributeError, which hasattr reads.
        mini_program.is_offline = hasattr(mini_program, "offline")
    return mini_program, served


def version_for_device(
    mini_program: MiniProgram, device: str, served: list[Version] | None = None
) -> Version | None:
    """The version a device should run now, if any (whether the mini program is Offline is the
    caller's question), from `served`, the mini program's served versions when the caller has
    them already.

    During a grayscale release a device in the first `percentage` buckets gets the new version;
    every other device gets the Full Release."""
    if served is None:
        served = list(mini_program.versions.filter(status__in=Version.SERVED))
    by_status = {version.status: version for version in served}
    grayscale = by_status.get(Version.Status.GRAYSCALE_RELEASE)
    in_share = (
        grayscale is not None
        and grayscale_bucket(mini_program.app_id, device) < grayscale.grayscale_percentage
    )
    version = grayscale if in_share else by_status.get(Version.Status.FULL_RELEASE)
    if version is not None:
        version.mini_program = mini_program
    return version
