from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404

from accounts.models import Membership
from core.models import ActivityEvent
from miniprograms.models import Listing, MiniProgram


def visible_mini_programs(membership: Membership):
    """The mini programs a membership may see: all of the workspace's, or a Developer's own."""
    mini_programs = MiniProgram.objects.filter(workspace=membership.workspace)
    if membership.is_developer:
        mini_programs = mini_programs.filter(developers=membership)
    return mini_programs


def mini_program_list(membership: Membership, *, search: str = ""):
    """The Manage Mini Program list: a fixed number of queries whatever the page size."""
    mini_programs = (
        visible_mini_programs(membership)
        .select_related("creator", "industry")
        .prefetch_related("listings")
    )
    search = search.strip()
    if search:
        mini_programs = mini_programs.filter(
            Q(app_id__icontains=search)
            | Q(creator__full_name__icontains=search)
            | Q(creator__email__icontains=search)
            | Exists(Listing.objects.filter(mini_program=OuterRef("pk"), name__icontains=search))
        )
    return mini_programs


def mini_program_list_version(membership: Membership) -> str:
    """Names one state of the list a membership sees, to cache it under: the workspace's
    `mini_programs_version`, and for a Developer, whose list is their own, the membership."""
    scope = membership.pk if membership.is_developer else "all"
    return f"{membership.workspace_id}.{membership.workspace.mini_programs_version}.{scope}"


def mini_program_for(membership: Membership, app_id: str) -> MiniProgram:
    """The mini program on screen, or 404 when it is another workspace's or not the
    Developer's."""
    return get_object_or_404(
        visible_mini_programs(membership)
        .select_related("creator", "industry", "workspace")
        .prefetch_related("listings"),
        app_id=app_id,
    )


def assigned_developers(mini_program: MiniProgram):
    # A subquery: counting through the same relation the queryset filters on would count only
    # this mini program.
    assignments = (
        MiniProgram.developers.through.objects.filter(membership=OuterRef("pk"))
        .values("membership")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        mini_program.developers.select_related("user")
        .annotate(assignment_count=Subquery(assignments))
        .order_by("user__full_name", "id")
    )


def developers_left_without_assignment(mini_program: MiniProgram) -> list[Membership]:
    """Developers for whom this is the only assigned mini program."""
    return [
        membership
        for membership in assigned_developers(mini_program)
        if membership.assignment_count == 1
    ]


def alipay_china_release_count(workspace, *, exclude: MiniProgram | None = None) -> int:
    released = MiniProgram.objects.filter(workspace=workspace, release_to_alipay_china=True)
    if exclude is not None and exclude.pk is not None:
        released = released.exclude(pk=exclude.pk)
    return released.count()


def mini_program_activity(mini_program: MiniProgram, *, limit: int = 20):
    return ActivityEvent.objects.filter(
        workspace_id=mini_program.workspace_id,
        target_type=MiniProgram._meta.label_lower,
        target_id=str(mini_program.pk),
    ).select_related("actor")[:limit]


def workspace_mini_programs(workspace):
    """The workspace's mini programs to choose from, each with `default_name`: its name in its
    default language, read in the same query (prefetching every listing took a second for
    10,000 of them). Only what a choice shows and an assignment needs is read."""
    default_name = Listing.objects.filter(
        mini_program=OuterRef("pk"), language=OuterRef("default_language")
    ).values("name")[:1]
    return (
        MiniProgram.objects.filter(workspace=workspace)
        .only("pk", "app_id", "workspace_id")
        .annotate(default_name=Subquery(default_name))
    )


def mini_program_choices(workspace, *, search: str, limit: int = 20):
    """The newest of the workspace's mini programs whose App ID or name holds `search`, for the
    search of the invite and member forms."""
    named = Listing.objects.filter(mini_program=OuterRef("pk"), name__icontains=search)
    return (
        workspace_mini_programs(workspace)
        .filter(Q(app_id__icontains=search) | Exists(named))
        .order_by("-created_at", "-id")[:limit]
    )
