"""How every moment is shown: in the viewer's time zone, which is named, inside a `<time>` whose
machine-readable value is UTC to the second (the HTML spec allows no more than milliseconds, and
readers need no more than seconds)."""

from datetime import UTC

from django import template
from django.utils import timezone
from django.utils.html import format_html

from core.dates import date_format

register = template.Library()


@register.simple_tag
def datetime(value, date_only=False):
    """`{% datetime value %}`: date and time, then the zone. `{% datetime value date_only=True %}`
    shows the date alone (for narrow columns); its title still gives the time and the zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    zone = timezone.get_current_timezone_name()
    machine = value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    full = date_format(local, "DATETIME_FORMAT")
    if date_only:
        return format_html(
            '<time datetime="{}" title="{} ({})">{}</time>',
            machine,
            full,
            zone,
            date_format(local, "DATE_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{} <span class="time-zone">({})</span></time>', machine, full, zone
    )
