from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom layer: the activity log, text rules, rate limits, pagination and security
    helpers. It imports no other app of the project."""

    name = "core"
    verbose_name = _("Activity")
