"""Rows of the console's longest tables, drawn by Jinja2 (the "jinja2" engine, core.jinja2).

Django's engine looks up, escapes and translates each cell one template node at a time, and a
page of fifty rows has hundreds of cells: drawing them cost about as much as reading the page
from the database. The page around a table stays a Django template, which draws the rows with
one tag calling `draw_rows`.
"""

from collections.abc import Callable

from django.template import engines
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

# Matches the path converters of an App ID (16 digits) and of a primary key, and is neither:
# no App ID starts with 0 (miniprograms.models.generate_app_id), and no primary key does.
PLACEHOLDER = "0" * 16


def url_for_each(name: str, *args, placeholder: str = PLACEHOLDER) -> Callable[[object], str]:
    """`reverse(name, args=[*args, value])` for each row of a table, at the cost of one
    reverse(). `placeholder` matches the last argument's path converter and nothing else of the
    path."""
    # The last occurrence: a prefix the site is served under may hold the same characters.
    before, _, after = reverse(name, args=[*args, placeholder]).rpartition(placeholder)
    return lambda value: f"{before}{value}{after}"


def draw_rows(template_name: str, context: dict, request=None) -> SafeString:
    """The rows `template_name` draws from `context`; with the request, its forms may carry
    `csrf_input`. Drawn once for all of them: Django's Jinja2 backend masks the token anew each
    time a template writes it, which in a table of forms cost more than the rows."""
    if request is not None:
        context = {**context, "csrf_input": csrf_input(request)}
    html = engines["jinja2"].get_template(template_name).render(context)
    # Jinja2 escaped every value as it drew it (core.jinja2 turns autoescape on for good).
    return mark_safe(html)  # noqa: S308
