"""The public release endpoint: what a device should run now (docs/versions.md, "The release
endpoint").

Public and read-only. It serves released data only — a Full Release or a Grayscale Release, with
the listing from the version's snapshot, never the listing the team is editing — and answers
every refusal as JSON with a stable `error` code. Answers carry an ETag (a conditional request
gets 304) and may be cached for RELEASE_CACHE_SECONDS, so taking a mini program offline reaches
every device within that time.
"""

import hashlib
import json
import mimetypes

from django import forms
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.ratelimit import RateLimit, RateLimited, client_address
from core.text import validate_visible_text
from miniprograms.languages import resolve_language
from releases.models import Version
from releases.selectors import mini_program_for_release, version_for_device

RELEASE_PER_IP = RateLimit("RATE_LIMIT_RELEASE_PER_IP")


class ReleaseQueryForm(forms.Form):
    # Errors name the parameter as a device sends it, so the fields need no label.
    device = forms.CharField(max_length=128, validators=[validate_visible_text])
    lang = forms.CharField(max_length=35, required=False)


def _cache_control(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={settings.RELEASE_CACHE_SECONDS}"
    return response


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": code, "message": message},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _rate_limited(error: RateLimited) -> JsonResponse:
    response = _error(
        429,
        "rate_limited",
        _("Too many requests from this address. Try again in %(seconds)d seconds.")
        % {"seconds": error.retry_after},
    )
    response["Retry-After"] = str(error.retry_after)
    return response


def release_body(version: Version, language: str) -> dict:
    snapshot = version.listing_snapshot
    listing = version.listing_in(language)
    mini_program = version.mini_program
    return {
        "app_id": mini_program.app_id,
        "version": version.number,
        "release": "grayscale" if version.status == Version.Status.GRAYSCALE_RELEASE else "full",
        "package": {"sha256": version.package_sha256, "size": version.package_size},
        "listing": {
            "language": language,
            "default_language": snapshot["default_language"],
            "name": listing["name"],
            "tagline": listing["tagline"],
            "description": listing["description"],
            "logo": {
                "url": settings.SITE_URL + version.release_logo_url,
                "sha256": snapshot["logo_sha256"],
            },
            "industry": snapshot["industry"],
            "customer_service": snapshot["customer_service"],
        },
    }


# Moves whenever `release_body` changes what it writes, so devices holding an ETag of the old
# shape fetch the new one.
RELEASE_BODY_FORMAT = 1


def release_etag(version: Version, language: str) -> str:
    """Names the answer without building it, so a conditional request is answered 304 before
    any body is drawn. Everything `release_body` reads is the version's own, and changes only
    through a save, which moves `updated_at`; the language and the site's address do the rest."""
    names = f"{RELEASE_BODY_FORMAT}:{version.pk}:{version.updated_at.isoformat()}:{language}"
    digest = hashlib.sha256(f"{names}:{settings.SITE_URL}".encode()).hexdigest()
    return f'"{digest[:32]}"'


@require_safe
def release(request, app_id):
    try:
        RELEASE_PER_IP.hit(client_address(request))
    except RateLimited as error:
        return _rate_limited(error)
    query = ReleaseQueryForm(request.GET)
    if not query.is_valid():
        field, errors = next(iter(query.errors.items()))
        return _error(400, "invalid_query", f"{field}: {errors[0]}")
    mini_program, served = mini_program_for_release(app_id)
    if mini_program is not None and mini_program.is_offline:
        return _cache_control(
            _error(404, "offline", _("This mini program is offline: there is nothing to run."))
        )
    version = (
        version_for_device(mini_program, query.cleaned_data["device"], served)
        if mini_program
        else None
    )
    if version is None:
        # An unknown App ID and one never released answer alike: App IDs are not enumerable.
        return _cache_control(
            _error(404, "not_released", _("No release of this mini program is available."))
        )
    language = resolve_language(
        query.cleaned_data["lang"],
        version.snapshot_languages,
        default=version.snapshot_default_language,
    )
    etag = release_etag(version, language)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        content = json.dumps(release_body(version, language), ensure_ascii=False).encode()
        response = HttpResponse(content, content_type="application/json")
    response["ETag"] = etag
    return _cache_control(response)


@require_safe
def release_logo(request, app_id, filename):
    """The logo of a served version, as it was applied for release."""
    version = (
        Version.objects.filter(
            mini_program__app_id=app_id,
            mini_program__offline__isnull=True,
            status__in=Version.SERVED,
            snapshot_logo=f"snapshots/{filename}",
        )
        .only("snapshot_logo")
        .first()
    )
    if version is None:
        raise Http404
    try:
        logo = version.snapshot_logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(filename)
    response = FileResponse(logo, content_type=content_type or "application/octet-stream")
    # The name is generated per copy, so what it holds never changes.
    response["Cache-Control"] = "public, max-age=86400"
    return response
