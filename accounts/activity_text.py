"""How the workspace's own actions read in the activity log (core.activity_text)."""

from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Workspace
from core.activity_text import Field, Sentence, model_field
from core.models import ActivityEvent

Action = ActivityEvent.Action

WORKSPACE_FIELDS = {
    "name": model_field(Workspace, "name"),
    "owner": Field(label=Membership.Role.OWNER.label),
}

ACTIONS = {
    Action.WORKSPACE_CREATED: Sentence(
        _("%(actor)s created the workspace %(target)s"), fields=WORKSPACE_FIELDS
    ),
    Action.WORKSPACE_RENAMED: Sentence(
        _("%(actor)s renamed the workspace to %(target)s"), fields=WORKSPACE_FIELDS
    ),
}
