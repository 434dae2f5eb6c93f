from django import template
from django.utils.translation import gettext as _

from releases.models import Version
from releases.trial import qr_svg, trial_link

register = template.Library()


@register.inclusion_tag("releases/trial_qr.html")
def trial_qr(version: Version):
    """`{% trial_qr version %}`: the trial link and its QR code while the version can be tried
    (from Approve until it goes live in full or is canceled), else nothing."""
    if not version.is_in_release:
        return {"link": ""}
    link = trial_link(version)
    title = _("QR code of the trial link of version %(number)s") % {"number": version.number}
    return {"link": link, "qr": qr_svg(link, title=title)}
