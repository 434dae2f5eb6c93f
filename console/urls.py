from django.urls import path

from console import views

app_name = "console"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("settings/", views.workspace_settings, name="settings"),
    path("activity/", views.activity, name="activity"),
    path("switch/", views.switch_workspace, name="switch_workspace"),
    path("no-workspace/", views.no_workspace, name="no_workspace"),
]
