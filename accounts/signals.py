"""Keep `Workspace.content_version` in step with what the workspace's pages show, and its
`shared_version` with all of that but a change to one mini program's own page (which moves that
mini program's `page_version` instead: see `activity_changed` and miniprograms.signals).

Pages cache their content under it (accounts.selectors.content_fragment_key), so every change
they draw must move it on in the same transaction: each recorded activity (every service records
one), and the rows written without one — by the admin, a cascade or a person editing their own
profile. Like `mini_programs_version` (miniprograms.signals), the version moves before the row
is written, the order in which the services lock the workspace row too.
"""

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from accounts.models import Membership, Workspace
from core.activity import activity_recorded
from core.models import ActivityEvent

# What the pages show of a person: in member tables, as a mini program's developer, as an actor.
SHOWN_USER_FIELDS = frozenset({"full_name", "email"})


@receiver(activity_recorded, dispatch_uid="content.activity")
def activity_changed(sender, event, target=None, **kwargs):
    workspaces = Workspace.objects.filter(pk=event.workspace_id)
    # An event about an object whose page has a version of its own (a mini program) moves that
    # page's version, and leaves the other mini programs' pages cached.
    mark_page_changed = getattr(target, "mark_page_changed", None)
    workspaces.mark_content_changed(shared=mark_page_changed is None)
    if mark_page_changed is not None:
        mark_page_changed()


@receiver([pre_save, pre_delete], sender=Membership, dispatch_uid="content.membership")
def membership_changed(sender, instance, **kwargs):
    Workspace.objects.filter(pk=instance.workspace_id).mark_content_changed()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="content.user")
def user_changed(sender, instance, created=False, update_fields=None, **kwargs):
    # Signing in saves `last_login` alone, and the language and zone only choose the cache key.
    if not created and (update_fields is None or SHOWN_USER_FIELDS & set(update_fields)):
        _mark_workspaces_showing(instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="content.user_deleted")
def user_deleted(sender, instance, **kwargs):
    # Their activity stays, without an actor, through an UPDATE that sends no signal.
    _mark_workspaces_showing(instance)


def _mark_workspaces_showing(user) -> None:
    Workspace.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user).values("workspace_id"))
        | Q(pk__in=ActivityEvent.objects.filter(actor=user).values("workspace_id"))
    ).mark_content_changed()
