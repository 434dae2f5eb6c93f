"""The pages an invitation link leads to (SPEC section 4).

The token moves from the URL into the session at once and the browser is redirected, so the
token never sits in a `Referer` header or the address bar. Only a POST accepts: mail scanners
that prefetch links change nothing.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.selectors import SESSION_WORKSPACE_KEY
from core.ratelimit import INVITATION_LINK_PER_IP, rate_limited
from core.security import no_referrer
from members.forms import InvitedSignUpForm
from members.selectors import InvitationProblem, invitation_for_token, invitation_problem
from members.services import InvitationUnusable, invitation_accept, invited_sign_up

SESSION_INVITATION_KEY = "invitation_token"

# The problems that end the link for everyone; the others depend on who is looking.
STATUS_FOR_PROBLEM = {
    InvitationProblem.INVALID: 404,
    InvitationProblem.EXPIRED: 410,
    InvitationProblem.WITHDRAWN: 410,
    InvitationProblem.ACCEPTED: 410,
    InvitationProblem.INVITER_GONE: 410,
    InvitationProblem.NO_MINI_PROGRAMS: 410,
    InvitationProblem.ALREADY_MEMBER: 409,
}


@never_cache
@no_referrer
@rate_limited(INVITATION_LINK_PER_IP, methods=("GET",))
def invitation_open(request, token):
    request.session[SESSION_INVITATION_KEY] = token
    return redirect("invitations:show")


def _unusable(request, problem, invitation):
    return render(
        request,
        "members/invitations/unusable.html",
        {"problem": problem, "invitation": invitation},
        status=STATUS_FOR_PROBLEM[problem],
    )


def _page(request, *, form=None):
    invitation = invitation_for_token(request.session.get(SESSION_INVITATION_KEY, ""))
    problem = invitation_problem(invitation, request.user)
    if problem in STATUS_FOR_PROBLEM:
        return _unusable(request, problem, invitation)
    has_account = User.objects.filter(email=invitation.email).exists()
    if form is None and not request.user.is_authenticated and not has_account:
        form = InvitedSignUpForm(invitation=invitation)
    return render(
        request,
        "members/invitations/show.html",
        {
            "invitation": invitation,
            "wrong_account": problem == InvitationProblem.WRONG_ACCOUNT,
            "has_account": has_account,
            "form": form,
        },
    )


@never_cache
def invitation_show(request):
    return _page(request)


@never_cache
@require_POST
@sensitive_post_parameters("password")
def invitation_sign_up(request):
    """An account under the invited email, which accepts the invitation in the same step."""
    if request.user.is_authenticated:
        return redirect("invitations:show")
    invitation = invitation_for_token(request.session.get(SESSION_INVITATION_KEY, ""))
    if invitation_problem(invitation) is not None:
        return _page(request)
    form = InvitedSignUpForm(request.POST, invitation=invitation)
    if not form.is_valid():
        return _page(request, form=form)
    try:
        membership = invited_sign_up(
            token=request.session.get(SESSION_INVITATION_KEY, ""),
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password"],
            time_zone=form.cleaned_data["time_zone"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form=form)
    except InvitationUnusable as error:
        return _unusable(request, error.problem, None)
    login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
    return _welcome(request, membership)


@never_cache
@require_POST
def invitation_accept_view(request):
    if not request.user.is_authenticated:
        return redirect("invitations:show")
    try:
        membership = invitation_accept(
            token=request.session.get(SESSION_INVITATION_KEY, ""), user=request.user
        )
    except InvitationUnusable as error:
        if error.problem == InvitationProblem.WRONG_ACCOUNT:
            return redirect("invitations:show")
        return _unusable(request, error.problem, None)
    return _welcome(request, membership)


def _welcome(request, membership):
    """Into the workspace just joined; the link has done its work."""
    request.session.pop(SESSION_INVITATION_KEY, None)
    request.session[SESSION_WORKSPACE_KEY] = membership.workspace_id
    messages.success(
        request, _("Welcome to %(workspace)s.") % {"workspace": membership.workspace.name}
    )
    return redirect("console:overview")
