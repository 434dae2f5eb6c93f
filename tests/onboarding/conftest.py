import pytest
from django.urls import reverse

from accounts.models import Membership
from onboarding.models import Onboarding
from tests.personas import make_owner


@pytest.fixture
def newcomer(db):
    """An Owner who has just signed up: an empty workspace, the wizard ahead."""
    return make_owner(
        full_name="Nina Newcomer", email="nina@example.com", workspace_name="Nina's workspace"
    )


@pytest.fixture
def owner(sign_in, newcomer):
    """The test client, signed in as the newcomer."""
    return sign_in(newcomer)


def wizard(user) -> Onboarding:
    return Onboarding.objects.get(
        workspace__memberships__user=user, workspace__memberships__role=Membership.Role.OWNER
    )


def choose(client, choice: str):
    return client.post(reverse("onboarding:start"), {"choice": choice})


def basic_information(
    client, *, name="Nina Rides", language="en", alipay=False, action="next", follow=False
):
    data = {"default_language": language, "name": name, "action": action}
    if alipay:
        data["release_to_alipay_china"] = "on"
    return client.post(reverse("onboarding:basic_information"), data, follow=follow)


def refused(response, url):
    """A refused form comes back, after a redirect, on its own step."""
    assert response.redirect_chain == [(url, 302)]
    return response


def created_on_my_own(client, **fields):
    """Through the start page and step 1 to step 2, as a user would go."""
    choose(client, "own")
    response = basic_information(client, **fields)
    assert response.status_code == 302, response.content.decode()
    return response
