"""The Webhooks pages: a workspace's endpoints, each with its delivery log and buttons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import member_required
from webhooks import services
from webhooks.access import MANAGE_WEBHOOKS
from webhooks.forms import EndpointForm
from webhooks.models import WebhookEndpoint
from webhooks.selectors import endpoint_deliveries, workspace_endpoints

DELIVERIES_PAGE_SIZE = 25
# The session key under which a new secret waits to be shown, once, on the endpoint's page.
NEW_SECRET_KEY = "webhooks.new_secret"  # noqa: S105 (a key name)


def _workspace_endpoint(request, endpoint_id) -> WebhookEndpoint:
    return get_object_or_404(
        WebhookEndpoint.objects.select_related("workspace"),
        pk=endpoint_id,
        workspace=request.membership.workspace,
    )


def _show_secret_once(request, endpoint: WebhookEndpoint):
    """The secret goes through the session, never the URL, and is gone after one page."""
    request.session[NEW_SECRET_KEY] = {"endpoint": endpoint.pk, "secret": endpoint.secret}
    return redirect("webhooks:detail", endpoint.pk)


@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_list(request):
    endpoints = workspace_endpoints(request.membership.workspace)
    return render(request, "webhooks/list.html", {"endpoints": endpoints})


@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_create(request):
    form = EndpointForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                workspace=request.membership.workspace, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The endpoint was added."))
            return _show_secret_once(request, endpoint)
    return render(request, "webhooks/form.html", {"form": form})


@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_detail(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    new_secret = request.session.pop(NEW_SECRET_KEY, None)
    deliveries = Paginator(endpoint_deliveries(endpoint), DELIVERIES_PAGE_SIZE)
    return render(
        request,
        "webhooks/detail.html",
        {
            "endpoint": endpoint,
            "new_secret": new_secret["secret"]
            if new_secret and new_secret["endpoint"] == endpoint.pk
            else None,
            "deliveries": deliveries.get_page(request.GET.get("page")),
        },
    )


@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_edit(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    form = EndpointForm.for_endpoint(endpoint, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(endpoint=endpoint, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The endpoint was saved."))
            return redirect("webhooks:detail", endpoint.pk)
    return render(request, "webhooks/form.html", {"form": form, "endpoint": endpoint})


@require_POST
@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_test(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    services.endpoint_send_test(endpoint=endpoint, actor=request.user)
    messages.success(request, _("A test event is on its way. Its delivery is listed below."))
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_enable(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    services.endpoint_enable(endpoint=endpoint, actor=request.user)
    messages.success(request, _("The endpoint is enabled."))
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_disable(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    services.endpoint_disable(endpoint=endpoint, actor=request.user)
    messages.success(request, _("The endpoint is disabled. Nothing is sent to it until enabled."))
    return redirect("webhooks:detail", endpoint.pk)


@require_POST
@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_rotate_secret(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    endpoint = services.endpoint_rotate_secret(endpoint=endpoint, actor=request.user)
    messages.success(request, _("The endpoint has a new secret. The old one no longer signs."))
    return _show_secret_once(request, endpoint)


@member_required(permission=MANAGE_WEBHOOKS)
def endpoint_delete(request, endpoint_id):
    endpoint = _workspace_endpoint(request, endpoint_id)
    if request.method == "POST":
        services.endpoint_delete(endpoint=endpoint, actor=request.user)
        messages.success(request, _("The endpoint was deleted."))
        return redirect("webhooks:endpoints")
    return render(request, "webhooks/delete.html", {"endpoint": endpoint})
