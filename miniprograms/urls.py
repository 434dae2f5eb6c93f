from django.urls import path

from miniprograms import views

app_name = "miniprograms"

urlpatterns = [
    path("", views.mini_program_list, name="list"),
]
