"""Versions in the admin: listed and filtered by status, their history read-only, and every change
made through the same services as the console (rights, locks, activity rows and mail included).

Nothing is edited in place: a version's package and number never change, and its status moves
only through the actions below. Reject takes its Reason, Grayscale release and Scale up their
Percentage, from the fields beside the action menu."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from releases import services
from releases.errors import ReleaseError
from releases.models import Version, VersionTransition


class VersionActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), required=False)
    percentage = forms.IntegerField(label=_("Percentage"), required=False)


class TransitionInline(admin.TabularInline):
    model = VersionTransition
    fields = ["created_at", "actor_email", "from_status", "to_status", "percentage", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _arguments(request, *names) -> dict:
    """The action bar's extra fields the service takes, as it takes them."""
    form = VersionActionForm(request.POST)
    form.is_valid()
    values = {"reason": form.cleaned_data.get("reason") or ""}
    values["percentage"] = form.cleaned_data.get("percentage") or 0
    return {name: values[name] for name in names}


def service_action(service, description, *, actor="actor", takes=()):
    """An admin action that runs `service` on each selected version as the signed-in staff user,
    and reports each success or refusal with the service's own message."""

    def action(modeladmin, request, queryset):
        arguments = _arguments(request, *takes)
        for version in queryset.select_related("mini_program__workspace"):
            try:
                service(version=version, **{actor: request.user}, **arguments)
            except ReleaseError as error:
                modeladmin.message_user(
                    request, f"{version}: {' '.join(error.messages)}", messages.ERROR
                )
            except PermissionDenied:
                modeladmin.message_user(
                    request,
                    gettext("%(version)s: you may not do this.") % {"version": version},
                    messages.ERROR,
                )
            else:
                modeladmin.message_user(
                    request,
                    gettext("%(version)s: %(action)s done.")
                    % {"version": version, "action": description},
                    messages.SUCCESS,
                )

    action.__name__ = service.__name__
    return admin.action(description=description)(action)


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "mini_program_app_id",
        "status",
        "grayscale_percentage",
        "uploaded_by",
        "created_at",
        "applied_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["mini_program__app_id", "mini_program__listings__name", "package_sha256"]
    list_select_related = ["mini_program", "uploaded_by"]
    date_hierarchy = "created_at"
    inlines = [TransitionInline]
    action_form = VersionActionForm
    fields = [
        "mini_program",
        "number",
        "status",
        "grayscale_percentage",
        "description",
        "package_summary",
        "testers",
        "rejection_reason",
        "listing_snapshot",
        "uploaded_by",
        "reviewed_by",
        "created_at",
        "applied_at",
        "reviewed_at",
        "released_at",
    ]
    readonly_fields = fields
    actions = [
        service_action(services.version_apply_for_release, _("Apply for release")),
        service_action(services.version_withdraw, _("Withdraw")),
        service_action(services.version_approve, _("Approve"), actor="reviewer"),
        service_action(services.version_reject, _("Reject"), actor="reviewer", takes=("reason",)),
        service_action(services.version_complete_pilot, _("Complete")),
        service_action(services.version_go_live, _("Go live")),
        service_action(services.version_grayscale, _("Grayscale release"), takes=("percentage",)),
        service_action(services.version_scale_up, _("Scale up"), takes=("percentage",)),
        service_action(services.version_full_release, _("Full release")),
        service_action(services.version_roll_back, _("Roll back")),
        service_action(services.version_cancel, _("Cancel")),
        service_action(services.version_delete, _("Delete")),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("mini_program__listings")

    @admin.display(description=_("App ID"), ordering="mini_program__app_id")
    def mini_program_app_id(self, version):
        return version.mini_program.app_id

    @admin.display(description=_("Package"))
    def package_summary(self, version):
        return gettext("%(size)s, %(count)d files, SHA-256 %(sha256)s") % {
            "size": filesizeformat(version.package_size),
            "count": version.package_file_count,
            "sha256": version.package_sha256,
        }

    def has_add_permission(self, request):
        # Upload Version in the console checks and stores the package.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Also hides Django's bulk delete, which would skip the service: use Delete above.
        return False
