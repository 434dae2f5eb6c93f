"""Sign up, sign in, sign out, password reset and change."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import ProfileForm, SignInForm, SignUpForm
from accounts.mail import mail_password_reset
from accounts.selectors import current_membership
from accounts.services import owner_sign_up, user_update_profile
from core.ratelimit import (
    PASSWORD_RESET_PER_EMAIL,
    PASSWORD_RESET_PER_IP,
    SIGN_UP_PER_IP,
    rate_limited,
)
from core.security import no_referrer
from core.text import normalize_email_address


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
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required
def profile(request):
    user = request.user
    initial = {
        "full_name": user.full_name,
        "time_zone": user.time_zone,
        "language": translation.get_language(),
    }
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=user, **form.cleaned_data)
        language = form.cleaned_data["language"]
        # Said in the language just chosen, which the next page is shown in.
        translation.activate(language)
        messages.success(request, translation.gettext("Your profile has been saved."))
        response = redirect("accounts:profile")
        remember_language(response, language)
        return response
    return render(request, "accounts/profile.html", {"form": form})


def remember_language(response, language: str) -> None:
    """The cookie Django's language switch (`set_language`) sets, so both choices agree."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        membership = current_membership(self.request)
        if membership is not None:
            for destination in sign_in_destinations():
                url = destination(membership)
                if url:
                    return url
        return super().get_default_redirect_url()


def sign_in_destinations():
    """The callables of the SIGN_IN_DESTINATIONS setting: each takes the membership on screen and
    names a page to go to after signing in, or None. Upper layers (the onboarding wizard) hook in
    here without this layer importing them."""
    return [import_string(path) for path in settings.SIGN_IN_DESTINATIONS]


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Said after the session is flushed, so the message lands in the new, signed-out one.
        messages.info(request, _("You are signed out."))
        return response


@method_decorator(rate_limited(PASSWORD_RESET_PER_IP), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        PASSWORD_RESET_PER_EMAIL.hit(normalize_email_address(email))
        mail_password_reset(email=email)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@method_decorator(no_referrer, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("console:overview")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)
