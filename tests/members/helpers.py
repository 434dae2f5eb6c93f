"""Shared steps of the invitation tests: invite through the Members page, read the mailed link."""

import re

from django.core import mail

LINK = re.compile(r"http://testserver(/invitations/[\w-]+/)")


def invite(client, **fields):
    data = {"name": "Ivy Invitee", "email": "ivy@example.com", "role": "master"} | fields
    return client.post("/console/members/", data)


def mailed_link(message=None) -> str:
    """The invitation path in the newest email (or the given one)."""
    message = message or mail.outbox[-1]
    return LINK.search(message.body).group(1)
