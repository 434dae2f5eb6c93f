"""A version's files leave the disk once its row is gone, however it went: the Delete button, the
admin, or its mini program's deletion cascading to it."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from releases.models import Version


@receiver(post_delete, sender=Version, dispatch_uid="releases.version_files")
def delete_version_files(sender, instance, **kwargs):
    for field in (instance.package, instance.snapshot_logo):
        if field:
            storage, name = field.storage, field.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
