"""Reads of the Reviews pages: the queue of every workspace, and what a reviewer weighs — the
snapshot applied for release, how it differs from the live version's, and the package."""

import zipfile
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from miniprograms.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES
from miniprograms.models import Listing, MiniProgram
from releases.errors import ReleaseError
from releases.models import Version
from releases.packages import check_pages, parse_app_json, read_app_json
from releases.selectors import full_release

LANGUAGE_ORDER = {code: index for index, (code, _label) in enumerate(LANGUAGE_CHOICES)}
LISTING_FIELDS = ("name", "tagline", "description")


def review_queue():
    """The versions Under Review of every workspace, the longest waiting first."""
    return (
        Version.objects.filter(status=Version.Status.UNDER_REVIEW)
        .select_related("mini_program__workspace", "uploaded_by")
        .order_by("applied_at", "id")
    )


def version_for_review(version_id: int) -> Version:
    return get_object_or_404(
        Version.objects.select_related("mini_program__workspace", "uploaded_by", "reviewed_by"),
        pk=version_id,
    )


def live_version(version: Version) -> Version | None:
    """The Full Release the version would replace, if it is another one."""
    live = full_release(version.mini_program)
    return live if live is not None and live.pk != version.pk else None


@dataclass(frozen=True)
class SnapshotListing:
    language: str
    language_name: str
    is_default: bool
    name: str
    tagline: str
    description: str


def snapshot_listings(version: Version) -> list[SnapshotListing]:
    """Every language of the snapshot, the default one first, then in the console's order."""
    snapshot = version.listing_snapshot or {}
    default = snapshot.get("default_language")
    languages = sorted(
        snapshot.get("listings", {}),
        key=lambda code: (code != default, LANGUAGE_ORDER.get(code, len(LANGUAGE_ORDER))),
    )
    return [
        SnapshotListing(
            language=code,
            language_name=str(LANGUAGE_NAMES.get(code, code)),
            is_default=code == default,
            **{field: version.listing_in(code).get(field, "") for field in LISTING_FIELDS},
        )
        for code in languages
    ]


def snapshot_name(version: Version) -> str:
    """The mini program's name as it was applied for release."""
    listing = version.listing_in(version.snapshot_default_language or "") or {}
    return listing.get("name") or str(version.mini_program)


def industry_name(snapshot: dict) -> str:
    """The snapshot's industry in the interface language, as `Industry.localized_name` does."""
    industry = snapshot.get("industry") or {}
    chinese = (get_language() or "").startswith("zh")
    return industry.get("name_zh" if chinese else "name_en", "")


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _labelled_values(snapshot: dict) -> dict[str, tuple[str, str]]:
    """Each field of a snapshot as {key: (label on screen, value as shown)}; the keys are what
    two snapshots are compared by."""
    listings = snapshot.get("listings", {})
    values = {
        "default_language": (
            _label(MiniProgram, "default_language"),
            str(LANGUAGE_NAMES.get(snapshot.get("default_language"), "")),
        ),
        "release_to_alipay_china": (
            _label(MiniProgram, "release_to_alipay_china"),
            _("Yes") if snapshot.get("release_to_alipay_china") else _("No"),
        ),
    }
    for code in sorted(listings, key=lambda code: LANGUAGE_ORDER.get(code, len(LANGUAGE_ORDER))):
        for field in LISTING_FIELDS:
            label = _("%(field)s (%(language)s)") % {
                "field": _label(Listing, field),
                "language": LANGUAGE_NAMES.get(code, code),
            }
            values[f"{code}:{field}"] = (label, listings[code].get(field, ""))
    customer_service = snapshot.get("customer_service", {})
    values |= {
        "logo": (_label(MiniProgram, "logo"), snapshot.get("logo_sha256", "")),
        "industry": (_label(MiniProgram, "industry"), industry_name(snapshot)),
        "phone": (
            _label(MiniProgram, "customer_service_phone"),
            customer_service.get("phone", ""),
        ),
        "email": (
            _label(MiniProgram, "customer_service_email"),
            customer_service.get("email", ""),
        ),
    }
    return values


@dataclass(frozen=True)
class Difference:
    key: str  # "logo" is drawn as the two images rather than as text
    label: str
    before: str
    after: str


def snapshot_differences(live: dict, applied: dict) -> list[Difference]:
    """What the applied snapshot changes from the live one, field by field; a language added or
    removed shows as its fields going from or to nothing."""
    before, after = _labelled_values(live), _labelled_values(applied)
    differences = []
    for key in dict.fromkeys([*after, *before]):
        label, old = before.get(key, (None, ""))
        label, new = after.get(key, (label, ""))
        if old != new:
            differences.append(Difference(key=key, label=label, before=old, after=new))
    return differences


def package_pages(version: Version) -> list[str] | None:
    """The pages app.json lists, read from the stored package with the checks of its upload;
    None when the file cannot be read any more."""
    try:
        with version.package.open("rb") as package, zipfile.ZipFile(package) as archive:
            names = {entry.filename for entry in archive.infolist() if not entry.is_dir()}
            return check_pages(parse_app_json(read_app_json(archive, names)))
    except (OSError, zipfile.BadZipFile, ReleaseError):
        return None
