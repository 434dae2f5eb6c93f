"""Emails made from a triplet of templates, as every email of the console is."""

from anymail.message import AnymailMessage
from django.template.loader import render_to_string


def email_from_templates(template: str, context: dict, *, to: str, **options) -> AnymailMessage:
    """The email of `<template>_subject.txt` (folded onto one line), `<template>.txt` and
    `<template>.html`, rendered in the language and time zone active at the call. `options` are
    AnymailMessage's own (tags, metadata, headers)."""
    subject = render_to_string(f"{template}_subject.txt", context)
    message = AnymailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{template}.txt", context),
        to=[to],
        **options,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
