"""The rows of a mini program's Versions section (templates/releases/versions_section.html)."""

from django import template
from django.template.defaultfilters import filesizeformat, linebreaksbr, truncatechars
from django.utils.translation import gettext, ngettext

from core.rows import draw_rows, url_for_each
from core.templatetags.time_display import datetime

register = template.Library()

# A version number the path converter takes; the App ID before it has no dots.
VERSION_PLACEHOLDER = "0.0.0"

# The version's buttons (releases.actions.TEAM_ACTIONS' keys) and the page each one opens or
# posts to, with the package and trial pages every row links to.
ROW_URLS = {
    "package": "releases:package",
    "trial": "trial:page",
    "apply": "releases:apply",
    "withdraw": "releases:withdraw",
    "complete": "releases:complete",
    "go_live": "releases:go_live",
    "grayscale": "releases:grayscale",
    "scale_up": "releases:scale_up",
    "full_release": "releases:full_release",
    "roll_back": "releases:roll_back",
    "cancel": "releases:cancel",
    "delete": "releases:delete",
}


def devices_share(percentage: int) -> str:
    return gettext("%(percentage)s%% of devices") % {"percentage": percentage}


def package_summary(version) -> str:
    files = version.package_file_count
    return ngettext("%(size)s, %(files)s file", "%(size)s, %(files)s files", files) % {
        "size": filesizeformat(version.package_size),
        "files": files,
    }


@register.simple_tag(takes_context=True)
def version_rows(context, versions, mini_program):
    """The versions (releases.views.versions_section), each with the buttons in `buttons`."""
    return draw_rows(
        "releases/version_rows.jinja.html",
        {
            "versions": versions,
            "url": {
                key: url_for_each(name, mini_program.app_id, placeholder=VERSION_PLACEHOLDER)
                for key, name in ROW_URLS.items()
            },
            "datetime": datetime,
            "devices_share": devices_share,
            "package_summary": package_summary,
            "linebreaksbr": linebreaksbr,
            "truncatechars": truncatechars,
        },
        request=context.request,
    )
