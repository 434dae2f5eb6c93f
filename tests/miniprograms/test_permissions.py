"""Who may open which mini program page (SPEC section 1), as one table.

Columns: the Owner, a Master, a Developer on the mini program assigned to them, the same
Developer on one not assigned to them, the Owner of another workspace, and an anonymous visitor.
Role-forbidden pages answer 403; objects the visitor may not see answer 404, never their data.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.miniprograms.helpers import image_bytes

LOGIN = "login"
PERSONAS = ["owner", "master", "developer", "developer_not_assigned", "outsider", "anonymous"]

TABLE = {
    #                 owner master developer  not assigned  outsider  anonymous
    "list": (200, 200, 200, 200, 200, LOGIN),
    "detail": (200, 200, 200, 404, 404, LOGIN),
    "create": (200, 200, 403, 403, 200, LOGIN),
    "edit": (200, 200, 403, 403, 404, LOGIN),
    "delete": (200, 200, 403, 403, 404, LOGIN),
    "language_add": (200, 200, 403, 403, 404, LOGIN),
    "language_edit": (200, 200, 403, 403, 404, LOGIN),
    "language_delete": (200, 200, 403, 403, 404, LOGIN),
    "listing_json": (200, 200, 200, 404, 404, 404),
    "logo": (200, 200, 200, 404, 404, 404),
}
CASES = [
    (page, persona, expected)
    for page, row in TABLE.items()
    for persona, expected in zip(PERSONAS, row, strict=True)
]


def page_url(page, mini_program):
    if page in ("list", "create"):
        return reverse(f"miniprograms:{page}")
    if page == "logo":
        return mini_program.logo_url
    if page in ("language_edit", "language_delete"):
        return reverse(f"miniprograms:{page}", args=[mini_program.app_id, "en"])
    return reverse(f"miniprograms:{page}", args=[mini_program.app_id])


@pytest.mark.parametrize(("page", "persona", "expected"), CASES)
def test_the_permission_table(page, persona, expected, team, client):
    mini_program = (
        team.other_mini_program
        if persona == "developer_not_assigned"
        else team.assigned_mini_program
    )
    mini_program.logo.save("logo.png", ContentFile(image_bytes(32, 32)))
    user = {
        "owner": team.owner,
        "master": team.master,
        "developer": team.developer,
        "developer_not_assigned": team.developer,
        "outsider": team.outsider,
        "anonymous": None,
    }[persona]
    if user is not None:
        client.force_login(user)
    url = page_url(page, mini_program)

    response = client.get(url)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:signin"))
    else:
        assert response.status_code == expected
    if response.status_code in (403, 404):
        assert mini_program.name not in response.content.decode()


def test_the_writes_refuse_like_the_pages(team, client):
    """The POSTs that change something answer as their pages do, and change nothing."""
    client.force_login(team.developer)
    app_id = team.assigned_mini_program.app_id
    for name, args in (
        ("edit", [app_id]),
        ("delete", [app_id]),
        ("language_add", [app_id]),
        ("language_delete", [app_id, "en"]),
        ("language_make_default", [app_id, "en"]),
    ):
        assert client.post(reverse(f"miniprograms:{name}", args=args)).status_code == 403
    client.force_login(team.outsider)
    assert client.post(reverse("miniprograms:delete", args=[app_id])).status_code == 404
    assert team.assigned_mini_program.listings.count() == 1
