import pytest
from django.urls import reverse

from accounts.models import User
from core.models import ActivityEvent


@pytest.fixture
def staff_client(client, team):
    admin = User.objects.create_superuser(
        email="root@console.test", password="x", full_name="Root Admin"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model", ["accounts/user", "accounts/workspace", "accounts/membership", "core/activityevent"]
)
def test_staff_can_browse_and_search_every_changelist(staff_client, model):
    url = reverse(f"admin:{model.replace('/', '_')}_changelist")

    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "acme"}).status_code == 200


def test_the_workspace_changelist_names_its_owner(staff_client):
    html = staff_client.get(reverse("admin:accounts_workspace_changelist")).text

    assert "olivia@acme.test" in html
    assert "oscar@globex.test" in html


def test_the_activity_log_is_read_only_in_the_admin(staff_client):
    event = ActivityEvent.objects.first()

    assert staff_client.get(reverse("admin:core_activityevent_add")).status_code == 403
    delete_url = reverse("admin:core_activityevent_delete", args=[event.pk])
    assert staff_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert ActivityEvent.objects.filter(pk=event.pk).exists()


def test_members_may_not_open_the_admin(sign_in, team):
    response = sign_in(team.owner).get(reverse("admin:index"))

    assert response.status_code == 302
    assert reverse("admin:login") in response.url
