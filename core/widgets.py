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
    """Django's select, markup and all, without its templates or the dictionary it builds per
    option: the Activity page's "Who" lists every member, and a thousand options took 400 ms to
    draw. Every value is escaped here."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = set(self.format_value(value))
        # Like Django's: only the first option with the value is selected.
        selected = []

        def option(option_value, label) -> str:
            option_value = "" if option_value is None else str(option_value)
            is_selected = not selected and option_value in wanted
            if is_selected:
                selected.append(option_value)
            return (
                f'\n  <option value="{escape(option_value)}"{" selected" if is_selected else ""}>'
                f"{escape(str(label))}</option>"
            )

        groups = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                options = "".join(option(*choice) for choice in label)
                groups.append(
                    f'\n  <optgroup label="{escape(str(option_value))}">{options}\n  </optgroup>'
                )
            else:
                groups.append(option(option_value, label))
        attributes = html_attributes(self.build_attrs(self.attrs, attrs))
        select = f'<select name="{escape(name)}"{attributes}>'
        return mark_safe(f"{select}{''.join(groups)}\n</select>")  # noqa: S308 (escaped above)
