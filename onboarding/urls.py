from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.start, name="start"),
]
