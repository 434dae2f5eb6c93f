"""What the error summary at the top of a form lists (templates/console/partials.html)."""

from typing import NamedTuple

from django import template

register = template.Library()


class Problem(NamedTuple):
    message: str
    label: str = ""
    # The element a link in the summary moves to; empty for errors of the whole form or of a
    # hidden field, which have nothing to move to.
    target: str = ""


def _target(field) -> str:
    # Radios and checkboxes have no element of the field's own id to focus: their first option.
    if field.is_hidden:
        return ""
    if field.id_for_label:
        return field.id_for_label
    first = next(iter(field.subwidgets), None)
    return (first and first.id_for_label) or field.auto_id or ""


@register.filter
def form_problems(form) -> list[Problem]:
    """Every error of `form` in the order a person reads the page: the form's own, then each
    field's in field order."""
    if not form or not form.errors:
        return []
    problems = [Problem(str(message)) for message in form.non_field_errors()]
    for field in form:
        problems.extend(
            Problem(str(message), field.label or "", _target(field)) for message in field.errors
        )
    return problems
