"""The Jinja2 environment of settings.TEMPLATES' "jinja2" engine, which draws forms: Django's form
templates in their Jinja2 versions and our few field templates (`*.jinja.html`; see
core.forms_renderer). Those may translate with `_("...")`, which makemessages finds."""

from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

from core.widgets import html_attributes


def environment(**options) -> Environment:
    # Django's engine asks for autoescape too; it is said here so no caller can turn it off.
    options.pop("autoescape", None)
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    # Old-style callables return plain strings, which are escaped like any other value (Jinja2's
    # new style would trust the translation as markup); Django escapes its translations too.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    # Django's widget templates included attrs.html once per input and per option, which cost
    # more than the markup: ours (templates/django/forms/widgets/) write them with this filter.
    env.filters["html_attributes"] = lambda attrs: Markup(html_attributes(attrs))  # noqa: S704 (it escapes every value)
    return env
