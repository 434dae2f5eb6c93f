"""Form widgets written out in Python, for choices long enough that Django's templates per
option become the cost of the page (each option is two or three template renders)."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


def html_attributes(attrs: dict) -> str:
    """HTML attributes as Django's attrs.html writes them: True bare, False and None left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """Django's select, markup and all, without its templates: the Activity page's "Who" lists
    every member, and a thousand options took 400 ms to draw. Every value is escaped here."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            markup = "".join(
                f'\n  <option value="{escape(str(option["value"]))}"'
                f"{html_attributes(option['attrs'])}>{escape(str(option['label']))}</option>"
                for option in options
            )
            if group_name:
                markup = f'\n  <optgroup label="{escape(str(group_name))}">{markup}\n  </optgroup>'
            groups.append(markup)
        select = f'<select name="{escape(name)}"{html_attributes(widget["attrs"])}>'
        return mark_safe(f"{select}{''.join(groups)}\n</select>")  # noqa: S308 (escaped above)
