from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from automation import services
from automation.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see and revoke tokens; nobody edits one, and the secret's hash is never shown (it is
    as good as a guess-checker for the secret)."""

    list_display = [
        "name",
        "prefix",
        "workspace",
        "user",
        "access",
        "all_mini_programs",
        "status",
        "expires_at",
        "last_used_at",
        "last_used_ip",
        "created_at",
    ]
    list_filter = ["access", "all_mini_programs", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email", "workspace__name"]
    list_select_related = ["user", "workspace"]
    fields = [
        "name",
        "prefix",
        "workspace",
        "user",
        "access",
        "all_mini_programs",
        "mini_programs",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "last_used_ip",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A token is made by a member, who is the only one ever to see its secret.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Revoking keeps the token's row, so the activity log's rows about it still lead here.
        return False

    def has_revoke_permission(self, request):
        return super().has_change_permission(request)

    @admin.display(description=_("status"))
    def status(self, token):
        return token.get_status_display()

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.select_related("workspace").filter(revoked_at__isnull=True):
            services.api_token_revoke(token=token, actor=request.user)
            revoked += 1
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked},
            messages.SUCCESS,
        )
