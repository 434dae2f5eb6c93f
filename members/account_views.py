"""Sign up, sign in, sign out, password reset and change."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from members.forms import SignInForm, SignUpForm
from members.services import owner_sign_up


@sensitive_post_parameters("password")
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("console:overview")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = owner_sign_up(**form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("onboarding:start")
    return render(request, "members/sign_up.html", {"form": form})


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "members/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset.html"
    email_template_name = "members/email/password_reset.txt"
    html_email_template_name = "members/email/password_reset.html"
    subject_template_name = "members/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Links in mail come from SITE_URL, never from the request's Host header.
        site = urlsplit(settings.SITE_URL)
        self.extra_email_context = {"site_url": settings.SITE_URL}
        self.domain_override = site.netloc
        self.use_https = site.scheme == "https"
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


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
