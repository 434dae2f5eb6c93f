"""The rows of the Members page's two tables (templates/members/list.html)."""

from django import template
from django.template.defaultfilters import truncatechars

from core.rows import draw_rows, url_for_each
from core.templatetags.time_display import datetime

register = template.Library()


@register.simple_tag(takes_context=True)
def member_rows(context, members):
    """A page of memberships (members.selectors.members_page), with the reader's actions."""
    return _rows(context, "member_rows", members=members, actions=MEMBER_ACTIONS)


@register.simple_tag(takes_context=True)
def invitation_rows(context, invitations):
    """A page of invitations (members.selectors.invitations_page), with the reader's actions."""
    return _rows(
        context,
        "invitation_rows",
        invitations=invitations,
        actions=INVITATION_ACTIONS,
        truncatechars=truncatechars,
    )


MEMBER_ACTIONS = ("edit", "block", "unblock", "transfer", "remove")
INVITATION_ACTIONS = ("resend", "withdraw")


def _rows(context, template_name: str, *, actions: tuple[str, ...], **rows):
    return draw_rows(
        f"members/{template_name}.jinja.html",
        {
            **rows,
            "membership": context["membership"],
            "url": {action: url_for_each(f"members:{action}") for action in actions},
            "datetime": datetime,
        },
        request=context.request,
    )
