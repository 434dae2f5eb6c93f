"""Sign up, sign in, sign out, password reset and change."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from console.ratelimit import (
    PASSWORD_RESET_PER_EMAIL,
    PASSWORD_RESET_PER_IP,
    SIGN_UP_PER_IP,
    rate_limited,
    sign_in_guarded,
)
from console.security import no_referrer
from members.account_mail import mail_password_reset
from members.forms import SignInForm, SignUpForm
from members.models import normalize_email_address
from members.selectors import current_membership
from members.services import owner_sign_up
from onboarding.selectors import onboarding_left_half_way


@sensitive_post_parameters("password")
@rate_limited(SIGN_UP_PER_IP)
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("console:overview")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # A known email gets the same redirect without a session (its owner is mailed), so the
        # answer does not tell who has an account.
        user = owner_sign_up(**form.cleaned_data)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("onboarding:start")
    return render(request, "members/sign_up.html", {"form": form})


@method_decorator(sign_in_guarded, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "members/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        # An Owner who signed out in the middle of the wizard comes back to the step they left.
        membership = current_membership(self.request)
        if membership and membership.is_owner and onboarding_left_half_way(membership.workspace):
            return reverse("onboarding:resume")
        return super().get_default_redirect_url()


class SignOutView(auth_views.LogoutView):
    pass


@method_decorator(rate_limited(PASSWORD_RESET_PER_IP), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        PASSWORD_RESET_PER_EMAIL.hit(normalize_email_address(email))
        mail_password_reset(email=email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


@method_decorator(no_referrer, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "members/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "members/password_change.html"
    success_url = reverse_lazy("console:overview")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
