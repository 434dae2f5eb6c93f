"""Tokens and calls the HTTP API tests share, made the way the console makes them."""

from automation import services
from tests.releases.helpers import package, zip_bytes  # noqa: F401 (re-exported for the tests)

API = "/api/v1"


def make_token(user, workspace, *, access="read_write", mini_programs=None, name="Deploy from CI"):
    """A token of `user` and its secret: the whole workspace, or only `mini_programs`."""
    token, secret = services.api_token_create(
        workspace=workspace,
        actor=user,
        name=name,
        access=access,
        expires_in_days=None,
        all_mini_programs=mini_programs is None,
        mini_programs=mini_programs or (),
    )
    return token, secret


def bearer(secret: str) -> dict:
    return {"authorization": f"Bearer {secret}"}


def upload_data(number="1.0.0", **overrides) -> dict:
    return {
        "number": number,
        "description": "First release with the ride booking flow.",
        "package": package(),
        **overrides,
    }
