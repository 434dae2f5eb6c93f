"""The admin's mini program changelist (templates/admin/miniprograms/miniprogram/)."""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_list

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def mini_program_result_list(cl):
    """Django's `result_list`, with the rows MiniProgramAdmin.draw_rows writes when it can."""
    rows = cl.model_admin.draw_rows(cl)
    if rows is None:
        return result_list(cl)
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        # Only an editable list has hidden fields, and draw_rows leaves those to Django.
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": rows,
    }
