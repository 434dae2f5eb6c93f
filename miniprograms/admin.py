from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.activity import record_activity
from core.models import ActivityEvent
from miniprograms import validators
from miniprograms.forms import alipay_china_quota_message
from miniprograms.models import Industry, Listing, MiniProgram
from miniprograms.selectors import alipay_china_release_count


class ListingAdminForm(forms.ModelForm):
    """The listing rules of the console forms, also for staff (the model's field validators check
    lengths; the platform-wide name needs the mini program)."""

    class Meta:
        model = Listing
        fields = ["language", "name", "tagline", "description"]

    def clean_name(self):
        name = validators.clean_name(self.cleaned_data["name"])
        mini_program = self.instance.mini_program if self.instance.mini_program_id else None
        validators.validate_name_unique(name, exclude_mini_program=mini_program)
        return name


class ListingInline(admin.StackedInline):
    model = Listing
    form = ListingAdminForm
    extra = 0
    min_num = 1


class MiniProgramAdminForm(forms.ModelForm):
    # A plain file field, so our checks run before Pillow opens anything.
    logo = forms.FileField(label=_("Logo"), required=False, widget=AdminFileWidget)

    class Meta:
        model = MiniProgram
        fields = [
            "workspace",
            "release_to_alipay_china",
            "default_language",
            "industry",
            "logo",
            "customer_service_phone",
            "customer_service_email",
            "creator",
            "developers",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # A fresh upload is checked and re-encoded like in the console; the stored file is kept.
        if isinstance(logo, UploadedFile):
            return validators.clean_logo(logo)
        return logo

    def clean(self):
        cleaned = super().clean()
        workspace = cleaned.get("workspace")
        was_released = (
            self.instance.pk is not None
            and MiniProgram.objects.filter(
                pk=self.instance.pk, release_to_alipay_china=True
            ).exists()
        )
        if cleaned.get("release_to_alipay_china") and workspace and not was_released:
            quota = settings.ALIPAY_CHINA_QUOTA
            if alipay_china_release_count(workspace, exclude=self.instance) >= quota:
                self.add_error("release_to_alipay_china", alipay_china_quota_message(quota))
        return cleaned


@admin.register(MiniProgram)
class MiniProgramAdmin(admin.ModelAdmin):
    form = MiniProgramAdminForm
    inlines = [ListingInline]
    list_display = [
        "logo_thumbnail",
        "display_name",
        "app_id",
        "workspace",
        "release_to_alipay_china",
        "default_language",
        "complete",
        "created_at",
    ]
    list_display_links = ["logo_thumbnail", "display_name"]
    list_filter = ["release_to_alipay_china", "default_language", "industry", "created_at"]
    search_fields = [
        "app_id",
        "listings__name",
        "workspace__name",
        "creator__email",
        "customer_service_email",
    ]
    list_select_related = ["workspace", "industry"]
    autocomplete_fields = ["workspace", "creator", "industry"]
    filter_horizontal = ["developers"]
    readonly_fields = ["app_id", "created_at", "updated_at"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("listings")

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
        return mini_program.name or "—"

    @admin.display(description=_("complete"), boolean=True)
    def complete(self, mini_program):
        return mini_program.is_complete

    # Staff changes are logged like the console's, in the admin's own transaction.

    def save_model(self, request, obj, form, change):
        old_logo = ""
        if change:
            current = MiniProgram.objects.prefetch_related("listings").get(pk=obj.pk)
            request._mini_program_before = current.snapshot()
            if current.logo and current.logo.name != obj.logo.name:
                old_logo = current.logo.name
        super().save_model(request, obj, form, change)
        if old_logo:
            storage = obj.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        mini_program = MiniProgram.objects.prefetch_related("listings").get(pk=form.instance.pk)
        before = getattr(request, "_mini_program_before", None)
        after = mini_program.snapshot()
        if change and before == after:
            return
        record_activity(
            workspace=mini_program.workspace,
            actor=request.user,
            action=ActivityEvent.Action.MINI_PROGRAM_UPDATED
            if change
            else ActivityEvent.Action.MINI_PROGRAM_CREATED,
            target=mini_program,
            before=before,
            after=after,
        )

    def delete_model(self, request, obj):
        self.delete_queryset(request, MiniProgram.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        for mini_program in queryset.prefetch_related("listings").select_related("workspace"):
            record_activity(
                workspace=mini_program.workspace,
                actor=request.user,
                action=ActivityEvent.Action.MINI_PROGRAM_DELETED,
                target=mini_program,
                before={**mini_program.snapshot(), "app_id": mini_program.app_id},
            )
            if mini_program.logo:
                storage, name = mini_program.logo.storage, mini_program.logo.name
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        queryset.delete()


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "code", "is_active", "mini_program_count"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name_en", "name_zh"]
    prepopulated_fields = {"code": ["name_en"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mini_program_total=Count("mini_programs"))

    @admin.display(description=_("mini programs"), ordering="mini_program_total")
    def mini_program_count(self, industry):
        return industry.mini_program_total
