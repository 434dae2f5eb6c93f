"""Seeds a workspace as big as the benchmark needs, fast: bulk inserts in one transaction.

Rows are written directly rather than through the services: a benchmark needs 100,000 mini
programs in seconds, not their activity events, version transitions or mail. Values still obey
the product rules (name lengths, at most 10 Alipay China releases, a Developer has at least one
assignment, one version at most per release stage), so every page renders them as it would real
data. No package or logo file is written: the pages measured read only what the rows hold.
Activity rows are written in the shapes the services record, so the Activity page and the
Overview describe them as they would real changes.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User, Workspace
from core.models import ActivityEvent
from members.models import Invitation
from miniprograms.languages import CHINESE_SIMPLIFIED
from miniprograms.models import Industry, Listing, MiniProgram, default_name_key
from releases.models import Version

BATCH_SIZE = 2000
ALIPAY_CHINA_RELEASES = 10
# One mini program in this many has a Full Release; the showcase (see `SeededWorkspace`) has a
# whole history instead.
FULL_RELEASE_EVERY = 10
# The showcase's versions, oldest first: numbered 1.0.0, 1.1.0, ...
SHOWCASE_HISTORY = [
    *[Version.Status.ARCHIVED] * 16,
    Version.Status.REJECTED,
    Version.Status.FULL_RELEASE,
    Version.Status.GRAYSCALE_RELEASE,
    Version.Status.UNDER_REVIEW,
]
# The newest activity rows about mini programs are the showcase's, so its page describes the
# same events at every scaling size: which kinds of thing a page's events name decides its
# queries, and without this the showcase of a small workspace had a busier history.
SHOWCASE_RECENT_EVENTS = 60
SHOWCASE_GRAYSCALE_PERCENTAGE = 30
INDUSTRIES = [
    ("retail", "Retail", "零售"),
    ("food-delivery", "Food delivery", "外卖"),
    ("travel", "Travel", "旅游"),
    ("education", "Education", "教育"),
    ("healthcare", "Healthcare", "医疗"),
    ("finance", "Finance", "金融"),
    ("games", "Games", "游戏"),
    ("logistics", "Logistics", "物流"),
]


@dataclass
class SeededWorkspace:
    workspace: Workspace
    owner: User
    mini_programs: int
    members: int
    invitations: int
    versions: int
    activity: int
    # The mini program in the middle of the workspace, with every kind of version
    # (SHOWCASE_HISTORY): the one whose pages the benchmark drives.
    showcase: MiniProgram | None


def seed_staff() -> User:
    """The platform's staff account the admin changelist is read with: a superuser of no
    workspace, so the Owner's pages are an Owner's, without the review queue."""
    return User.objects.create(
        email="staff@bench.test",
        full_name="Bench staff",
        password=make_password(None),
        is_staff=True,
        is_superuser=True,
    )


def seed_workspace(
    *,
    label: str,
    mini_programs: int,
    members: int = 0,
    invitations: int = 0,
    activity: int = 0,
) -> SeededWorkspace:
    """One workspace whose Owner sees `mini_programs` mini programs (two languages each),
    `members` other members, `invitations` invitations and `activity` activity rows. `label`
    keeps emails, names and App IDs of several seeded workspaces apart in one database."""
    with transaction.atomic():
        workspace = Workspace.objects.create(name=f"Bench {label}")
        owner = User.objects.create(
            email=f"owner@{label}.bench.test",
            full_name=f"Owner {label}",
            password=make_password(None),
        )
        Membership.objects.create(user=owner, workspace=workspace, role=Membership.Role.OWNER)
        programs, listings = _seed_mini_programs(
            workspace=workspace, creator=owner, count=mini_programs
        )
        # Bulk inserts send no signal, so the count miniprograms.signals keeps is set here.
        Workspace.objects.filter(pk=workspace.pk).count_mini_programs(len(programs))
        showcase = programs[len(programs) // 2] if programs else None
        versions = _seed_versions(
            programs=programs, listings=listings, showcase=showcase, uploader=owner
        )
        memberships = _seed_members(
            workspace=workspace, label=label, count=members, mini_programs=programs
        )
        seeded_invitations = _seed_invitations(
            workspace=workspace,
            inviter=owner,
            label=label,
            count=invitations,
            mini_programs=programs,
        )
        events = _seed_activity(
            workspace=workspace,
            actor=owner,
            count=activity,
            listings=listings,
            memberships=memberships,
            invitations=seeded_invitations,
            showcase_listings=listings[programs.index(showcase)] if programs else None,
        )
    return SeededWorkspace(
        workspace=workspace,
        owner=owner,
        mini_programs=mini_programs,
        members=members,
        invitations=len(seeded_invitations),
        versions=versions,
        activity=events,
        showcase=showcase,
    )


def _industries() -> list[Industry]:
    Industry.objects.bulk_create(
        [Industry(code=code, name_en=en, name_zh=zh) for code, en, zh in INDUSTRIES],
        ignore_conflicts=True,
    )
    return list(Industry.objects.filter(code__in=[code for code, _en, _zh in INDUSTRIES]))


def _seed_mini_programs(
    *, workspace: Workspace, creator: User, count: int
) -> tuple[list[MiniProgram], list[list[Listing]]]:
    """The mini programs, in the order created, and each one's listings."""
    industries = _industries()
    # Unique across every workspace seeded in the same database.
    app_id_base = 10**15 + workspace.pk * 10**7
    programs, listings = [], []
    for start in range(0, count, BATCH_SIZE):
        batch = [
            _mini_program(workspace, creator, industries, number, app_id_base)
            for number in range(start, min(start + BATCH_SIZE, count))
        ]
        programs += MiniProgram.objects.bulk_create(batch)
        batch_listings = [_listings(workspace, program) for program in batch]
        Listing.objects.bulk_create(listing for pair in batch_listings for listing in pair)
        # bulk_create skips the save() that copies the sort key.
        MiniProgram.objects.filter(pk__in=[program.pk for program in batch]).update(
            name_key=default_name_key()
        )
        listings += batch_listings
    return programs, listings


def _mini_program(workspace, creator, industries, number, app_id_base) -> MiniProgram:
    alipay_china = number < ALIPAY_CHINA_RELEASES
    return MiniProgram(
        workspace=workspace,
        app_id=str(app_id_base + number),
        release_to_alipay_china=alipay_china,
        default_language=CHINESE_SIMPLIFIED if alipay_china else "en",
        industry=industries[number % len(industries)],
        customer_service_phone="0571-88157858",
        customer_service_email=f"support{number}@bench{workspace.pk}.example.com",
        creator=creator,
    )


def _listings(workspace: Workspace, program: MiniProgram) -> list[Listing]:
    number = int(program.app_id[-7:])
    english = f"Bench {workspace.pk} App {number}"
    chinese = f"基准{workspace.pk}号{number}"
    return [
        Listing(
            mini_program=program,
            language="en",
            name=english,
            name_key=english.casefold(),
            tagline=f"Everyday app number {number}",
            description=f"Bench mini program {number}, seeded to measure the console.",
        ),
        Listing(
            mini_program=program,
            language=CHINESE_SIMPLIFIED,
            name=chinese,
            name_key=chinese.casefold(),
            tagline=f"每天都用的小程序{number}",
            description=f"基准小程序{number}用于测量控制台的性能。",
        ),
    ]


def _seed_versions(*, programs, listings, showcase, uploader: User) -> int:
    """The showcase's history, and a Full Release 1.0.0 for one in FULL_RELEASE_EVERY others."""
    now = timezone.now()
    versions = []
    for index, (program, program_listings) in enumerate(zip(programs, listings, strict=True)):
        if program is showcase:
            statuses = SHOWCASE_HISTORY
        elif index % FULL_RELEASE_EVERY == 0:
            statuses = [Version.Status.FULL_RELEASE]
        else:
            continue
        snapshot = _listing_snapshot(program, program_listings)
        versions += [
            _version(program, snapshot, uploader, minor, status, now)
            for minor, status in enumerate(statuses)
        ]
    Version.objects.bulk_create(versions, batch_size=BATCH_SIZE)
    return len(versions)


def _listing_snapshot(program: MiniProgram, listings: list[Listing]) -> dict:
    """What `releases.snapshots.listing_snapshot` records at Apply for release, from the rows in
    hand: that one reads the listings back and hashes a logo file, which the seed has neither
    time nor need for."""
    industry = program.industry
    return {
        "default_language": program.default_language,
        "listings": {
            listing.language: {
                "name": listing.name,
                "tagline": listing.tagline,
                "description": listing.description,
            }
            for listing in listings
        },
        "logo_sha256": hashlib.sha256(f"logo {program.app_id}".encode()).hexdigest(),
        "industry": {
            "code": industry.code,
            "name_en": industry.name_en,
            "name_zh": industry.name_zh,
        },
        "customer_service": {
            "phone": program.customer_service_phone,
            "email": program.customer_service_email,
        },
        "release_to_alipay_china": program.release_to_alipay_china,
    }


def _version(program, snapshot, uploader, minor, status, now) -> Version:
    number = f"{program.app_id}-1.{minor}.0"
    digest = hashlib.sha256(number.encode()).hexdigest()
    # Applied for release a day after the one before, the newest a day ago.
    applied = now - timedelta(days=len(SHOWCASE_HISTORY) - minor)
    served = status in Version.SERVED or status == Version.Status.ARCHIVED
    return Version(
        mini_program=program,
        major=1,
        minor=minor,
        patch=0,
        description=f"Version 1.{minor}.0: faster start-up and the fixes testers asked for.",
        package=f"packages/{digest[:32]}.zip",
        package_sha256=digest,
        package_size=180_000 + minor * 4_096,
        package_file_count=40 + minor,
        status=status,
        grayscale_percentage=SHOWCASE_GRAYSCALE_PERCENTAGE
        if status == Version.Status.GRAYSCALE_RELEASE
        else None,
        rejection_reason="The privacy policy link is broken."
        if status == Version.Status.REJECTED
        else "",
        listing_snapshot=snapshot,
        snapshot_logo=f"snapshots/{digest[32:]}.png",
        uploaded_by=uploader,
        reviewed_by=None if status == Version.Status.UNDER_REVIEW else uploader,
        applied_at=applied,
        reviewed_at=None if status == Version.Status.UNDER_REVIEW else applied,
        released_at=applied if served else None,
    )


def _seed_members(
    *, workspace: Workspace, label: str, count: int, mini_programs
) -> list[Membership]:
    """One in ten a Master, the rest Developers assigned to two mini programs each."""
    if not count:
        return []
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"member{number}@{label}.bench.test",
            full_name=f"Member {number}",
            password=unusable,
        )
        for number in range(count)
    )
    memberships = Membership.objects.bulk_create(
        Membership(
            user=user,
            workspace=workspace,
            role=Membership.Role.MASTER if number % 10 == 0 else Membership.Role.DEVELOPER,
        )
        for number, user in enumerate(users)
    )
    if not mini_programs:
        return memberships
    Assignment = MiniProgram.developers.through
    Assignment.objects.bulk_create(
        Assignment(
            membership=membership,
            miniprogram=mini_programs[index],
        )
        for number, membership in enumerate(memberships)
        if membership.is_developer
        for index in {number % len(mini_programs), (number + 1) % len(mini_programs)}
    )
    return memberships


def _seed_invitations(
    *, workspace: Workspace, inviter: User, label: str, count: int, mini_programs
) -> list[Invitation]:
    """Invitations in every status and delivery state; a Developer's names one mini program."""
    if not count:
        return []
    now = timezone.now()
    deliveries = Invitation.Delivery.values
    invitations = Invitation.objects.bulk_create(
        Invitation(
            workspace=workspace,
            name=f"Invitee {number}",
            email=f"invitee{number}@{label}.bench.test",
            role=Membership.Role.MASTER if number % 5 == 0 else Membership.Role.DEVELOPER,
            inviter=inviter,
            token_hash=hashlib.sha256(f"{label}-{number}".encode()).hexdigest(),
            # One in ten has expired, one in twenty-five was withdrawn.
            expires_at=now + (timedelta(days=-1) if number % 10 == 9 else timedelta(days=3)),
            withdrawn_at=now if number % 25 == 24 else None,
            delivery_status=deliveries[number % len(deliveries)],
            sent_at=now,
            send_count=1,
        )
        for number in range(count)
    )
    if mini_programs:
        Offered = Invitation.mini_programs.through
        Offered.objects.bulk_create(
            Offered(invitation=invitation, miniprogram=mini_programs[number % len(mini_programs)])
            for number, invitation in enumerate(invitations)
            if invitation.role == Membership.Role.DEVELOPER
        )
    return invitations


def _seed_activity(
    *,
    workspace: Workspace,
    actor: User,
    count: int,
    listings,
    memberships,
    invitations,
    showcase_listings=None,
) -> int:
    """`count` events, one a minute up to now, taking turns among the kinds of change a
    workspace sees most: a mini program created, its tagline edited, a listing edited, an
    invitation sent, a member's role changed (the last two while there are any). Among the
    newest SHOWCASE_RECENT_EVENTS, those about a mini program are about the showcase."""
    kinds = [_created_event, _updated_event, _listing_event]
    if invitations:
        kinds.append(_invitation_event)
    if memberships:
        kinds.append(_role_event)
    if not count or not listings:
        return 0
    sources = {
        _created_event: listings,
        _updated_event: listings,
        _listing_event: listings,
        _invitation_event: invitations,
        _role_event: memberships,
    }
    now = timezone.now()
    events = []
    for number in range(count):
        kind = kinds[number % len(kinds)]
        source = sources[kind]
        item = source[(number // len(kinds)) % len(source)]
        if source is listings and showcase_listings and count - number <= SHOWCASE_RECENT_EVENTS:
            item = showcase_listings
        event = kind(item, number)
        event.workspace = workspace
        event.actor = actor
        event.actor_email = actor.email
        event.created_at = now - timedelta(minutes=count - number)
        events.append(event)
    # `created_at` is auto_now_add, which bulk_create would set to now for every row.
    with mock.patch.object(ActivityEvent._meta.get_field("created_at"), "auto_now_add", False):
        ActivityEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    return count


def _target(model_object, text: str) -> dict:
    return {
        "target_type": model_object._meta.label_lower,
        "target_id": str(model_object.pk),
        "target_repr": text[:200],
    }


def _created_event(program_listings: list[Listing], number: int) -> ActivityEvent:
    listing = program_listings[0]
    program = listing.mini_program
    return ActivityEvent(
        action=ActivityEvent.Action.MINI_PROGRAM_CREATED,
        **_target(program, listing.name),
        after=_mini_program_fields(program, listing),
    )


def _updated_event(program_listings: list[Listing], number: int) -> ActivityEvent:
    listing = program_listings[0]
    program = listing.mini_program
    after = _mini_program_fields(program, listing)
    return ActivityEvent(
        action=ActivityEvent.Action.MINI_PROGRAM_UPDATED,
        **_target(program, listing.name),
        before={**after, "tagline": f"An earlier tagline, edit {number}"},
        after=after,
    )


def _listing_event(program_listings: list[Listing], number: int) -> ActivityEvent:
    listing = program_listings[-1]
    after = listing.snapshot()
    return ActivityEvent(
        action=ActivityEvent.Action.LANGUAGE_UPDATED,
        **_target(listing.mini_program, program_listings[0].name),
        before={**after, "description": f"An earlier description, edit {number}"},
        after=after,
    )


def _invitation_event(invitation: Invitation, number: int) -> ActivityEvent:
    return ActivityEvent(
        action=ActivityEvent.Action.INVITATION_SENT,
        **_target(invitation, invitation.email),
        after={
            "name": invitation.name,
            "email": invitation.email,
            "role": invitation.role,
            "mini_programs": [],
        },
    )


def _role_event(membership: Membership, number: int) -> ActivityEvent:
    other = (
        Membership.Role.DEVELOPER
        if membership.role == Membership.Role.MASTER
        else Membership.Role.MASTER
    )
    return ActivityEvent(
        action=ActivityEvent.Action.MEMBER_ROLE_CHANGED,
        **_target(membership, membership.user.email),
        before={"role": other, "mini_programs": []},
        after={"role": membership.role, "mini_programs": []},
    )


def _mini_program_fields(program: MiniProgram, listing: Listing) -> dict:
    """What `MiniProgram.snapshot` records, from the rows in hand."""
    return {
        "name": listing.name,
        "tagline": listing.tagline,
        "description": listing.description,
        "release_to_alipay_china": program.release_to_alipay_china,
        "default_language": program.default_language,
        "industry": program.industry.code,
        "logo": "",
        "customer_service_phone": program.customer_service_phone,
        "customer_service_email": program.customer_service_email,
    }
