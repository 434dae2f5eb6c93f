from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User, Workspace
from accounts.services import workspace_rename


class MembershipInline(admin.TabularInline):
    """Read-only: a membership changes through the Membership admin, which goes through the
    member services (activity, rules), and begins only by sign-up or invitation."""

    model = Membership
    extra = 0
    fields = ["user", "workspace", "role", "status", "joined_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "time_zone"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    inlines = [MembershipInline]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "owner_email", "member_count", "created_at"]
    search_fields = ["name", "memberships__user__email"]
    date_hierarchy = "created_at"
    fields = ["name", "created_at"]
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        # A workspace begins with its Owner's sign-up, never empty.
        return False

    def save_model(self, request, obj, form, change):
        # `obj` already carries the new name; the service compares with the stored one.
        stored = Workspace.objects.get(pk=obj.pk)
        workspace_rename(workspace=stored, actor=request.user, name=form.cleaned_data["name"])

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(member_total=Count("memberships"))
            .prefetch_related("memberships__user")
        )

    @admin.display(description=_("owner"))
    def owner_email(self, workspace):
        return next(
            (m.user.email for m in workspace.memberships.all() if m.role == Membership.Role.OWNER),
            "—",
        )

    @admin.display(description=_("members"), ordering="member_total")
    def member_count(self, workspace):
        return workspace.member_total
