import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from core.models import ActivityEvent
from miniprograms.languages import LANGUAGE_NAMES
from miniprograms.models import (
    Listing,
    MiniProgram,
    default_listing_column,
    has_every_required_field,
    join_default_listing,
    logo_url,
)
from miniprograms.validators import fold_name


def visible_mini_programs(membership: Membership):
    """The mini programs a membership may see: all of the workspace's, or a Developer's own."""
    return MiniProgram.objects.filter(visible_condition(membership))


def visible_condition(membership: Membership, through: str = "") -> Q:
    """visible_mini_programs as a condition on the mini program `through` names ("mini_program__"
    from a version), so a query of another table joins the rule instead of nesting it."""
    condition = Q(**{f"{through}workspace": membership.workspace})
    if membership.is_developer:
        condition &= Q(**{f"{through}developers": membership})
    return condition


def incomplete_mini_programs(membership: Membership):
    """The visible mini programs still missing a field the create form asks for, the oldest
    first: they have waited longest. Each has `default_name`."""
    return (
        visible_mini_programs(membership)
        .incomplete()
        .annotate(default_name=default_listing_column("name"))
        .order_by("created_at", "id")
    )


class ListSort(models.TextChoices):
    NEWEST = "-created", _("Newest first")
    OLDEST = "created", _("Oldest first")
    RECENTLY_UPDATED = "-updated", _("Recently updated")
    LEAST_RECENTLY_UPDATED = "updated", _("Least recently updated")
    NAME = "name", _("Name, A to Z")
    NAME_DESCENDING = "-name", _("Name, Z to A")


class ListStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Incomplete")
    # `is_offline` comes from the MINI_PROGRAM_LIST_ANNOTATIONS (releases).
    OFFLINE = "offline", _("Offline")


class ListReleaseTo(models.TextChoices):
    ALIPAY_CHINA = "alipay-china", _("Alipay China")
    NOT_ALIPAY_CHINA = "not-alipay-china", _("Not Alipay China")


# Each ordering ends with the primary key, so a page never repeats or skips a row between ties.
# Every one is an index of MiniProgram read forwards or backwards; the name is the default
# listing's folded name (MiniProgram.name_key), so case and width do not split the alphabet.
LIST_ORDERINGS = {
    ListSort.NEWEST: ["-created_at", "-id"],
    ListSort.OLDEST: ["created_at", "id"],
    ListSort.RECENTLY_UPDATED: ["-updated_at", "-id"],
    ListSort.LEAST_RECENTLY_UPDATED: ["updated_at", "id"],
    ListSort.NAME: ["name_key", "id"],
    ListSort.NAME_DESCENDING: ["-name_key", "-id"],
}


def mini_program_list(
    membership: Membership,
    *,
    search: str = "",
    sort: str = ListSort.NEWEST,
    status: str = "",
    release_to: str = "",
):
    """The Manage Mini Program list, filtered and in order: a page of it is read as `ListRow`s.
    Counting it reads nothing a row shows."""
    mini_programs = visible_mini_programs(membership)
    ordering = LIST_ORDERINGS.get(sort, LIST_ORDERINGS["-created"])
    search = search.strip()
    if search:
        # Through the substring indexes when the term is narrow: see search_candidates.
        candidates = search_candidates(search)
        if candidates is not None:
            mini_programs = mini_programs.filter(pk__in=CandidateIds(candidates))
            ordering = [unindexed(field) for field in ordering]
        else:
            # Past the indexes' minimum length, no candidates means a broad term.
            broad = len(search) >= SEARCH_INDEX_MIN_LENGTH
            mini_programs = mini_programs.filter(search_condition(search, broad=broad))
    if release_to == ListReleaseTo.ALIPAY_CHINA:
        mini_programs = mini_programs.filter(release_to_alipay_china=True)
    elif release_to == ListReleaseTo.NOT_ALIPAY_CHINA:
        mini_programs = mini_programs.filter(release_to_alipay_china=False)
    if status == ListStatus.COMPLETE:
        mini_programs = mini_programs.complete()
    elif status == ListStatus.INCOMPLETE:
        mini_programs = mini_programs.incomplete()
    mini_programs = mini_programs.order_by(*ordering)
    if status == ListStatus.OFFLINE:
        mini_programs = with_list_annotations(mini_programs).filter(is_offline=True)
    return mini_programs


def with_list_annotations(mini_programs):
    """The list's columns from other apps: `live_version` and `is_offline`, from the
    MINI_PROGRAM_LIST_ANNOTATIONS (releases)."""
    for path in settings.MINI_PROGRAM_LIST_ANNOTATIONS:
        mini_programs = import_string(path)(mini_programs)
    return mini_programs


@dataclass(frozen=True, slots=True)
class ListRow:
    """A mini program as the list draws it, from plain values read in the page's own query:
    making model instances of each row with its listings and creator cost more than drawing it.
    `live_version` and `is_offline` come from the MINI_PROGRAM_LIST_ANNOTATIONS (releases)."""

    app_id: str
    logo: str
    default_language: str
    release_to_alipay_china: bool
    created_at: datetime.datetime
    industry_id: int | None
    customer_service_phone: str
    customer_service_email: str
    # The default listing's, None while there is none.
    name: str | None
    tagline: str | None
    description: str | None
    # None once the creator's account is deleted.
    creator_full_name: str | None
    creator_email: str | None
    live_version: str | None = None
    is_offline: bool = False

    @classmethod
    def page_of(cls, mini_programs) -> list["ListRow"]:
        """The rows of `mini_programs`, a page of mini_program_list, in one query of the columns
        drawn. The default listing and the creator are joined: as subqueries and expressions,
        the same columns took Django ten times longer to write than the database to read.

        The joins are made to the page's rows alone, picked by a subquery: joined to the whole
        list, a search's candidates (up to SEARCH_CANDIDATE_LIMIT) were each joined before the
        database sorted them and kept a page."""
        page = MiniProgram.objects.filter(pk__in=mini_programs.values("pk")).order_by(
            *mini_programs.query.order_by
        )
        values = with_list_annotations(
            join_default_listing(page).values(
                "app_id",
                "logo",
                "default_language",
                "release_to_alipay_china",
                "created_at",
                "industry_id",
                "customer_service_phone",
                "customer_service_email",
                name=F("default_listing__name"),
                tagline=F("default_listing__tagline"),
                description=F("default_listing__description"),
                creator_full_name=F("creator__full_name"),
                creator_email=F("creator__email"),
            )
        )
        return [cls(**row) for row in values]

    @property
    def is_complete(self) -> bool:
        # The row holds its default listing's columns too.
        return has_every_required_field(self, self)

    @property
    def creator_name(self) -> str:
        """As MiniProgram.creator_name: blank once the creator's account is deleted."""
        return self.creator_full_name or self.creator_email or ""

    @property
    def logo_url(self) -> str:
        return logo_url(self.app_id, self.logo)

    @property
    def default_language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.default_language, self.default_language)


PROGRAMS = MiniProgram._meta.db_table
LISTINGS = Listing._meta.db_table


class Unindexed(models.Func):
    """A column's value, written so that no index matches it: ordered by it, the database sorts
    the rows it has found rather than walking an index in that order. PostgreSQL walks the
    list's ordering index for a page of the candidates, reckoning that they are spread evenly
    through it; when they sit at its far end, that walk reads the whole workspace."""

    template = "+%(expressions)s"  # SQLite: unary plus changes no value, nor its type

    def as_postgresql(self, compiler, connection, **extra_context):
        internal_type = self.output_field.get_internal_type()
        if internal_type == "DateTimeField":
            template = "(%(expressions)s + interval '0 seconds')"
        elif internal_type in ("CharField", "TextField"):
            template = "(%(expressions)s || '')"
        else:
            template = "(%(expressions)s + 0)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def unindexed(field: str) -> models.OrderBy:
    """One of LIST_ORDERINGS' fields ("-created_at") ordered through `Unindexed`."""
    descending = field.startswith("-")
    return models.OrderBy(Unindexed(models.F(field.removeprefix("-"))), descending=descending)


class CandidateIds(models.Expression):
    """The candidates' ids as a subquery of one parameter, for `pk__in`: a JSON list on SQLite,
    an array on PostgreSQL. Compiling and parsing up to SEARCH_CANDIDATE_LIMIT placeholders,
    for the page and again for its count, took longer than the queries."""

    def __init__(self, ids: list[int]):
        super().__init__(output_field=models.BigIntegerField())
        self.ids = ids

    def as_sql(self, compiler, connection):
        return "(SELECT value FROM json_each(%s))", (json.dumps(self.ids),)

    def as_postgresql(self, compiler, connection):
        return "(SELECT unnest(%s::bigint[]))", (self.ids,)


class ExistsRowByRow(models.Exists):
    """EXISTS that PostgreSQL checks for each row: with an OFFSET, it may neither join the
    subquery nor turn it into a hashed subplan (SQLite checks each row anyway)."""

    template = "EXISTS(%(subquery)s OFFSET 0)"


def search_condition(search: str, *, broad: bool = False) -> Q:
    """What the list's search means: the App ID, the creator's name or email, or a listing's name
    in any language holds `search`, ignoring case (`icontains`).

    `broad`: the term matches many listings. PostgreSQL then gets the listings' condition in a
    form it must check row by row (`ExistsRowByRow`): otherwise it reads every matching listing
    of the platform into a hash table first (110,000 for "App": 80 ms, for the page and again
    for its count), where the walk in list order checks a few dozen mini programs. Same rows
    either way."""
    return (
        Q(app_id__icontains=search)
        | Q(creator__full_name__icontains=search)
        | Q(creator__email__icontains=search)
        | _named(search, broad=broad)
    )


def _named(search: str, *, broad: bool):
    listings = Listing.objects.filter(mini_program=OuterRef("pk"), name__icontains=search)
    return ExistsRowByRow(listings) if broad else Exists(listings)


# Index-backed search. The substring indexes (migration 0007: pg_trgm GIN indexes on
# PostgreSQL, FTS5 trigram tables on SQLite) are built of three-character pieces, so they answer
# only terms of three characters or more.
SEARCH_INDEX_MIN_LENGTH = 3
# More candidates than this and the search is broad: the plain scan in list order fills a page
# after a few rows, sooner than the candidates could be read and sorted.
SEARCH_CANDIDATE_LIMIT = 2000


def search_candidates(search: str) -> list[int] | None:
    """The ids of the mini programs, of any workspace, that `search_condition(search)` matches,
    found through the substring indexes; None when the list should search without them.

    Why: `search_condition` can use no ordinary index, so the list walks the workspace's rows in
    list order until a page is full. A broad term fills it within a few rows; a narrow one (few
    matches, or none) reads all 100,000 of a large workspace. So the indexes are asked first, in
    queries that stop after SEARCH_CANDIDATE_LIMIT rows. Up to that many, the list reads only
    those ids, within the workspace and its filters: each branch checks Django's own icontains
    on the rows its index found, so they are exactly the rows the plain search would list, in
    the same order and pages. Past it the term is broad, and the plain scan is the faster plan;
    the queries stop early, so telling a broad term costs about 0.1 ms on SQLite and 1 to 2 ms
    on PostgreSQL. The count is taken across workspaces: telling the workspace's rows apart
    would mean a lookup per matching row, which for a broad term cost more than the page. So a
    term common on the platform but rare in one workspace is searched without the indexes, as
    before them.

    None too for a term shorter than the indexes' pieces, and on a database without the indexes.
    Creators are matched through the users table, which has no such index: it holds people,
    far fewer than mini programs.
    """
    vendor = connection.vendor
    if len(search) < SEARCH_INDEX_MIN_LENGTH or vendor not in ("sqlite", "postgresql"):
        return None
    if vendor == "sqlite" and _sqlite_listing_matches(search) > SEARCH_CANDIDATE_LIMIT:
        return None
    index_branches = _postgresql_branches if vendor == "postgresql" else _sqlite_branches
    candidates = _first_rows(index_branches(search))
    # A broad term is told by this first query alone, without looking the creators up.
    if len(candidates) > SEARCH_CANDIDATE_LIMIT:
        return None
    creators = list(
        User.objects.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
        .order_by()
        .values_list("pk", flat=True)[: SEARCH_CANDIDATE_LIMIT + 1]
    )
    if len(creators) > SEARCH_CANDIDATE_LIMIT:
        return None
    if creators:
        placeholders = ", ".join(["%s"] * len(creators))
        created = f"SELECT id FROM {PROGRAMS} WHERE creator_id IN ({placeholders})"  # noqa: S608
        candidates += _first_rows([(created, creators)])
    if len(candidates) > SEARCH_CANDIDATE_LIMIT:
        return None
    return sorted(set(candidates))


def _sqlite_listing_matches(search: str) -> int:
    """How many listings the FTS5 table finds, counted up to SEARCH_CANDIDATE_LIMIT + 1 without
    reading the listings: a broad term is told in a tenth of a millisecond."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM miniprograms_listing_search "
            "WHERE miniprograms_listing_search MATCH %s LIMIT %s)",
            [_fts5_phrase(search), SEARCH_CANDIDATE_LIMIT + 1],
        )
        return cursor.fetchone()[0]


def _fts5_phrase(search: str) -> str:
    return '"' + search.replace('"', '""') + '"'


def _first_rows(branches: list[tuple[str, tuple]]) -> list[int]:
    """The first SEARCH_CANDIDATE_LIMIT + 1 ids the queries find together. SQL put together from
    the models' table names; every value goes as a parameter. Each branch has the limit too:
    PostgreSQL then weighs its plans by the rows it will really read, and for a broad term walks
    the table up to the limit rather than collect every match through the index first (110,000
    for "App": 5 ms)."""
    limit = SEARCH_CANDIDATE_LIMIT + 1
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({branch} LIMIT {limit}) AS branch{number}"  # noqa: S608
        for number, (branch, _params) in enumerate(branches)
    )
    params = [param for _branch, branch_params in branches for param in branch_params]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {limit}", params)
        return [row[0] for row in cursor.fetchall()]


def _postgresql_branches(search: str) -> list[tuple[str, tuple]]:
    """The listings' names and the App IDs, through the pg_trgm indexes: Django's icontains,
    `UPPER(column::text) LIKE UPPER(pattern)`, is the indexed expression."""
    listings = Listing.objects.filter(name__icontains=search).values_list("mini_program_id")
    app_ids = MiniProgram.objects.filter(app_id__icontains=search).values_list("pk")
    return [query.order_by().query.sql_with_params() for query in (listings, app_ids)]


def _sqlite_branches(search: str) -> list[tuple[str, tuple]]:
    """The listings' names and the App IDs, through the FTS5 tables. A quoted FTS5 string
    matches, with the trigram tokenizer, the rows holding it, but folds case beyond ASCII, where
    LIKE's stops: each row found is checked with Django's icontains (LIKE) as well."""
    phrase = _fts5_phrase(search)
    icontains = connection.operators["icontains"]
    pattern = f"%{connection.ops.prep_for_like_query(search)}%"
    return [
        (
            f"SELECT {LISTINGS}.mini_program_id FROM miniprograms_listing_search "  # noqa: S608
            f"JOIN {LISTINGS} ON {LISTINGS}.id = miniprograms_listing_search.rowid "
            f"WHERE miniprograms_listing_search MATCH %s AND {LISTINGS}.name {icontains}",
            (phrase, pattern),
        ),
        (
            f"SELECT {PROGRAMS}.id FROM miniprograms_app_id_search "  # noqa: S608
            f"JOIN {PROGRAMS} ON {PROGRAMS}.id = miniprograms_app_id_search.rowid "
            f"WHERE miniprograms_app_id_search MATCH %s AND {PROGRAMS}.app_id {icontains}",
            (phrase, pattern),
        ),
    ]


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


def validate_alipay_china_quota(workspace, *, mini_program: MiniProgram | None) -> None:
    """The quota rule: releasing `mini_program` (None for a new one) to Alipay China must leave
    the workspace within ALIPAY_CHINA_QUOTA. One already released keeps its place. Services call
    it again under the workspace lock, so two requests cannot both take the last place."""
    already_released = MiniProgram.objects.filter(
        pk=getattr(mini_program, "pk", None), release_to_alipay_china=True
    )
    if mini_program is not None and already_released.exists():
        return
    quota = settings.ALIPAY_CHINA_QUOTA
    if alipay_china_release_count(workspace, exclude=mini_program) >= quota:
        raise ValidationError(
            ngettext(
                "This workspace already releases %(quota)d mini program to Alipay China, the "
                "most allowed. Uncheck Alipay China or stop releasing another one first.",
                "This workspace already releases %(quota)d mini programs to Alipay China, the "
                "most allowed. Uncheck Alipay China or stop releasing another one first.",
                quota,
            )
            % {"quota": quota},
            code="alipay_china_quota",
        )


def name_is_taken(name: str, *, exclude_mini_program: MiniProgram | None = None) -> bool:
    """Whether another mini program on the platform uses this name in any of its languages.

    A mini program may use one name in several of its own languages.
    """
    listings = Listing.objects.filter(name_key=fold_name(name))
    if exclude_mini_program is not None and exclude_mini_program.pk is not None:
        listings = listings.exclude(mini_program=exclude_mini_program)
    return listings.exists()


def validate_name_unique(name: str, *, exclude_mini_program: MiniProgram | None = None) -> None:
    """The platform-wide name rule. Services call it again under the name's lock."""
    if name_is_taken(name, exclude_mini_program=exclude_mini_program):
        raise ValidationError(
            gettext("Another mini program is already called “%(name)s”. Choose a different name.")
            % {"name": name.strip()},
            code="name_taken",
        )


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
    return join_default_listing(
        MiniProgram.objects.filter(workspace=workspace).only("pk", "app_id", "workspace_id")
    ).annotate(default_name=default_listing_column("name"))


def mini_program_choices(workspace, *, search: str, limit: int = 20):
    """The newest of the workspace's mini programs whose App ID or name holds `search`, for the
    search of the invite and member forms."""
    named = Listing.objects.filter(mini_program=OuterRef("pk"), name__icontains=search)
    return (
        workspace_mini_programs(workspace)
        .filter(Q(app_id__icontains=search) | Exists(named))
        .order_by("-created_at", "-id")[:limit]
    )


def check_deletable(mini_program: MiniProgram) -> bool:
    """Runs every MINI_PROGRAM_DELETE_CHECKS callable (upper layers, such as releases, say there
    why a mini program must stay): raises the first refusal, else says whether deleting it asks
    for its App ID typed out."""
    needs_app_id = False
    for path in settings.MINI_PROGRAM_DELETE_CHECKS:
        needs_app_id = import_string(path)(mini_program) or needs_app_id
    return needs_app_id
