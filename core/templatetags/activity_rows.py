"""The activity log's events wherever a page lists them: the Activity table, the Overview's
recent activity and a mini program's page (templates/core/activity_rows.jinja.html)."""

from django import template

from core.rows import draw_rows
from core.templatetags.time_display import datetime

register = template.Library()


@register.simple_tag
def activity_rows(events, *, table: bool = False):
    """`events`, (event, Description) pairs from core.activity_text.describe_events, as rows of
    a table with the client's address (`table=True`) or as the items of a list."""
    return draw_rows(
        "core/activity_rows.jinja.html",
        {"events": events, "table": table, "datetime": datetime},
    )
