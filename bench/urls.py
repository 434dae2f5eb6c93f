"""The console's URLs plus the baseline, a page that exists only in the benchmark settings."""

from django.urls import path

from bench.views import baseline
from config.urls import urlpatterns as console_urlpatterns

urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    *console_urlpatterns,
]
