from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from core.activity import activity_recorded
        from webhooks.signals import queue_deliveries

        activity_recorded.connect(queue_deliveries, dispatch_uid="webhooks.queue_deliveries")
