from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MiniProgramsConfig(AppConfig):
    name = "miniprograms"
    verbose_name = _("Mini programs")

    def ready(self):
        from miniprograms import signals  # noqa: F401
