"""The HTTP API under /api/v1/ (docs/api.md): what a CI job does with an API token.

Every call is authenticated by a bearer token, never by the session (so no CSRF token is asked
for, and a signed-in browser gets nothing from it), counted against the token's rate limit, and
acts as the member who made the token: the same services and permission checks as the console's
buttons, narrowed to the mini programs the token reaches and, for a change, to a read-and-write
token. A mini program the token does not reach answers like one that does not exist. Bodies are
read by the console's own forms, so a refusal names the field with the code and the message the
form would show, in the member's language (or the one the request asks for).
"""

import json
from collections.abc import Callable
from urllib.parse import urlencode

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Status, Swagger
from ninja.responses import codes_4xx
from ninja.security import HttpBearer

from automation import schemas
from automation.forms import API_PAGE_SIZE, API_PAGE_SIZE_MAX, MiniProgramPageForm
from automation.models import ApiToken, secret_hash
from automation.selectors import token_for_secret
from automation.services import api_token_record_use
from core.activity import acting_through_api_token, client_ip
from core.ratelimit import RateLimit, RateLimited
from miniprograms.models import APP_ID_PATTERN, MiniProgram
from releases import services
from releases.errors import ReleaseError
from releases.forms import ApplyForReleaseForm, PercentageForm, VersionUploadForm
from releases.models import Version
from releases.rules import VERSION_NUMBER
from releases.selectors import mini_program_versions, with_live_version

API_PER_TOKEN = RateLimit("RATE_LIMIT_API_PER_TOKEN")


class ApiError(Exception):
    """A refusal: `{"error": code, "message": …, "field": …}` with its HTTP status."""

    def __init__(self, status: int, code: str, message: str, *, field=None, errors=None):
        super().__init__(code)
        self.status = status
        self.body = {"error": code, "message": str(message), "field": field}
        if errors:
            self.body["errors"] = errors
        self.headers: dict[str, str] = {}


def _field_errors(error_dict: dict[str, list[ValidationError]]) -> list[dict]:
    return [
        {
            "error": error.code or "invalid",
            "message": message,
            "field": None if field == NON_FIELD_ERRORS else field,
        }
        for field, errors in error_dict.items()
        for error in errors
        for message in error.messages
    ]


def _refused(error: ValidationError) -> ApiError:
    """What was sent breaks a rule of a field (400, the first field leads and `errors` lists
    every one when there are several), or the mini program's state refuses the change (409, such
    as `wrong_status`)."""
    if not hasattr(error, "error_dict"):
        return ApiError(409, error.code, " ".join(error.messages))
    errors = _field_errors(error.error_dict)
    lead = errors[0]
    return ApiError(
        400,
        lead["error"],
        lead["message"],
        field=lead["field"],
        errors=errors if len(errors) > 1 else None,
    )


# --- the token --------------------------------------------------------------------------------


def _unusable(secret: str) -> ApiError:
    """Why a secret opens nothing. Only its holder can ask, so saying a token expired or was
    revoked tells nobody else anything."""
    token = ApiToken.objects.filter(secret_hash=secret_hash(secret)).first()
    if token is not None and token.is_revoked:
        return ApiError(
            401, "revoked_token", _("This API token was revoked. Make a new one to go on.")
        )
    if token is not None and token.is_expired():
        return ApiError(
            401, "expired_token", _("This API token has expired. Make a new one to go on.")
        )
    return ApiError(401, "invalid_token", _("This API token is not valid."))


def _speak_language_of(request, token: ApiToken) -> None:
    """The member's language, unless the request asks for one."""
    if "HTTP_ACCEPT_LANGUAGE" not in request.META and token.user.language:
        translation.activate(token.user.language)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mpc_…`; a refusal says which of missing, invalid, expired and
    revoked it was."""

    def __call__(self, request):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if not scheme:
            raise ApiError(
                401,
                "missing_token",
                _("Send an API token in the header Authorization: Bearer <token>."),
            )
        if scheme.lower() != self.openapi_scheme or not secret.strip():
            raise ApiError(401, "invalid_token", _("This API token is not valid."))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token: str) -> ApiToken:
        found = token_for_secret(token)
        if found is None:
            raise _unusable(token)
        _speak_language_of(request, found)
        try:
            API_PER_TOKEN.hit(str(found.pk))
        except RateLimited as error:
            refusal = ApiError(
                429,
                "rate_limited",
                _("Too many requests with this API token. Try again in %(seconds)d seconds.")
                % {"seconds": error.retry_after},
            )
            refusal.headers["Retry-After"] = str(error.retry_after)
            raise refusal from None
        api_token_record_use(token=found, ip_address=client_ip(request))
        return found


api = NinjaAPI(
    title="Mini Program Console API",
    version="1",
    description="Upload versions and release them from CI. See docs/api.md.",
    urls_namespace="automation_api",
    auth=TokenAuth(),
    # The validator would have every reader's browser send the document to swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(ApiError)
def _answer(request, error: ApiError):
    response = JsonResponse(
        error.body, status=error.status, json_dumps_params={"ensure_ascii": False}
    )
    for header, value in error.headers.items():
        response[header] = value
    return response


def body_too_large(request, limit: int, allowance: int):
    """core.bodylimit's refusal of an oversized body, before any of it is read."""
    return _answer(
        request,
        ApiError(
            413,
            "body_too_large",
            _("The request body may be at most %(limit)s; nothing was read or saved.")
            % {"limit": filesizeformat(limit)},
        ),
    )


@api.exception_handler(Http404)
def _not_found(request, error):
    return _answer(request, ApiError(404, "not_found", _("There is nothing at this address.")))


# --- what a token reaches ---------------------------------------------------------------------


def _reachable(token: ApiToken):
    return with_live_version(token.reachable_mini_programs()).prefetch_related("listings")


def _mini_program(token: ApiToken, app_id: str) -> MiniProgram:
    """404 alike for a mini program that does not exist and one the token does not reach, so a
    token cannot tell another workspace's App IDs from made-up ones."""
    mini_program = _reachable(token).select_related("workspace").filter(app_id=app_id).first()
    if mini_program is None:
        raise ApiError(
            404,
            "mini_program_not_found",
            _("No mini program with App ID %(app_id)s is reachable with this API token.")
            % {"app_id": app_id},
        )
    return mini_program


def _version(token: ApiToken, app_id: str, number: str) -> Version:
    mini_program = _mini_program(token, app_id)
    match = VERSION_NUMBER.match(number)
    version = (
        mini_program.versions.filter(major=match[1], minor=match[2], patch=match[3]).first()
        if match
        else None
    )
    if version is None:
        raise ApiError(
            404,
            "version_not_found",
            _("Mini program %(app_id)s has no version %(number)s.")
            % {"app_id": app_id, "number": number},
        )
    version.mini_program = mini_program
    return version


def _summary(mini_program: MiniProgram) -> dict:
    return {
        "app_id": mini_program.app_id,
        "name": mini_program.name,
        "default_language": mini_program.default_language,
        "offline": mini_program.is_offline,
        "live_version": mini_program.live_version,
    }


# --- reading and changing ---------------------------------------------------------------------


def _fields(form_class, data, files=None) -> dict:
    form = form_class(data, files)
    if not form.is_valid():
        raise _refused(ValidationError(form.errors.as_data()))
    return form.cleaned_data


def _body(request) -> dict:
    """A JSON object, or form fields (`curl -F` / `-d`); an empty body is no fields."""
    if request.content_type != "application/json":
        return request.POST
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", _("The request body must be a JSON object."))
    return data


def _change(request, service: Callable, **arguments):
    """One service, as the token's member, with the token's name on the activity row."""
    token: ApiToken = request.auth
    if not token.may_write:
        raise ApiError(
            403,
            "read_only_token",
            _("This API token may only read. Changes need a token with read and write access."),
        )
    try:
        with acting_through_api_token(token.name):
            return service(actor=token.user, **arguments)
    except PermissionDenied:
        raise ApiError(
            403, "forbidden", _("The member who made this API token may not do this.")
        ) from None
    except ReleaseError as error:
        raise _refused(error) from None


REFUSALS = {codes_4xx: schemas.ErrorList}


PAGE_PARAMETERS = {
    "parameters": [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": f"How many on a page, at most {API_PAGE_SIZE_MAX}",
            "schema": {"type": "integer", "default": API_PAGE_SIZE},
        },
        {
            "name": "after",
            "in": "query",
            "required": False,
            "description": "The App ID the page starts after: the last of the page before",
            "schema": {"type": "string", "pattern": f"^{APP_ID_PATTERN}$"},
        },
    ]
}


@api.get(
    "/mini-programs",
    response={200: schemas.MiniProgramPageOut, **REFUSALS},
    url_name="mini_program_list",
    summary="The mini programs this token reaches, a page at a time in App ID order",
    openapi_extra=PAGE_PARAMETERS,
)
def mini_program_list(request):
    page = _fields(MiniProgramPageForm, request.GET)
    limit = page["limit"]
    mini_programs = _reachable(request.auth).order_by("app_id")
    if page["after"]:
        mini_programs = mini_programs.filter(app_id__gt=page["after"])
    # One more than the page, to know whether another follows without counting them all.
    found = list(mini_programs[: limit + 1])
    items = found[:limit]
    more = len(found) > limit
    return {
        "items": [_summary(mini_program) for mini_program in items],
        "next": request.build_absolute_uri(
            f"{request.path}?{urlencode({'limit': limit, 'after': items[-1].app_id})}"
        )
        if more
        else None,
    }


@api.get(
    "/mini-programs/{app_id}",
    response={200: schemas.MiniProgramDetailOut, **REFUSALS},
    url_name="mini_program_detail",
    summary="One mini program with its languages and versions, newest first",
)
def mini_program_detail(request, app_id: str):
    mini_program = _mini_program(request.auth, app_id)
    return {
        **_summary(mini_program),
        "languages": [
            {
                "language": listing.language,
                "name": listing.name,
                "tagline": listing.tagline,
                "description": listing.description,
            }
            for listing in mini_program.listings.all()
        ],
        "versions": list(mini_program_versions(mini_program)),
    }


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["number", "description", "package"],
                    "properties": {
                        "number": {"type": "string", "example": "1.2.0"},
                        "description": {"type": "string", "minLength": 10, "maxLength": 500},
                        "package": {"type": "string", "format": "binary"},
                    },
                }
            }
        },
    }
}


def _json_body(schema) -> dict:
    return {
        "requestBody": {
            "required": False,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


@api.post(
    "/mini-programs/{app_id}/versions",
    response={201: schemas.VersionOut, **REFUSALS},
    url_name="version_upload",
    summary="Upload Version: multipart fields number, description and package (a .zip)",
    openapi_extra=UPLOAD_BODY,
)
def version_upload(request, app_id: str):
    mini_program = _mini_program(request.auth, app_id)
    fields = _fields(VersionUploadForm, request.POST, request.FILES)
    return Status(
        201, _change(request, services.version_upload, mini_program=mini_program, **fields)
    )


@api.post(
    "/mini-programs/{app_id}/versions/{number}/apply",
    response={200: schemas.VersionOut, **REFUSALS},
    url_name="version_apply",
    summary="Apply for release, naming testers or none",
    openapi_extra=_json_body(schemas.ApplyIn),
)
def version_apply(request, app_id: str, number: str):
    version = _version(request.auth, app_id, number)
    data = dict(_body(request).items())
    if isinstance(data.get("testers"), list):
        data["testers"] = "\n".join(str(email) for email in data["testers"])
    fields = _fields(ApplyForReleaseForm, data)
    return _change(request, services.version_apply_for_release, version=version, **fields)


@api.post(
    "/mini-programs/{app_id}/versions/{number}/go-live",
    response={200: schemas.VersionOut, **REFUSALS},
    url_name="version_go_live",
    summary="Go live; with a percentage, a grayscale release to that share of devices",
    openapi_extra=_json_body(schemas.GoLiveIn),
)
def version_go_live(request, app_id: str, number: str):
    version = _version(request.auth, app_id, number)
    data = _body(request)
    if data.get("percentage") in (None, ""):
        return _change(request, services.version_go_live, version=version)
    fields = _fields(PercentageForm, data)
    return _change(request, services.version_grayscale, version=version, **fields)


@api.post(
    "/mini-programs/{app_id}/versions/{number}/scale-up",
    response={200: schemas.VersionOut, **REFUSALS},
    url_name="version_scale_up",
    summary="Scale up a grayscale release to a larger share",
    openapi_extra=_json_body(schemas.PercentageIn),
)
def version_scale_up(request, app_id: str, number: str):
    version = _version(request.auth, app_id, number)
    fields = _fields(PercentageForm, _body(request))
    return _change(request, services.version_scale_up, version=version, **fields)


def _button(key: str, service: Callable, summary: str) -> None:
    """An endpoint of a button without fields."""

    def endpoint(request, app_id: str, number: str):
        return _change(request, service, version=_version(request.auth, app_id, number))

    endpoint.__name__ = f"version_{key.replace('-', '_')}"
    api.post(
        f"/mini-programs/{{app_id}}/versions/{{number}}/{key}",
        response={200: schemas.VersionOut, **REFUSALS},
        url_name=endpoint.__name__,
        summary=summary,
    )(endpoint)


_button("withdraw", services.version_withdraw, "Withdraw from review")
_button("complete", services.version_complete_pilot, "Complete pilot testing")
_button("full-release", services.version_full_release, "Full release of a grayscale version")
_button("roll-back", services.version_roll_back, "Roll back to this archived version")
_button("cancel", services.version_cancel, "Cancel the release of this version")
