"""The API tokens page: the tokens a member may see, a form to make one, and revoking."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import member_required
from automation import services
from automation.forms import ApiTokenForm
from automation.selectors import api_token_for, visible_api_tokens

TOKENS_PAGE_SIZE = 50
# A new token's secret rides in the session from the POST that made it to the page that shows
# it, once: never in a URL, where logs and browser history would keep it.
NEW_SECRET_SESSION_KEY = "automation_new_api_token"  # noqa: S105 (a session key)


@never_cache
@member_required
def token_list(request):
    membership = request.membership
    form = ApiTokenForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_create(
                workspace=membership.workspace, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_SECRET_SESSION_KEY] = {"id": token.pk, "secret": secret}
            return redirect("automation:tokens")
    tokens = Paginator(visible_api_tokens(membership), TOKENS_PAGE_SIZE)
    return render(
        request,
        "automation/tokens.html",
        {
            "tokens": tokens.get_page(request.GET.get("page")),
            "new_token": _new_token(request, membership),
            "form": form,
        },
    )


def _new_token(request, membership) -> dict | None:
    """The token made by the previous request and its secret, taken out of the session."""
    new = request.session.pop(NEW_SECRET_SESSION_KEY, None)
    if new is None:
        return None
    token = visible_api_tokens(membership).filter(pk=new["id"]).first()
    return {"token": token, "secret": new["secret"]} if token is not None else None


@never_cache
@member_required
def token_revoke(request, token_id):
    token = api_token_for(request.membership, token_id)
    if request.method == "POST":
        services.api_token_revoke(token=token, actor=request.user)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("automation:tokens")
    return render(request, "automation/revoke.html", {"token": token})
