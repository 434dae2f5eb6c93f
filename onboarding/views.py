"""The onboarding wizard (SPEC section 2): one URL per step, its state in `Onboarding`."""

from functools import wraps

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.access import member_required
from accounts.models import Membership
from core.numbers import parse_whole_number
from members.forms import InvitationForm
from miniprograms.forms import BasicInformationForm
from onboarding.forms import AddMasterForm, StartForm
from onboarding.models import Onboarding
from onboarding.services import (
    onboarding_choose_path,
    onboarding_finish,
    onboarding_get_or_start,
    onboarding_invite,
    onboarding_save_basic_information,
    onboarding_save_draft,
    onboarding_show_step,
    onboarding_skip,
)

Step = Onboarding.Step

STEP_URLS = {
    Step.START: "onboarding:start",
    Step.BASIC_INFORMATION: "onboarding:basic_information",
    Step.ADD_MEMBERS: "onboarding:add_members",
    Step.ADD_MASTER: "onboarding:add_master",
    Step.DONE: "onboarding:done",
}

# The `action` the page's script posts while the Owner types: keep the draft, change nothing else.
SAVE_DRAFT = "draft"


def owner_wizard(step: str | None = None):
    """Only the Owner of the workspace on screen goes through the wizard, and only until it is
    finished. With a `step`: a step that does not fit what was chosen so far sends the Owner to
    where they are, and showing a step remembers it for the next visit."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.membership.is_owner:
                raise PermissionDenied
            onboarding = onboarding_get_or_start(workspace=request.membership.workspace)
            if onboarding.is_finished:
                return redirect("console:overview")
            if step is not None:
                if not onboarding.may_show(step):
                    return redirect(STEP_URLS[onboarding.resume_step()])
                if request.method == "GET":
                    onboarding_show_step(onboarding=onboarding, step=step)
            return view(request, onboarding, *args, **kwargs)

        # Never from the browser's cache: Back must show what the database holds now.
        return member_required(never_cache(wrapper))

    return decorator


@owner_wizard()
def resume(request, onboarding):
    """Where the console's "Finish setting up" banner leads."""
    return redirect(STEP_URLS[onboarding.resume_step()])


@owner_wizard(Step.START)
def start(request, onboarding):
    form = StartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["choice"] == StartForm.SKIP:
            onboarding_skip(onboarding=onboarding, actor=request.user)
            return redirect("console:overview")
        onboarding_choose_path(onboarding=onboarding, path=form.cleaned_data["choice"])
        return redirect(STEP_URLS[onboarding.step])
    return render(request, "onboarding/start.html", {"onboarding": onboarding, "form": form})


@owner_wizard(Step.BASIC_INFORMATION)
def basic_information(request, onboarding):
    def make_form(data):
        return BasicInformationForm(
            data, instance=onboarding.mini_program, workspace=request.membership.workspace
        )

    def save(form):
        onboarding_save_basic_information(
            onboarding=onboarding,
            actor=request.user,
            name=form.cleaned_data["name"],
            default_language=form.cleaned_data["default_language"],
            release_to_alipay_china=form.cleaned_data["release_to_alipay_china"],
            add_members=request.POST.get("action") != "skip",
        )

    if request.method == "POST":
        return _submit_step(request, onboarding, Step.BASIC_INFORMATION, make_form, save)
    return _render_step(
        request,
        onboarding,
        Step.BASIC_INFORMATION,
        "onboarding/basic_information.html",
        make_form=make_form,
    )


@owner_wizard(Step.ADD_MEMBERS)
def add_members(request, onboarding):
    def make_form(data):
        return InvitationForm(
            data,
            workspace=request.membership.workspace,
            inviter_membership=request.membership,
            initial={"mini_programs": [onboarding.mini_program_id]},
        )

    def save(form):
        onboarding_invite(
            onboarding=onboarding,
            inviter=request.user,
            step=Step.ADD_MEMBERS,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            mini_programs=form.cleaned_data.get("mini_programs") or (),
        )

    if request.method == "POST":
        return _submit_step(request, onboarding, Step.ADD_MEMBERS, make_form, save)
    return _render_step(
        request, onboarding, Step.ADD_MEMBERS, "onboarding/add_members.html", make_form=make_form
    )


@owner_wizard(Step.ADD_MASTER)
def add_master(request, onboarding):
    def make_form(data):
        return AddMasterForm(
            data, workspace=request.membership.workspace, inviter_membership=request.membership
        )

    def save(form):
        onboarding_invite(
            onboarding=onboarding,
            inviter=request.user,
            step=Step.ADD_MASTER,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            role=Membership.Role.MASTER,
        )

    if request.method == "POST":
        return _submit_step(request, onboarding, Step.ADD_MASTER, make_form, save)
    return _render_step(
        request, onboarding, Step.ADD_MASTER, "onboarding/add_master.html", make_form=make_form
    )


@owner_wizard(Step.DONE)
def done(request, onboarding):
    return render(request, "onboarding/done.html", {"onboarding": onboarding})


@require_POST
@owner_wizard(Step.DONE)
def finish(request, onboarding):
    """Enter Console."""
    onboarding_finish(onboarding=onboarding, actor=request.user)
    return redirect("console:overview")


def _submit_step(request, onboarding, step, make_form, save):
    """A POST from the page's script while typing only keeps the draft. Any other POST validates
    the form and calls `save(form)`, which moves the wizard on or refuses with a ValidationError.

    A refused form is kept as a draft and shown by a redirect to the step: a reload then shows it
    again with its errors, and the browser's Back button never lands on a POST to send again.
    """
    form = make_form(request.POST)
    draft = Onboarding.draft_from(request.POST, [form.add_prefix(name) for name in form.fields])
    if request.POST.get("action") == SAVE_DRAFT:
        revision = parse_whole_number(request.POST.get("revision", ""))
        if revision is not None:
            onboarding_save_draft(
                onboarding=onboarding,
                step=step,
                data=draft,
                submitted=False,
                revision=revision,
            )
        # Nothing for the script to do either way, and no error for the browser's console.
        return HttpResponse(status=204)
    refusal = {}
    if form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            refusal = _errors_by_field(form, error)
        else:
            return redirect(STEP_URLS[onboarding.step])
    onboarding_save_draft(
        onboarding=onboarding, step=step, data=draft, submitted=True, errors=refusal
    )
    return redirect(STEP_URLS[step])


def _render_step(request, onboarding, step, template, *, make_form):
    return render(
        request,
        template,
        {
            "onboarding": onboarding,
            "form": _form_from_draft(onboarding, step, make_form),
            "revision": onboarding.revision(step),
        },
    )


def _form_from_draft(onboarding, step, make_form):
    """The step's form as the Owner left it: a refused draft with its errors, a draft typed but
    not submitted as it was typed, or else the form as it comes (with what was saved)."""
    data = onboarding.draft_data(step)
    if data is None:
        return make_form(None)
    if onboarding.draft_was_submitted(step):
        form = make_form(data)
        for field, messages in onboarding.draft_errors(step).items():
            form.add_error(None if field == NON_FIELD_ERRORS else field, messages)
        return form
    # Typed but never submitted: shown as typed, without errors for fields not filled in yet.
    form = make_form(None)
    form.initial = {
        **form.initial,
        **{
            name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
            for name, field in form.fields.items()
        },
    }
    return form


def _errors_by_field(form, refusal: ValidationError) -> dict[str, list[str]]:
    """A service's refusal, its messages next to the form's fields where it names one."""
    pairs = (
        refusal.message_dict.items()
        if hasattr(refusal, "error_dict")
        else [(NON_FIELD_ERRORS, refusal.messages)]
    )
    errors = {}
    for field, messages in pairs:
        errors.setdefault(field if field in form.fields else NON_FIELD_ERRORS, []).extend(messages)
    return errors
