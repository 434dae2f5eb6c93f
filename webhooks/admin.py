"""Staff see endpoints and their deliveries; a secret only ever masked. Changes go through the
console's pages, whose services write the activity log, so the admin here only reads (and may
disable an endpoint through the same service)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from webhooks import services
from webhooks.models import WebhookDelivery, WebhookEndpoint


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(ReadOnlyAdmin):
    list_display = ["url", "workspace", "is_enabled", "failing_since", "created_at"]
    list_filter = ["is_enabled"]
    search_fields = ["url", "workspace__name"]
    list_select_related = ["workspace"]
    fields = [
        "workspace",
        "url",
        "description",
        "events",
        "masked_secret",
        "is_enabled",
        "disabled_reason",
        "disabled_at",
        "failing_since",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["disable"]

    @admin.display(description=_("secret"))
    def masked_secret(self, endpoint):
        return endpoint.masked_secret

    @admin.action(description=_("Disable the chosen endpoints"))
    def disable(self, request, queryset):
        for endpoint in queryset.select_related("workspace").filter(is_enabled=True):
            services.endpoint_disable(endpoint=endpoint, actor=request.user)
        messages.success(request, _("The chosen endpoints are disabled."))

    def has_change_permission(self, request, obj=None):
        # The disable action needs it; every field stays read-only.
        return obj is None and request.user.has_perm("webhooks.change_webhookendpoint")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "event_type", "endpoint", "status", "attempts", "created_at"]
    list_filter = ["status", "event_type"]
    search_fields = ["message_id", "endpoint__url"]
    list_select_related = ["endpoint"]
    fields = [
        "endpoint",
        "event_type",
        "message_id",
        "payload",
        "status",
        "attempts",
        "last_status_code",
        "duration_ms",
        "problem",
        "last_error",
        "next_attempt_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
