from django.urls import path

from members import invitation_views

app_name = "invitations"

urlpatterns = [
    path("", invitation_views.invitation_show, name="show"),
    path("sign-up/", invitation_views.invitation_sign_up, name="sign_up"),
    path("accept/", invitation_views.invitation_accept_view, name="accept"),
    path("<str:token>/", invitation_views.invitation_open, name="open"),
]
