from django.db import models
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

# A draft keeps what was typed, not a document: longer values are cut so a form cannot be used to
# park arbitrary amounts of data in the database.
DRAFT_VALUE_MAX_LENGTH = 1000


class Onboarding(models.Model):
    """Where a workspace's Owner is in the onboarding wizard (SPEC section 2).

    Kept in the database so that reload, the browser's Back button and signing out and in again
    all return to the same step with what was typed: `step` is the last step shown, `drafts`
    holds per step the form data not saved yet, and `mini_program` is the one created in step 1,
    edited (never duplicated) when the Owner comes back to that step.
    """

    class Path(models.TextChoices):
        UNDECIDED = "", _("Not chosen yet")
        OWN = "own", _("Create on my own")
        MASTER = "master", _("Invite the Master to create one")

    class Step(models.TextChoices):
        START = "start", _("Start")
        BASIC_INFORMATION = "basic_information", _("Set basic information")
        ADD_MEMBERS = "add_members", _("Add members (Optional)")
        ADD_MASTER = "add_master", _("Add a master")
        DONE = "done", _("Done")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SKIPPED = "skipped", _("Skipped")
        FINISHED = "finished", _("Finished")

    workspace = models.OneToOneField(
        "accounts.Workspace",
        on_delete=models.CASCADE,
        related_name="onboarding",
        verbose_name=_("workspace"),
    )
    path = models.CharField(_("path"), max_length=16, choices=Path.choices, blank=True)
    step = models.CharField(_("step"), max_length=32, choices=Step.choices, default=Step.START)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    mini_program = models.ForeignKey(
        "miniprograms.MiniProgram",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mini program"),
    )
    # {step: {"data": {field: [values]}, "submitted": bool, "errors": {field: [messages]}}}: what
    # the Owner typed on a step's form and has not saved yet; "submitted" when it was refused, so
    # its errors show again, with "errors" the refusals that only a service could tell.
    drafts = models.JSONField(_("drafts"), default=dict, blank=True)
    # {step: n}: how many times a step's form was saved. A step's page sends the number it was
    # shown with along with its drafts, so a draft that arrives after the form was saved (the
    # script's last one can cross the submit on the network) is dropped, not shown again.
    revisions = models.JSONField(_("revisions"), default=dict, blank=True)
    # [{"name", "email", "role"}]: the invitations sent from the wizard, listed on its done page.
    invited = models.JSONField(_("invited"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(path__in=["", "own", "master"]),
                name="onboarding_path_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    step__in=["start", "basic_information", "add_members", "add_master", "done"]
                ),
                name="onboarding_step_is_known",
            ),
            models.CheckConstraint(
                condition=models.Q(status="finished", finished_at__isnull=False)
                | (~models.Q(status="finished") & models.Q(finished_at__isnull=True)),
                name="onboarding_finish_time_only_when_finished",
            ),
        ]

    def __str__(self):
        return f"{self.workspace} · {self.get_status_display()} · {self.get_step_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED

    def may_show(self, step: str) -> bool:
        """Whether `step` makes sense with what was chosen and saved so far."""
        if step == self.Step.START:
            return True
        if step == self.Step.BASIC_INFORMATION:
            return self.path == self.Path.OWN
        if step == self.Step.ADD_MASTER:
            return self.path == self.Path.MASTER
        if step == self.Step.ADD_MEMBERS:
            return self.path == self.Path.OWN and self.mini_program_id is not None
        if step == self.Step.DONE:
            if self.path == self.Path.OWN:
                return self.mini_program_id is not None
            return self.path == self.Path.MASTER and bool(self.invited)
        return False

    def resume_step(self) -> str:
        """The step to show the Owner coming back: the last one shown if it still makes sense
        (its mini program may have been deleted meanwhile), else the path's first step."""
        if self.may_show(self.step):
            return self.step
        if self.path == self.Path.OWN:
            return self.Step.BASIC_INFORMATION
        if self.path == self.Path.MASTER:
            return self.Step.ADD_MASTER
        return self.Step.START

    def revision(self, step: str) -> int:
        return self.revisions.get(step, 0)

    def draft_data(self, step: str) -> MultiValueDict | None:
        draft = self.drafts.get(step)
        if not draft:
            return None
        data = QueryDict(mutable=True)
        for key, values in draft.get("data", {}).items():
            data.setlist(key, [str(value) for value in values])
        return data

    def draft_was_submitted(self, step: str) -> bool:
        return bool(self.drafts.get(step, {}).get("submitted"))

    def draft_errors(self, step: str) -> dict[str, list[str]]:
        return self.drafts.get(step, {}).get("errors") or {}

    @staticmethod
    def draft_from(data: QueryDict, field_names) -> dict:
        """The part of a POST worth keeping as a draft: the form's own fields, values cut short."""
        return {
            name: [value[:DRAFT_VALUE_MAX_LENGTH] for value in data.getlist(name)]
            for name in field_names
            if name in data
        }
