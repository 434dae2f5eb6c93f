"""The Manage Mini Program list's rows (templates/miniprograms/list.html)."""

from django import template
from django.template import engines
from django.urls import reverse
from django.utils.safestring import mark_safe

from core.templatetags.time_display import datetime

register = template.Library()

# No App ID starts with 0 (miniprograms.models.generate_app_id), so this one names none.
APP_ID_PLACEHOLDER = "0" * 16


@register.simple_tag
def mini_program_rows(rows):
    """The rows of a page of `ListRow`s, drawn by Jinja2 (miniprograms/list_rows.jinja.html):
    Django's engine looked up, escaped and translated each of a page's 450 cells one template
    node at a time, which cost about as much as reading the page from the database."""
    detail_url = reverse("miniprograms:detail", args=[APP_ID_PLACEHOLDER])
    html = (
        engines["jinja2"]
        .get_template("miniprograms/list_rows.jinja.html")
        .render(
            {
                "rows": rows,
                "detail_url": lambda app_id: detail_url.replace(APP_ID_PLACEHOLDER, app_id, 1),
                "datetime": datetime,
            }
        )
    )
    # Jinja2 escaped every value as it drew it (core.jinja2).
    return mark_safe(html)  # noqa: S308
