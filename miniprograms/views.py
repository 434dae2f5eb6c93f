import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import member_required
from accounts.models import Membership
from accounts.selectors import content_fragment_key
from core.activity_text import describe_events
from core.bodylimit import accepts_body_up_to
from core.pagination import LookAheadPaginator
from miniprograms import services
from miniprograms.forms import (
    DevicePreviewForm,
    ListingForm,
    MiniProgramDeleteForm,
    MiniProgramForm,
    MiniProgramListForm,
    SearchForm,
)
from miniprograms.languages import LANGUAGE_CHOICES, resolve_for_header, resolve_language
from miniprograms.models import Listing, MiniProgram
from miniprograms.selectors import (
    ListRow,
    assigned_developers,
    check_deletable,
    developers_left_without_assignment,
    mini_program_activity,
    mini_program_choices,
    mini_program_for,
    mini_program_list,
    mini_program_list_version,
    visible_mini_programs,
)


@member_required
def mini_program_list_view(request):
    form = MiniProgramListForm(request.GET or None)
    choices = form.choices()
    page_number = LookAheadPaginator.page_asked_for(request.GET.get("page"))

    def page():
        mini_programs = mini_program_list(
            request.membership,
            search=choices["q"],
            sort=choices["sort"],
            status=choices["status"],
            release_to=choices["release_to"],
        )
        paginator = LookAheadPaginator(mini_programs, settings.MINI_PROGRAMS_PAGE_SIZE)
        page = paginator.get_page(page_number)
        page.object_list = ListRow.page_of(page.object_list)
        return page

    return render(
        request,
        "miniprograms/list.html",
        {
            "form": form,
            "filtered": bool(choices["q"] or choices["status"] or choices["release_to"]),
            "query": form.query_string(),
            "page_number": page_number,
            # Built only when the table is not in the fragment cache, so a cached page costs no
            # query of its own, not even the search's look-up in its indexes.
            "page": SimpleLazyObject(page),
            "list_version": mini_program_list_version(request.membership),
        },
    )


@accepts_body_up_to("LOGO_MAX_BYTES")
@member_required(permission="may_manage_mini_programs")
def mini_program_create(request):
    workspace = request.membership.workspace
    if request.method != "POST":
        form = SimpleLazyObject(lambda: MiniProgramForm(workspace=workspace))
        return _form_page(request, form, mini_program=None)
    form = MiniProgramForm(request.POST, request.FILES, workspace=workspace)
    if form.is_valid():
        try:
            mini_program = services.mini_program_create(
                workspace=workspace, creator=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.discard_kept_logo()
            messages.success(request, _("Mini program created."))
            return redirect("miniprograms:detail", app_id=mini_program.app_id)
    form.keep_logo()
    return _form_page(request, form, mini_program=None)


def _form_page(request, form, *, mini_program):
    """The create or edit page. The empty form of a GET is cached under the content version,
    which moves with anything it offers or holds, so the views hand it over lazily: a cached
    page never builds it. One sent back with its errors is drawn anew."""
    content_key = None
    if request.method != "POST":
        content_key = content_fragment_key(
            request, getattr(mini_program, "pk", "new"), forms=True, page=mini_program
        )
    return render(
        request,
        "miniprograms/form.html",
        {"form": form, "mini_program": mini_program, "content_key": content_key},
    )


def mini_program_sections():
    """The callables of the MINI_PROGRAM_SECTIONS setting: each takes the request and the mini
    program and returns a section of its page. Upper layers (versions) hook in here without this
    layer importing them."""
    return [import_string(path) for path in settings.MINI_PROGRAM_SECTIONS]


@member_required
def mini_program_detail(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    preview_form = DevicePreviewForm(request.GET or None)
    preview = None
    if preview_form.is_valid() and preview_form.cleaned_data["device"]:
        device = preview_form.cleaned_data["device"]
        language = resolve_language(
            device, mini_program.languages, default=mini_program.default_language
        )
        preview = {"device": device, "listing": _listing_in(mini_program, language)}
    # Lazy: the page is cached under `content_key`, and what it already holds is not read again.
    return render(
        request,
        "miniprograms/detail.html",
        {
            "mini_program": mini_program,
            "content_key": content_fragment_key(
                request, mini_program.pk, forms=True, page=mini_program
            ),
            "developers": SimpleLazyObject(lambda: list(assigned_developers(mini_program))),
            "events": SimpleLazyObject(lambda: describe_events(mini_program_activity(mini_program)))
            if request.membership.may_see_activity()
            else None,
            "sections": SimpleLazyObject(
                lambda: [section(request, mini_program) for section in mini_program_sections()]
            ),
            "preview_form": preview_form,
            "preview": preview,
            "language_tags": [code for code, _label in LANGUAGE_CHOICES],
        },
    )


@accepts_body_up_to("LOGO_MAX_BYTES")
@member_required(permission="may_manage_mini_programs")
def mini_program_edit(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    workspace = mini_program.workspace
    if request.method != "POST":
        form = SimpleLazyObject(lambda: MiniProgramForm(workspace=workspace, instance=mini_program))
        return _form_page(request, form, mini_program=mini_program)
    form = MiniProgramForm(request.POST, request.FILES, workspace=workspace, instance=mini_program)
    if form.is_valid():
        try:
            services.mini_program_update(
                mini_program=mini_program, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form.discard_kept_logo()
            messages.success(request, _("Mini program saved."))
            return redirect("miniprograms:detail", app_id=mini_program.app_id)
    form.keep_logo()
    return _form_page(request, form, mini_program=mini_program)


@member_required(permission="may_manage_mini_programs")
def mini_program_delete(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    form = MiniProgramDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        name = str(mini_program)
        try:
            services.mini_program_delete(
                mini_program=mini_program,
                actor=request.user,
                typed_app_id=form.cleaned_data["app_id"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mini program “%(name)s” deleted.") % {"name": name})
            return redirect("miniprograms:list")
    try:
        needs_app_id, refusal = check_deletable(mini_program), None
    except ValidationError as error:
        needs_app_id, refusal = False, " ".join(error.messages)
    return render(
        request,
        "miniprograms/delete.html",
        {
            "mini_program": mini_program,
            "form": form,
            "needs_app_id": needs_app_id,
            "refusal": refusal,
            "stranded": developers_left_without_assignment(mini_program),
        },
    )


def _listing_in(mini_program: MiniProgram, language: str) -> Listing:
    listing = next(
        (item for item in mini_program.listings.all() if item.language == language), None
    )
    if listing is None:
        raise Http404
    return listing


def _listing_for(request, app_id, language) -> tuple[MiniProgram, Listing]:
    mini_program = mini_program_for(request.membership, app_id)
    return mini_program, _listing_in(mini_program, language)


@member_required(permission="may_manage_mini_programs")
def language_add(request, app_id):
    mini_program = mini_program_for(request.membership, app_id)
    form = ListingForm(
        request.POST if request.method == "POST" else None, mini_program=mini_program
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.language_add(
                mini_program=mini_program, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Language added."))
            return redirect(reverse("miniprograms:detail", args=[app_id]) + "#languages")
    return render(
        request,
        "miniprograms/language_form.html",
        {"form": form, "mini_program": mini_program, "listing": None},
    )


@member_required(permission="may_manage_mini_programs")
def language_edit(request, app_id, language):
    mini_program, listing = _listing_for(request, app_id, language)
    form = ListingForm(
        request.POST if request.method == "POST" else None,
        mini_program=mini_program,
        instance=listing,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.language_update(listing=listing, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Language saved."))
            return redirect(reverse("miniprograms:detail", args=[app_id]) + "#languages")
    return render(
        request,
        "miniprograms/language_form.html",
        {"form": form, "mini_program": mini_program, "listing": listing},
    )


@member_required(permission="may_manage_mini_programs")
def language_delete(request, app_id, language):
    mini_program, listing = _listing_for(request, app_id, language)
    if request.method == "POST":
        try:
            services.language_delete(listing=listing, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Language deleted."))
        return redirect(reverse("miniprograms:detail", args=[app_id]) + "#languages")
    return render(
        request,
        "miniprograms/language_delete.html",
        {"mini_program": mini_program, "listing": listing},
    )


@member_required(permission="may_manage_mini_programs")
@require_POST
def language_make_default(request, app_id, language):
    _mini_program, listing = _listing_for(request, app_id, language)
    try:
        services.language_make_default(listing=listing, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(language)s is now the default language.")
            % {"language": listing.get_language_display()},
        )
    return redirect(reverse("miniprograms:detail", args=[app_id]) + "#languages")


def _viewable_by(user, app_id) -> MiniProgram:
    """The mini program if `user` may see it in any of their workspaces (or is staff), else 404.

    Logos and the JSON listing are fetched outside the workspace on screen, so they check every
    active membership rather than the session's one.
    """
    if not user.is_authenticated:
        raise Http404
    mini_program = get_object_or_404(
        MiniProgram.objects.select_related("industry").prefetch_related("listings"),
        app_id=app_id,
    )
    if user.is_staff:
        return mini_program
    membership = Membership.objects.filter(
        user=user, workspace_id=mini_program.workspace_id, status=Membership.Status.ACTIVE
    ).first()
    if (
        membership is None
        or not visible_mini_programs(membership).filter(pk=mini_program.pk).exists()
    ):
        raise Http404
    return mini_program


@require_GET
def mini_program_logo(request, app_id, filename):
    mini_program = _viewable_by(request.user, app_id)
    if not mini_program.logo or mini_program.logo_filename != filename:
        raise Http404
    try:
        logo = mini_program.logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(mini_program.logo.name)
    response = FileResponse(logo, content_type=content_type or "application/octet-stream")
    # The URL carries the generated file name, which changes with every new logo.
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@require_GET
def mini_program_listing_json(request, app_id):
    """The listing a device would show: `?lang=` wins over the Accept-Language header."""
    mini_program = _viewable_by(request.user, app_id)
    available = mini_program.languages
    requested = request.GET.get("lang", "").strip()
    if requested:
        language = resolve_language(requested, available, default=mini_program.default_language)
    else:
        requested = request.headers.get("Accept-Language", "")
        language = resolve_for_header(requested, available, default=mini_program.default_language)
    listing = _listing_in(mini_program, language)
    industry = mini_program.industry
    response = JsonResponse(
        {
            "app_id": mini_program.app_id,
            "requested": requested,
            "language": listing.language,
            "default_language": mini_program.default_language,
            "languages": available,
            "name": listing.name,
            "tagline": listing.tagline,
            "description": listing.description,
            "logo_url": mini_program.logo_url or None,
            "industry": {
                "code": industry.code,
                "name_en": industry.name_en,
                "name_zh": industry.name_zh,
            }
            if industry
            else None,
            "customer_service": {
                "phone": mini_program.customer_service_phone,
                "email": mini_program.customer_service_email,
            },
            "release_to_alipay_china": mini_program.release_to_alipay_china,
            "is_complete": mini_program.is_complete,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Vary"] = "Accept-Language, Cookie"
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
@member_required(permission="may_manage_mini_programs")
def mini_program_choices_json(request):
    """Mini programs matching `?q=`, for the search console.js adds to the invite and member forms
    of a workspace with too many mini programs for checkboxes."""
    form = SearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    choices = mini_program_choices(request.membership.workspace, search=search) if search else []
    return JsonResponse(
        {
            "results": [
                {"app_id": choice.app_id, "name": choice.default_name or ""} for choice in choices
            ]
        }
    )
