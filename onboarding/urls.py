from django.urls import path

from onboarding import views

app_name = "onboarding"

urlpatterns = [
    path("", views.start, name="start"),
    path("continue/", views.resume, name="resume"),
    path("basic-information/", views.basic_information, name="basic_information"),
    path("members/", views.add_members, name="add_members"),
    path("master/", views.add_master, name="add_master"),
    path("done/", views.done, name="done"),
    path("finish/", views.finish, name="finish"),
]
