"""The one exception a release rule raises.

It is a `ValidationError`, so a view hands it to `form.add_error` like any other; on top of the
translated message it keeps a stable `code` (one per rule), which is what an API answers with.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError


class ReleaseError(ValidationError):
    def __init__(self, message: str | dict, *, code: str, field: str | None = None):
        if isinstance(message, dict):
            super().__init__(message)
        else:
            error = ValidationError(message, code=code)
            super().__init__({field: [error]} if field else error)
        self.code = code


def clean_together(**steps: Callable) -> dict:
    """Runs every `field=step` and returns each one's result, or raises one ReleaseError with
    every field's error, so a form shows them all at once (the first broken rule's code leads)."""
    cleaned, errors = {}, []
    for field, step in steps.items():
        try:
            cleaned[field] = step()
        except ReleaseError as error:
            errors.append(error)
    if errors:
        merged: dict = {}
        for error in errors:
            error.update_error_dict(merged)
        raise ReleaseError(merged, code=errors[0].code)
    return cleaned
