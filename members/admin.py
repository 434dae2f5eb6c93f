from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members import services
from members.models import Invitation, Membership, User, Workspace
from miniprograms.models import MiniProgram


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "workspace", "role", "status", "joined_at"]
    autocomplete_fields = ["user", "workspace"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name"]}),
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
    inlines = [MembershipInline]

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


class AssignmentInline(admin.TabularInline):
    """A Developer's assigned mini programs (stored on MiniProgram.developers)."""

    model = MiniProgram.developers.through
    extra = 0
    verbose_name = _("assigned mini program")
    verbose_name_plural = _("assigned mini programs")
    raw_id_fields = ["miniprogram"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "workspace", "role", "status", "assignments", "joined_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__full_name", "workspace__name"]
    list_select_related = ["user", "workspace"]
    autocomplete_fields = ["user", "workspace"]
    inlines = [AssignmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assigned_mini_programs__listings")

    @admin.display(description=_("assigned mini programs"))
    def assignments(self, membership):
        return ", ".join(str(program) for program in membership.assigned_mini_programs.all())


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "name",
        "workspace",
        "role",
        "status_display",
        "delivery_status",
        "send_count",
        "sent_at",
        "expires_at",
        "inviter",
    ]
    list_filter = ["role", "delivery_status"]
    search_fields = ["email", "name", "workspace__name", "inviter__email"]
    list_select_related = ["workspace", "inviter"]
    date_hierarchy = "created_at"
    actions = ["resend", "withdraw"]
    # Invitations change only through the services (tokens, activity, mail); staff use actions.
    readonly_fields = [
        "workspace",
        "name",
        "email",
        "role",
        "mini_programs",
        "inviter",
        "status_display",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "withdrawn_at",
        "delivery_status",
        "last_error",
        "sent_at",
        "send_count",
        "language",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("status"))
    def status_display(self, invitation):
        return invitation.get_status_display()

    def _run(self, request, queryset, service, done_message):
        done = 0
        for invitation in queryset.select_related("workspace"):
            try:
                service(invitation=invitation, actor=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{invitation.email}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Resend the selected invitations"), permissions=["change"])
    def resend(self, request, queryset):
        self._run(
            request,
            queryset,
            services.invitation_resend,
            lambda count: (
                ngettext("%(count)d invitation resent.", "%(count)d invitations resent.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Withdraw the selected invitations"), permissions=["change"])
    def withdraw(self, request, queryset):
        self._run(
            request,
            queryset,
            services.invitation_withdraw,
            lambda count: (
                ngettext(
                    "%(count)d invitation withdrawn.", "%(count)d invitations withdrawn.", count
                )
                % {"count": count}
            ),
        )
