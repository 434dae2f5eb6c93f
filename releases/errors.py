"""The one exception a release rule raises.

It is a `ValidationError`, so a view hands it to `form.add_error` like any other; on top of the
translated message it keeps a stable `code` (one per rule), which is what an API answers with.
"""

from django.core.exceptions import ValidationError


class ReleaseError(ValidationError):
    def __init__(self, message: str, *, code: str, field: str | None = None):
        error = ValidationError(message, code=code)
        super().__init__({field: [error]} if field else error)
        self.code = code
