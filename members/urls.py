from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("<int:membership_id>/edit/", views.member_edit, name="edit"),
    path("<int:membership_id>/block/", views.member_block, name="block"),
    path("<int:membership_id>/unblock/", views.member_unblock, name="unblock"),
    path("<int:membership_id>/remove/", views.member_remove, name="remove"),
    path("<int:membership_id>/make-owner/", views.ownership_transfer, name="transfer"),
    path("invitations/<int:invitation_id>/resend/", views.invitation_resend, name="resend"),
    path("invitations/<int:invitation_id>/withdraw/", views.invitation_withdraw, name="withdraw"),
]
