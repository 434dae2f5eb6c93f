from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import Membership
from members import services
from members.models import Invitation
from miniprograms.picker import MiniProgramChoiceField


class MembershipAdminForm(forms.ModelForm):
    """Role, status and assignments, with the rules of the console's member form: a Developer is
    assigned at least one mini program, and only mini programs of the member's own workspace."""

    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    mini_programs = MiniProgramChoiceField()

    class Meta:
        model = Membership
        fields = ["role", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.instance
        self.fields["mini_programs"].choose_from(membership.workspace)
        self.fields["mini_programs"].label = _("assigned mini programs")
        self.initial["mini_programs"] = list(membership.assigned_mini_programs.all())
        if not membership.is_owner:
            self.fields["role"].choices = [
                (role.value, role.label) for role in Invitation.INVITABLE_ROLES
            ]
        else:
            # The Owner's role changes only by transferring ownership, and an Owner is never
            # blocked (a database constraint says so too).
            for name in ("role", "status", "mini_programs"):
                self.fields[name].disabled = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Membership.Role.DEVELOPER and not cleaned.get("mini_programs"):
            self.add_error("mini_programs", _("Choose at least one mini program for a Developer."))
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Staff change a membership through the same services as the Owner's Members page, so each
    change obeys the same rules and writes the same activity."""

    form = MembershipAdminForm
    list_display = ["user", "workspace", "role", "status", "assignments", "joined_at"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "user__full_name", "workspace__name"]
    list_select_related = ["user", "workspace"]
    fields = ["user", "workspace", "joined_at", "role", "status", "mini_programs"]
    readonly_fields = ["user", "workspace", "joined_at"]
    actions = None

    def has_add_permission(self, request):
        # A membership begins with a sign-up or an accepted invitation.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("assigned_mini_programs__listings")

    @admin.display(description=_("assigned mini programs"))
    def assignments(self, membership):
        return ", ".join(str(program) for program in membership.assigned_mini_programs.all())

    def save_model(self, request, obj, form, change):
        membership = Membership.objects.select_related("workspace").get(pk=obj.pk)
        cleaned = form.cleaned_data
        if membership.is_owner:
            return
        with transaction.atomic():
            if cleaned["role"] != membership.role:
                services.member_change_role(
                    membership=membership,
                    actor=request.user,
                    role=cleaned["role"],
                    mini_programs=cleaned["mini_programs"],
                )
            elif membership.is_developer:
                services.member_change_assignments(
                    membership=membership,
                    actor=request.user,
                    mini_programs=cleaned["mini_programs"],
                )
            if cleaned["status"] != membership.status:
                change_status = (
                    services.member_block
                    if cleaned["status"] == Membership.Status.BLOCKED
                    else services.member_unblock
                )
                change_status(membership=membership, actor=request.user)

    def save_related(self, request, form, formsets, change):
        # The services above wrote the assignments; the form has no many-to-many of its own.
        pass

    def delete_model(self, request, obj):
        services.member_remove(membership=obj, actor=request.user)


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
