from django.urls import path

from releases import review_views

app_name = "reviews"

urlpatterns = [
    path("", review_views.queue, name="queue"),
    path("<int:version_id>/", review_views.review, name="review"),
    path("<int:version_id>/approve/", review_views.approve, name="approve"),
    path("<int:version_id>/reject/", review_views.reject, name="reject"),
    path("<int:version_id>/logo", review_views.logo, name="logo"),
    path("<int:version_id>/package.zip", review_views.package, name="package"),
]
