"""The Members page: members, invitations, and what the Owner and Masters may do to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import member_required
from accounts.models import Membership
from accounts.selectors import content_fragment_key
from core.pagination import LookAheadPaginator
from members import selectors, services
from members.forms import InvitationForm, MemberForm
from members.models import Invitation
from members.selectors import next_invitation_expiry

INVITATIONS_PAGE_SIZE = 25
MEMBERS_PAGE_SIZE = 50


@member_required(permission="may_see_members")
def member_list(request):
    membership = request.membership
    workspace = membership.workspace
    if request.method != "POST":
        # Lazy: the empty form is cached with the tables, and a cached page never builds it.
        form = SimpleLazyObject(
            lambda: InvitationForm(workspace=workspace, inviter_membership=membership)
        )
    elif not membership.may_invite():
        raise PermissionDenied
    else:
        form = InvitationForm(request.POST, workspace=workspace, inviter_membership=membership)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    workspace=workspace, inviter=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Invitation to %(email)s is on its way.") % {"email": invitation.email},
                )
                return redirect("members:list")
    members_page_number = LookAheadPaginator.page_asked_for(request.GET.get("members_page"))
    invitations_page_number = LookAheadPaginator.page_asked_for(request.GET.get("page"))
    # Lazy: the tables are cached under `content_key`, and what they hold is not read again.
    return render(
        request,
        "members/list.html",
        {
            "members": SimpleLazyObject(
                lambda: selectors.members_page(
                    workspace, members_page_number, per_page=MEMBERS_PAGE_SIZE
                )
            ),
            "invitations": SimpleLazyObject(
                lambda: selectors.invitations_page(
                    workspace, invitations_page_number, per_page=INVITATIONS_PAGE_SIZE
                )
            ),
            "content_key": content_fragment_key(
                request,
                next_invitation_expiry(workspace),
                members_page_number,
                invitations_page_number,
                forms=True,
            ),
            "form": form,
            "form_sent_back": request.method == "POST",
        },
    )


def _workspace_membership(request, membership_id) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "workspace"),
        pk=membership_id,
        workspace=request.membership.workspace,
    )


def _workspace_invitation(request, invitation_id) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("workspace"),
        pk=invitation_id,
        workspace=request.membership.workspace,
    )


def _run(request, action, success_message: str):
    """Run one service for a button on the Members page and report how it went."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success_message)
    return redirect("members:list")


@member_required(permission="may_manage_members")
def member_edit(request, membership_id):
    member = _workspace_membership(request, membership_id)
    if member.is_owner:
        raise PermissionDenied
    form = MemberForm(request.POST if request.method == "POST" else None, membership=member)
    if request.method == "POST" and form.is_valid():
        role, mini_programs = form.cleaned_data["role"], form.cleaned_data["mini_programs"]
        try:
            if role != member.role:
                services.member_change_role(
                    membership=member, actor=request.user, role=role, mini_programs=mini_programs
                )
            else:
                services.member_change_assignments(
                    membership=member, actor=request.user, mini_programs=mini_programs
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s was updated.") % {"name": member.user})
            return redirect("members:list")
    return render(request, "members/edit.html", {"member": member, "form": form})


@require_POST
@member_required(permission="may_manage_members")
def member_block(request, membership_id):
    member = _workspace_membership(request, membership_id)
    return _run(
        request,
        lambda: services.member_block(membership=member, actor=request.user),
        _("%(name)s is blocked.") % {"name": member.user},
    )


@require_POST
@member_required(permission="may_manage_members")
def member_unblock(request, membership_id):
    member = _workspace_membership(request, membership_id)
    return _run(
        request,
        lambda: services.member_unblock(membership=member, actor=request.user),
        _("%(name)s is active again.") % {"name": member.user},
    )


@require_POST
@member_required(permission="may_manage_members")
def member_remove(request, membership_id):
    member = _workspace_membership(request, membership_id)
    return _run(
        request,
        lambda: services.member_remove(membership=member, actor=request.user),
        _("%(name)s was removed from the workspace.") % {"name": member.user},
    )


@require_POST
@member_required(permission="may_transfer_ownership")
def ownership_transfer(request, membership_id):
    member = _workspace_membership(request, membership_id)
    return _run(
        request,
        lambda: services.ownership_transfer(
            workspace=member.workspace, actor=request.user, new_owner=member
        ),
        _("%(name)s is now the Owner of this workspace.") % {"name": member.user},
    )


@require_POST
@member_required(permission="may_invite")
def invitation_resend(request, invitation_id):
    invitation = _workspace_invitation(request, invitation_id)
    return _run(
        request,
        lambda: services.invitation_resend(invitation=invitation, actor=request.user),
        _("A new invitation was sent to %(email)s.") % {"email": invitation.email},
    )


@require_POST
@member_required(permission="may_invite")
def invitation_withdraw(request, invitation_id):
    invitation = _workspace_invitation(request, invitation_id)
    return _run(
        request,
        lambda: services.invitation_withdraw(invitation=invitation, actor=request.user),
        _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
    )
