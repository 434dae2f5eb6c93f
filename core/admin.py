from django.contrib import admin

from core.models import ActivityEvent


@admin.register(ActivityEvent)
class ActivityEventAdmin(admin.ModelAdmin):
    """Read-only: the activity log is evidence, so nobody edits or deletes it here."""

    list_display = ["created_at", "workspace", "actor_email", "action", "target_repr", "ip_address"]
    list_filter = ["action", "target_type", "created_at"]
    search_fields = ["actor_email", "target_repr", "workspace__name", "ip_address"]
    list_select_related = ["workspace"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in ActivityEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
