"""How every moment is shown: in the viewer's time zone, which is named, inside a `<time>` whose
machine-readable value is UTC to the second (the HTML spec allows no more than milliseconds, and
readers need no more than seconds)."""

from datetime import UTC
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.dates import date_format

register = template.Library()


@register.simple_tag
def datetime(value, date_only=False):
    """`{% datetime value %}`: date and time, then the zone. `{% datetime value date_only=True %}`
    shows the date alone (for narrow columns); its title still gives the time and the zone.

    Escaped with `html.escape`, which Django's `escape` calls too: a page of tables writes about
    a hundred moments, and `format_html` spent as long checking each value for a lazy string as
    the rest of the tag did writing the moment."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    zone = escape(timezone.get_current_timezone_name())
    # %S writes no fraction of a second.
    machine = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    full = escape(date_format(local, "DATETIME_FORMAT"))
    if date_only:
        date = escape(date_format(local, "DATE_FORMAT"))
        html = f'<time datetime="{machine}" title="{full} ({zone})">{date}</time>'
    else:
        html = f'<time datetime="{machine}">{full} <span class="time-zone">({zone})</span></time>'
    return mark_safe(html)  # noqa: S308 (every value is escaped above)
