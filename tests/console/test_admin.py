import re

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


def spaceless(html: str) -> str:
    """HTML with the whitespace between tags dropped and the rest collapsed."""
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("who", ["superuser", "viewer", "nobody"])
@pytest.mark.parametrize(
    "path", ["admin:index", "admin:miniprograms_industry_changelist", "admin:accounts_user_add"]
)
def test_the_sidebar_lists_the_apps_as_django_s_template_does(team, language, who, path):
    from django.contrib import admin
    from django.contrib.auth.models import Permission
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from core.templatetags.admin_sidebar import sidebar_app_list

    user = User.objects.create_user(
        email=f"{who}@console.test", password="x", full_name=who, is_staff=True
    )
    if who == "superuser":
        user.is_superuser = True
        user.save()
    elif who == "viewer":
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_industry", "change_user", "add_user"])
        )
        user = User.objects.get(pk=user.pk)
    request = RequestFactory().get(reverse(path))
    request.user = user

    with translation.override(language):
        app_list = admin.site.get_app_list(request)
        drawn = sidebar_app_list({"request": request}, app_list)
        django_s = render_to_string(
            "admin/app_list.html",
            {"app_list": app_list, "show_changelinks": False, "request": request},
        )

    assert spaceless(drawn) == spaceless(django_s)
    assert ("current-model" in drawn) == (who != "nobody" and path != "admin:index")
