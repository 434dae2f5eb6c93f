"""The Manage Mini Program list's rows (templates/miniprograms/list.html)."""

from django import template

from core.rows import draw_rows, url_for_each
from core.templatetags.time_display import datetime

register = template.Library()


@register.simple_tag
def mini_program_rows(rows):
    """The rows of a page of `ListRow`s (miniprograms/list_rows.jinja.html)."""
    return draw_rows(
        "miniprograms/list_rows.jinja.html",
        {"rows": rows, "detail_url": url_for_each("miniprograms:detail"), "datetime": datetime},
    )
