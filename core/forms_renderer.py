"""The form renderer: Django's form and widget templates in their Jinja2 versions, which Django
ships beside the Django-language ones and keeps in step with them, drawn by the project's
Jinja2 engine (settings.TEMPLATES, "jinja2"; see core.jinja2).

Drawing a form's fields was most of the time of the form pages (a select draws three templates
per option); Jinja2 compiles a template to Python and draws the same markup several times faster.
A template that exists only in the Django language — the admin's widgets — is drawn by Django's
own renderer, so nothing has to be written twice."""

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.template import TemplateDoesNotExist, engines


class FormRenderer(BaseRenderer):
    @functools.cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return engines["jinja2"].get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
