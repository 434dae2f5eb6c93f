from django.urls import path

from automation import views

app_name = "automation"

urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
