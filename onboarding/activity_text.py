"""How the onboarding wizard's actions read in the activity log (core.activity_text)."""

from django.utils.translation import gettext_lazy as _

from core.activity_text import Sentence, choice_label, model_field
from core.models import ActivityEvent
from miniprograms.activity_text import mini_programs_field
from onboarding.models import Onboarding

Action = ActivityEvent.Action

ONBOARDING_FIELDS = {
    "path": model_field(Onboarding, "path", show=choice_label(Onboarding.Path)),
    "mini_program": mini_programs_field(Onboarding._meta.get_field("mini_program").verbose_name),
    "invited": model_field(Onboarding, "invited"),
}

ACTIONS = {
    Action.ONBOARDING_FINISHED: Sentence(
        _("%(actor)s finished setting up the workspace"), fields=ONBOARDING_FIELDS
    ),
    Action.ONBOARDING_SKIPPED: Sentence(
        _("%(actor)s skipped setting up the workspace for now"), fields=ONBOARDING_FIELDS
    ),
}
