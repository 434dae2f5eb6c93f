from django.urls import path

from members import account_views

app_name = "accounts"

urlpatterns = [
    path("signup/", account_views.sign_up, name="signup"),
    path("signin/", account_views.SignInView.as_view(), name="signin"),
    path("signout/", account_views.SignOutView.as_view(), name="signout"),
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", account_views.PasswordChangeView.as_view(), name="password_change"),
]
