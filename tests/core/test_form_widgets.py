"""The console's widget templates (templates/django/forms/widgets/) draw what Django's own
Jinja2 templates draw, only faster: the same elements, attributes and text."""

from django import forms
from django.forms.renderers import Jinja2
from django.test.html import parse_html

from core.forms_renderer import FormRenderer
from miniprograms.forms import IndustrySelect


class EveryWidget(forms.Form):
    grouped = forms.ChoiceField(
        choices=[
            ("", "---------"),
            ("Fruit", [("apple", "Apple & pear"), ("kiwi", 'The "kiwi"')]),
            ("plain", "<b>Plain</b>"),
        ],
        widget=forms.Select(attrs={"class": "wide", "data-search": True, "hidden": False}),
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    with_keywords = forms.ChoiceField(
        choices=[("x", "X"), ("y", "Y")],
        widget=IndustrySelect(attrs={"aria-describedby": "help"}),
    )
    text = forms.CharField(
        max_length=30,
        widget=forms.TextInput(attrs={"autofocus": True, "placeholder": 'e.g. "Tom" & <Jerry>'}),
    )
    email = forms.EmailField(required=False)
    number = forms.IntegerField(min_value=1)
    hidden = forms.CharField(widget=forms.HiddenInput)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    agreed = forms.BooleanField()
    kind = forms.ChoiceField(choices=[("one", "One"), ("two", "Two")], widget=forms.RadioSelect)
    tags = forms.MultipleChoiceField(
        choices=[("red", "Red"), ("blue", "Blue")], widget=forms.CheckboxSelectMultiple
    )
    logo = forms.FileField(required=False)


def drawn_by(renderer, data=None):
    """The form's fields as parsed HTML, so an entity written `&#34;` equals one written
    `&quot;`."""
    form = EveryWidget(data, renderer=renderer)
    return parse_html("".join(field.as_field_group() for field in form))


def test_the_widgets_draw_what_djangos_own_templates_draw_empty():
    assert drawn_by(FormRenderer()) == drawn_by(Jinja2())


def test_the_widgets_draw_what_djangos_own_templates_draw_with_values_to_escape():
    data = {
        "grouped": "kiwi",
        "several": ["a", "c"],
        "with_keywords": "y",
        "text": 'Tom & "Jerry" <script>',
        "email": "not an address",
        "number": "0",
        "hidden": "x'y",
        "description": "</textarea><b>bold</b>",
        "kind": "two",
        "tags": ["blue"],
    }
    ours = drawn_by(FormRenderer(), data)
    assert ours == drawn_by(Jinja2(), data)
    assert parse_html('<option value="kiwi" selected>The "kiwi"</option>') in ours
    assert parse_html('<option value="apple">Apple &amp; pear</option>') in ours
