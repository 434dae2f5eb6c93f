"""Shared steps of the API token tests: make a token through the page, read its secret."""

import re

from django.db import connection

SECRET = re.compile(r'<code id="new-token-secret">(mpc_[\w-]+)</code>')
PAGE = "/console/api-tokens/"


def create(client, **fields):
    """Posts the create form (a read-only token on the whole workspace for 90 days unless told
    otherwise) and returns the response of the POST."""
    data = {
        "name": "CI uploads",
        "access": "read",
        "expires_in_days": "90",
        "all_mini_programs": "workspace",
    } | fields
    return client.post(PAGE, data)


def created_secret(client, **fields) -> str:
    response = create(client, **fields)
    assert response.status_code == 302, response.content.decode()
    return SECRET.search(client.get(response.url).text).group(1)


def database_text() -> str:
    """Every value of every column of the token table, as text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM automation_apitoken")
        return repr(cursor.fetchall())
