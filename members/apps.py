from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from anymail.signals import tracking

        from members import signals  # noqa: F401
        from members.webhooks import record_invitation_delivery

        tracking.connect(record_invitation_delivery, dispatch_uid="members.invitation_delivery")
