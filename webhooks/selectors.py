from django.db.models import QuerySet

from accounts.models import Workspace
from webhooks.models import WebhookDelivery, WebhookEndpoint


def workspace_endpoints(workspace: Workspace) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(workspace=workspace)


def endpoint_deliveries(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.order_by("-created_at", "-id")
