"""A stand-in ESP for tests: Anymail's test backend, made to fail the way a real ESP does."""

from anymail.backends.test import EmailBackend
from anymail.exceptions import AnymailAPIError


class FailingEmailBackend(EmailBackend):
    def post_to_esp(self, payload, message):
        raise AnymailAPIError("Postmark API response 500: Internal Server Error")


FAILING_MAILERS = {"default": {"BACKEND": "tests.members.esp.FailingEmailBackend"}}
ANYMAIL_TEST_MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}
