"""The trial of an approved version: the link testers open and its QR code (docs/versions.md,
"Testers and the trial").

The link comes from TRIAL_LINK_TEMPLATE, so a platform can point it at its super app's deep link
instead of the console's trial page. The QR code is drawn here, as SVG: the link never reaches an
outside image service.
"""

import segno
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from releases.models import Version

# Medium error correction: the code still scans from a screen with glare or a smudged print.
QR_ERROR_CORRECTION = "m"
QR_SCALE = 4


def trial_link(version: Version) -> str:
    """TRIAL_LINK_TEMPLATE with the version's App ID and number in place of `{app_id}` and
    `{version}`; any other brace is the platform's own and left as written."""
    return settings.TRIAL_LINK_TEMPLATE.replace("{app_id}", version.mini_program.app_id).replace(
        "{version}", version.number
    )


def qr_svg(link: str, *, title: str) -> SafeString:
    """SVG markup of a QR code holding exactly `link`, to put inline in a page. A plain QR code
    (never a Micro QR, which phone cameras do not read), dark on white so it scans on any theme;
    `title` is what a screen reader says, escaped by segno."""
    code = segno.make_qr(link, error=QR_ERROR_CORRECTION)
    return mark_safe(  # noqa: S308 (segno writes the markup and escapes the title)
        code.svg_inline(scale=QR_SCALE, dark="#000", light="#fff", title=title, svgclass="trial-qr")
    )
