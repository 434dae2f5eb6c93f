import functools
from types import SimpleNamespace

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_list import ResultList
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import display_for_field, display_for_value, quote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.bodylimit import accepts_body_up_to
from miniprograms import services, validators
from miniprograms.forms import description_field, name_field, tagline_field
from miniprograms.languages import CHINESE_SIMPLIFIED
from miniprograms.models import (
    Industry,
    Listing,
    MiniProgram,
    default_listing_column,
    has_every_required_field,
    join_default_listing,
)
from miniprograms.selectors import (
    check_deletable,
    validate_alipay_china_quota,
    validate_name_unique,
)


class ListingInline(admin.TabularInline):
    """Read-only: the default language's listing is edited with the mini program above, through
    the same services as the console; other languages on the mini program's console page."""

    model = Listing
    extra = 0
    fields = ["language", "name", "tagline", "description"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MiniProgramAdminForm(forms.ModelForm):
    """The console's create and edit form for staff: the same fields, the same rules (each
    calls the one function that holds it), and the save goes through the same services."""

    name = name_field()
    tagline = tagline_field()
    description = description_field()
    # A plain file field, so our checks run before Pillow opens anything. The widget draws a
    # fieldset whose legend does not name the input itself.
    logo = forms.FileField(
        label=_("Logo"), required=False, widget=AdminFileWidget(attrs={"aria-label": _("Logo")})
    )

    class Meta:
        model = MiniProgram
        fields = [
            "workspace",
            "release_to_alipay_china",
            "default_language",
            "industry",
            "customer_service_phone",
            "customer_service_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listing = self.instance.default_listing if self.instance.pk else None
        if listing is not None:
            for field in ("name", "tagline", "description"):
                self.initial[field] = getattr(listing, field)
        self.fields["logo"].required = not self.instance.logo
        self.fields["industry"].required = True
        self.fields["customer_service_phone"].required = True
        self.fields["customer_service_email"].required = True

    def stored(self) -> MiniProgram | None:
        """The mini program as saved; `instance` already holds the submitted values."""
        if self.instance.pk is None:
            return None
        return MiniProgram.objects.prefetch_related("listings").get(pk=self.instance.pk)

    def clean_name(self):
        name = validators.clean_name(self.cleaned_data["name"])
        validate_name_unique(name, exclude_mini_program=self.stored())
        return name

    def clean_tagline(self):
        return validators.clean_tagline(self.cleaned_data["tagline"])

    def clean_description(self):
        return validators.clean_description(self.cleaned_data["description"])

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        return validators.clean_logo(logo) if isinstance(logo, UploadedFile) else None

    def clean(self):
        cleaned = super().clean()
        workspace = cleaned.get("workspace") or getattr(self.instance, "workspace", None)
        if cleaned.get("release_to_alipay_china"):
            cleaned["default_language"] = CHINESE_SIMPLIFIED
            if workspace is not None:
                try:
                    validate_alipay_china_quota(workspace, mini_program=self.stored())
                except ValidationError as error:
                    self.add_error("release_to_alipay_china", error)
        return cleaned

    def service_fields(self) -> dict:
        cleaned = self.cleaned_data
        return {
            field: cleaned[field]
            for field in (
                "release_to_alipay_china",
                "default_language",
                "name",
                "tagline",
                "description",
                "logo",
                "industry",
                "customer_service_phone",
                "customer_service_email",
            )
        }


@functools.cache
def boolean_icon(value: bool) -> str:
    """Django's icon of a boolean column (admin_list._boolean_icon), whose static() look-up of
    the hashed file name cost more than the rest of the cell; the name is fixed per deploy."""
    name = "yes" if value else "no"
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), value)


class MiniProgramChangeList(ChangeList):
    """A page of mini programs, each row's name and completeness read in the page's own query:
    prefetching the listings made model instances of every listing on the page and searched
    them again for each column."""

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).prefetch_related(None)

    def get_results(self, request):
        super().get_results(request)
        # Joined to the page's rows alone: in the list's own queryset the join went into the
        # count too, a look-up for every mini program counted.
        self.result_list = join_default_listing(self.result_list).annotate(
            default_name=default_listing_column("name"),
            default_tagline=default_listing_column("tagline"),
            default_description=default_listing_column("description"),
        )

    @cached_property
    def url_for_result_pattern(self) -> str:
        """A row's change URL with `__pk__` for its primary key."""
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=["__pk__"],
            current_app=self.model_admin.admin_site.name,
        )

    def url_for_result(self, result) -> str:
        # One reverse() a page, not one a row.
        return self.url_for_result_pattern.replace("__pk__", quote(str(result.pk)), 1)


@admin.register(MiniProgram)
class MiniProgramAdmin(admin.ModelAdmin):
    form = MiniProgramAdminForm
    inlines = [ListingInline]
    # The first column is the row's header cell, so it is the name rather than the logo.
    list_display = [
        "display_name",
        "logo_thumbnail",
        "app_id",
        "workspace",
        # Methods rather than the fields themselves, drawn without Django's per-cell look-ups
        # (see the methods); each sorts by its field.
        "alipay_china",
        "language",
        "complete",
        "created_at",
    ]
    list_display_links = ["display_name"]
    list_filter = ["release_to_alipay_china", "default_language", "industry", "created_at"]
    search_fields = [
        "app_id",
        "listings__name",
        "workspace__name",
        "creator__email",
        "customer_service_email",
    ]
    # The industry is a filter, not a column: its row is not read.
    list_select_related = ["workspace"]
    autocomplete_fields = ["workspace", "industry"]
    readonly_fields = ["app_id", "creator", "created_at", "updated_at"]
    # Each row is read and drawn on every view, so a page holds 25 rather than Django's 100; the
    # date hierarchy (a DISTINCT over every row's day) and the filtered page's second COUNT are
    # left out for the same reason: the "created" filter still narrows by date.
    list_per_page = 25
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("listings")

    # The two pages whose form takes a logo; the admin copies these marks onto its URL's view.
    @accepts_body_up_to("LOGO_MAX_BYTES")
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    @accepts_body_up_to("LOGO_MAX_BYTES")
    def change_view(self, request, object_id, form_url="", extra_context=None):
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return MiniProgramChangeList

    # The cells draw_rows writes: the checkbox, then list_display's.
    CHECKBOX = (
        '<td class="action-checkbox"><input type="checkbox" name="{}" value="{}"'
        ' class="action-select" aria-label="{}"></td>'
    )
    ROW = (
        '<th class="field-display_name"><a href="{}">{}</a></th>'
        '<td class="field-logo_thumbnail">{}</td>'
        '<td class="field-app_id">{}</td>'
        '<td class="field-workspace nowrap">{}</td>'
        '<td class="field-alipay_china">{}</td>'
        '<td class="field-language">{}</td>'
        '<td class="field-complete">{}</td>'
        '<td class="field-created_at nowrap">{}</td>'
    )

    def draw_rows(self, cl) -> list | None:
        """The changelist's rows as Django's admin_list.results() draws them, cell for cell
        (tests/miniprograms/test_admin.py compares the two), for the mini_program_result_list
        tag. Django looks up each cell's column, link, classes and the row's change URL again
        for every row, which cost about as much as the rest of the page; here they are worked
        out once a page. None, for Django's own rows, when the page is not the plain list
        these cells are written for (a popup, an editable list, other columns)."""
        columns = [name for name in cl.list_display if name != "action_checkbox"]
        if (
            cl.formset
            or cl.is_popup
            or columns != self.list_display
            or list(cl.list_display_links) != ["display_name"]
        ):
            return None
        checkbox = "action_checkbox" in cl.list_display
        # What the checkbox's label says, translated once a page, not once a row.
        select = str(_("Select this object for an action - {}"))
        empty = self.get_empty_value_display()
        app_id = MiniProgram._meta.get_field("app_id")
        created_at = MiniProgram._meta.get_field("created_at")
        change_url = add_preserved_filters(
            {"preserved_filters": cl.preserved_filters, "opts": cl.opts}, cl.url_for_result_pattern
        )
        rows = []
        for mini_program in cl.result_list:
            cells = format_html(
                self.ROW,
                change_url.replace("__pk__", quote(str(mini_program.pk)), 1),
                display_for_value(self.display_name(mini_program), empty),
                display_for_value(self.logo_thumbnail(mini_program), empty),
                display_for_field(mini_program.app_id, app_id, empty),
                mini_program.workspace,
                display_for_value(self.alipay_china(mini_program), empty),
                display_for_value(self.language(mini_program), empty),
                display_for_value(self.complete(mini_program), empty),
                display_for_field(mini_program.created_at, created_at, empty),
            )
            if checkbox:
                cells = format_html(
                    self.CHECKBOX + "{}",
                    helpers.ACTION_CHECKBOX_NAME,
                    mini_program.pk,
                    format_html(select, self._name(mini_program)),
                    cells,
                )
            # One item a row: the template joins a row's items with nothing between them.
            rows.append(ResultList(None, [cells]))
        return rows

    # A page's rows cost more to draw than to read: the columns below write their HTML directly
    # rather than through a form widget or a static() look-up per cell.

    def action_checkbox(self, mini_program):
        # Django's draws the same input through the form renderer, a template per row.
        return format_html(
            self.CHECKBOX.removeprefix('<td class="action-checkbox">').removesuffix("</td>"),
            helpers.ACTION_CHECKBOX_NAME,
            mini_program.pk,
            format_html(_("Select this object for an action - {}"), self._name(mini_program)),
        )

    @staticmethod
    def _name(mini_program) -> str:
        """str() of the mini program, from the name MiniProgramChangeList reads."""
        name = getattr(mini_program, "default_name", None)
        if name is None:
            return str(mini_program)
        return name or mini_program.app_id

    @admin.display(description=_("Logo"))
    def logo_thumbnail(self, mini_program):
        if not mini_program.logo:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="32" height="32" class="logo-thumb">',
            mini_program.logo_url,
        )

    @admin.display(description=_("Mini Program Name"))
    def display_name(self, mini_program):
        name = getattr(mini_program, "default_name", None)
        if name is None:
            name = mini_program.name
        return name or "—"

    @admin.display(
        description=MiniProgram._meta.get_field("release_to_alipay_china").verbose_name,
        ordering="release_to_alipay_china",
    )
    def alipay_china(self, mini_program):
        return boolean_icon(mini_program.release_to_alipay_china)

    @admin.display(
        description=MiniProgram._meta.get_field("default_language").verbose_name,
        ordering="default_language",
    )
    def language(self, mini_program):
        # Django's look-up builds a dict of every language for each cell, and compares the lazy
        # name with each empty value, translating it each time: here it is translated once.
        return str(mini_program.get_default_language_display())

    @admin.display(description=_("complete"))
    def complete(self, mini_program):
        if not hasattr(mini_program, "default_description"):
            return boolean_icon(mini_program.is_complete)
        # The default listing's columns, as MiniProgramChangeList reads them.
        listing = SimpleNamespace(
            name=mini_program.default_name,
            tagline=mini_program.default_tagline,
            description=mini_program.default_description,
        )
        return boolean_icon(has_every_required_field(mini_program, listing))

    # Staff write through the console's services: the same locks, rules and activity rows.

    def get_readonly_fields(self, request, obj=None):
        # A mini program never moves to another workspace.
        return [*self.readonly_fields, "workspace"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            services.mini_program_update(
                mini_program=form.stored(), actor=request.user, **form.service_fields()
            )
        else:
            created = services.mini_program_create(
                workspace=form.cleaned_data["workspace"],
                creator=request.user,
                **form.service_fields(),
            )
            obj.pk, obj.app_id = created.pk, created.app_id

    def save_related(self, request, form, formsets, change):
        # The services wrote the listing. The read-only inline saves nothing; the admin's change
        # message still reads what each formset would have saved.
        for formset in formsets:
            formset.save(commit=False)

    def has_delete_permission(self, request, obj=None):
        # The console's rules on deleting (MINI_PROGRAM_DELETE_CHECKS) hold here too: the admin
        # offers no Delete for a mini program they keep.
        if obj is not None:
            try:
                check_deletable(obj)
            except ValidationError:
                return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        # The admin's own confirmation page, naming the mini program, stands for the App ID the
        # console asks to be typed out.
        services.mini_program_delete(mini_program=obj, actor=request.user, typed_app_id=obj.app_id)

    def delete_queryset(self, request, queryset):
        for mini_program in queryset.select_related("workspace"):
            services.mini_program_delete(
                mini_program=mini_program, actor=request.user, typed_app_id=mini_program.app_id
            )


class IndustryChangelistForm(forms.ModelForm):
    """A row of the industry list, whose Offered checkbox says which industry it offers (the
    column header alone does not name a checkbox)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_active"].widget.attrs["aria-label"] = _("Offer %(industry)s") % {
            "industry": self.instance
        }


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "code", "is_active", "mini_program_count"]
    list_editable = ["is_active"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=IndustryChangelistForm, **kwargs)

    list_filter = ["is_active"]
    # The count's GROUP BY drops Meta.ordering, which pages of the autocomplete need.
    ordering = ["name_en"]
    # Also what the mini program form's industry autocomplete searches.
    search_fields = ["code", "name_en", "name_zh", "keywords"]
    prepopulated_fields = {"code": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mini_program_total=Count("mini_programs"))

    @admin.display(description=_("mini programs"), ordering="mini_program_total")
    def mini_program_count(self, industry):
        return industry.mini_program_total
