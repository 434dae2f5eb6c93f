"""Keep `Workspace.mini_programs_version` in step with what the Manage Mini Program list shows,
each `MiniProgram.page_version` with what its own page shows, and `Workspace.mini_program_count`
with the rows themselves.

The list is cached under that version, so every change to a row it draws must move it on, in the
same transaction. Signals rather than calls in the services, because the admin, cascades and
account changes write these rows too, and one missed change would leave a stale list on screen.

The version moves *before* the row is written: the services lock the workspace row first too, so
every writer takes its locks in the same order and two of them cannot deadlock on PostgreSQL.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from accounts.models import Workspace
from miniprograms.models import Industry, Listing, MiniProgram, new_page_version

# What a row shows of its creator.
CREATOR_FIELDS = frozenset({"full_name", "email"})


@receiver([pre_save, pre_delete], sender=MiniProgram, dispatch_uid="list.mini_program")
def mini_program_changed(sender, instance, **kwargs):
    Workspace.objects.filter(pk=instance.workspace_id).mark_mini_programs_changed()
    # The row's own save writes the new version, and a save of some fields only misses it: the
    # same number is written ahead.
    instance.page_version = new_page_version()
    if instance.pk is not None:
        MiniProgram.objects.filter(pk=instance.pk).update(page_version=instance.page_version)


@receiver(post_save, sender=MiniProgram, dispatch_uid="count.mini_program_created")
def mini_program_created(sender, instance, created, **kwargs):
    # After the row, so a failed insert counts nothing; the workspace row is locked already.
    if created:
        Workspace.objects.filter(pk=instance.workspace_id).count_mini_programs(1)


@receiver(post_delete, sender=MiniProgram, dispatch_uid="count.mini_program_deleted")
def mini_program_deleted(sender, instance, **kwargs):
    Workspace.objects.filter(pk=instance.workspace_id).count_mini_programs(-1)


@receiver([pre_save, pre_delete], sender=Listing, dispatch_uid="list.listing")
def listing_changed(sender, instance, **kwargs):
    Workspace.objects.filter(mini_programs=instance.mini_program_id).mark_mini_programs_changed()
    MiniProgram.objects.filter(pk=instance.mini_program_id).mark_pages_changed()


@receiver(m2m_changed, sender=MiniProgram.developers.through, dispatch_uid="list.assignment")
def assignments_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # A Developer's list holds only their assigned mini programs, and a mini program's page
    # names its developers. `instance` is the mini program or the membership, whichever side
    # the change came from (`reverse`); both belong to the workspace.
    if not action.startswith("pre_"):
        return
    Workspace.objects.filter(pk=instance.workspace_id).mark_mini_programs_changed()
    if not reverse:
        affected = MiniProgram.objects.filter(pk=instance.pk)
    elif pk_set is not None:
        affected = MiniProgram.objects.filter(pk__in=pk_set)
    else:  # a membership's assignments cleared
        affected = MiniProgram.objects.filter(developers=instance)
    affected.mark_pages_changed()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="list.creator")
def creator_changed(sender, instance, update_fields=None, **kwargs):
    # Signing in saves `last_login` alone, which no list shows.
    if update_fields is None or CREATOR_FIELDS & set(update_fields):
        _mark_created_by(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="list.creator_deleted")
def creator_deleted(sender, instance, **kwargs):
    # Their mini programs stay, without a creator, through an UPDATE that sends no signal.
    _mark_created_by(instance)


def _mark_created_by(user) -> None:
    Workspace.objects.filter(mini_programs__creator=user).mark_mini_programs_changed()
    MiniProgram.objects.filter(creator=user).mark_pages_changed()


@receiver([pre_save, pre_delete], sender=Industry, dispatch_uid="content.industry")
def industry_changed(sender, instance, **kwargs):
    # The platform's list, edited in the admin now and then: a mini program's page names its
    # industry and the mini program forms offer them all, in every workspace.
    Workspace.objects.mark_content_changed()
