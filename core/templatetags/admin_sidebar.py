"""The admin's navigation sidebar (templates/admin/nav_sidebar.html)."""

from urllib.parse import quote

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def sidebar_app_list(context, app_list) -> str:
    """Django's admin/app_list.html as its nav_sidebar.html includes it (show_changelinks off),
    written in one pass: drawn by the template, its ~20 nodes a model were a third of the
    rendering of every admin page. tests/console/test_admin.py compares the two."""
    if not app_list:
        # Django's own message, apostrophe and all, so its translations apply.
        return format_html(
            "<p>{}</p>",
            _("You don’t have permission to view or edit anything."),  # noqa: RUF001
        )
    # The template's `url in request.path|urlencode`, which is False for a model without a URL.
    path = quote(context["request"].path)
    head = format_html(
        '<thead class="visually-hidden"><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th></tr></thead>',
        _("Model name"),
        _("Add link"),
        _("Change or view list link"),
    )
    add = _("Add")
    return format_html_join(
        "",
        '<div class="app-{} module{}"><table><caption><a href="{}" class="section">{}</a>'
        "</caption>{}{}</table></div>",
        (
            (
                app["app_label"],
                " current-app" if app["app_url"] in path else "",
                app["app_url"],
                app["name"],
                head,
                format_html_join(
                    "", "{}", ((_model_row(app, model, path, add),) for model in app["models"])
                ),
            )
            for app in app_list
        ),
    )


def _model_row(app, model, path: str, add: str) -> str:
    name = model["object_name"].lower()
    row_id = f"{app['app_label']}-{name}"
    admin_url = model.get("admin_url")
    current = isinstance(admin_url, str) and admin_url in path
    if admin_url:
        label = format_html(
            '<a href="{}"{}>{}</a>',
            admin_url,
            mark_safe(' aria-current="page"') if current else "",
            model["name"],
        )
    else:
        label = model["name"]
    if model.get("add_url"):
        add_cell = format_html(
            '<td><a href="{}" class="addlink" aria-describedby="{}">{}</a></td>',
            model["add_url"],
            row_id,
            add,
        )
    else:
        add_cell = mark_safe("<td></td>")
    return format_html(
        '<tr class="model-{}{}"><th scope="row" id="{}">{}</th>{}</tr>',
        name,
        " current-model" if current else "",
        row_id,
        label,
        add_cell,
    )
