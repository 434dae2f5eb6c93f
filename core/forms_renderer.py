"""The form renderer: Django's form and widget templates in their Jinja2 versions, which Django
ships beside the Django-language ones and keeps in step with them.

Drawing a form's fields was most of the time of the form pages (a select draws three templates
per option); Jinja2 compiles a template to Python and draws the same markup several times faster.
A template that exists only in the Django language — the admin's widgets — is drawn by Django's
own renderer, so nothing has to be written twice."""

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist


class FormRenderer(BaseRenderer):
    @functools.cached_property
    def _jinja2(self) -> Jinja2:
        return Jinja2()

    @functools.cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self._jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
