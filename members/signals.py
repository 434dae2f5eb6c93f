"""An invitation saved or deleted, however it was written, moves its workspace's content version
(accounts.signals), under which the Members page and the Overview are cached. Updates that
send no signal go through `InvitationQuerySet.update_shown`."""

from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from accounts.models import Workspace
from members.models import Invitation


@receiver([pre_save, pre_delete], sender=Invitation, dispatch_uid="content.invitation")
def invitation_changed(sender, instance, **kwargs):
    Workspace.objects.filter(pk=instance.workspace_id).mark_content_changed()
