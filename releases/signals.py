"""What follows from a version's row, however it was written: the Delete button, the admin, or
its mini program's deletion cascading to it."""

from django.db import transaction
from django.db.models.signals import post_delete, pre_delete, pre_save
from django.dispatch import receiver

from accounts.models import Workspace
from miniprograms.models import MiniProgram
from releases.models import OfflineMiniProgram, Version


@receiver([pre_save, pre_delete], sender=Version, dispatch_uid="list.version")
@receiver([pre_save, pre_delete], sender=OfflineMiniProgram, dispatch_uid="list.offline")
def release_changed(sender, instance, **kwargs):
    """The Manage Mini Program list shows each mini program's live version and whether it is
    Offline, cached under `Workspace.mini_programs_version` (see miniprograms.signals): move it
    on in the same transaction, before the row is written, as the services lock the workspace
    first too. The mini program's own page shows them, so its version moves as well."""
    Workspace.objects.filter(mini_programs=instance.mini_program_id).mark_mini_programs_changed()
    MiniProgram.objects.filter(pk=instance.mini_program_id).mark_pages_changed()


@receiver(post_delete, sender=Version, dispatch_uid="releases.version_files")
def delete_version_files(sender, instance, **kwargs):
    for field in (instance.package, instance.snapshot_logo):
        if field:
            storage, name = field.storage, field.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
