"""The rows of the Members page's two tables (templates/members/list.html)."""

from django import template
from django.template.defaultfilters import truncatechars

from core.rows import draw_rows, url_for_each
from core.templatetags.time_display import datetime

register = template.Library()


@register.simple_tag(takes_context=True)
def member_rows(context, members):
    """A page of memberships (members.selectors.members_page), with the reader's actions."""
    return draw_rows(
        "members/member_rows.jinja.html",
        {
            "members": members,
            "membership": context["membership"],
            "url": {
                action: url_for_each(f"members:{action}")
                for action in ("edit", "block", "unblock", "transfer", "remove")
            },
            "datetime": datetime,
        },
        request=context.request,
    )


@register.simple_tag(takes_context=True)
def invitation_rows(context, invitations):
    """A page of invitations (members.selectors.invitations_page), with the reader's actions."""
    return draw_rows(
        "members/invitation_rows.jinja.html",
        {
            "invitations": invitations,
            "membership": context["membership"],
            "url": {action: url_for_each(f"members:{action}") for action in ("resend", "withdraw")},
            "datetime": datetime,
            "truncatechars": truncatechars,
        },
        request=context.request,
    )
