"""The bad-input corpus against every form and the JSON endpoint (issue 6, part 4).

Each form is first sent valid data (the control case: it must be accepted, so a refusal below
is the bad value's doing). Then one field at a time gets a value from `corpus`: the answer must
be the form again with an error next to that field (or a 4xx), never a 500; no row may be added
or changed and no file left in MEDIA_ROOT.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, User, Workspace
from core.models import ActivityEvent
from members.models import Invitation
from miniprograms import kept_logos
from miniprograms.models import Industry, Listing, MiniProgram
from tests.personas import PASSWORD
from tests.security import corpus


def padded(template: str, names: dict) -> dict:
    """The hidden characters of NAMES inside text of a valid length for a tagline (10 to 30) or a
    description (20 to 200), so only the character can be the reason for a refusal."""
    return {
        key: value if not value.strip() or len(value) > 200 else template.format(value)
        for key, value in names.items()
    }


TAGLINES = padded("Park: {}", corpus.NAMES)
# A description may hold line breaks.
DESCRIPTIONS = padded("Find parking near you: {} today", corpus.NAMES)
DESCRIPTIONS.pop("newline")


def mini_program_data(**overrides):
    data = {
        "default_language": "en",
        "name": "Acme Parking",
        "tagline": "Park in seconds",
        "description": "Find, book and pay for parking near you.",
        "logo": SimpleUploadedFile("logo.png", corpus.png(), content_type="image/png"),
        "industry": Industry.objects.get(code="parking").pk,
        "customer_service_phone": "0571-88888888",
        "customer_service_email": "service@example.com",
    }
    return data | overrides


def listing_data(**overrides):
    return {
        "language": "zh-Hans",
        "name": "Acme Parking CN",
        "tagline": "Park in seconds, in Chinese",
        "description": "Find, book and pay for parking near you, in Chinese.",
    } | overrides


@dataclass(frozen=True)
class Form:
    url: Callable  # (team) -> URL
    user: str | None  # attribute of `team`, or None for a visitor
    data: Callable  # () -> valid data
    fields: dict = field(default_factory=dict)  # field -> corpus
    prepare: Callable | None = None  # (client, team) -> None, before the POST
    follow: bool = False  # the wizard answers a refusal with a redirect to its own step


def start_wizard(choice):
    def prepare(client, team):
        client.post(reverse("onboarding:start"), {"choice": choice})
        if choice == "own":
            response = client.post(
                reverse("onboarding:basic_information"),
                {"default_language": "en", "name": "Wizard Rides", "action": "next"},
            )
            assert response.status_code == 302

    return prepare


def wizard_start_only(client, team):
    client.post(reverse("onboarding:start"), {"choice": "own"})


FORMS = {
    "sign_up": Form(
        url=lambda team: reverse("accounts:signup"),
        user=None,
        data=lambda: {
            "full_name": "Alice Example",
            "email": "alice@example.com",
            "password": "a long enough passphrase 7",
        },
        fields={"full_name": corpus.NAMES, "email": corpus.EMAILS},
    ),
    "sign_in": Form(
        url=lambda team: reverse("accounts:signin"),
        user=None,
        data=lambda: {"username": "olivia@acme.test", "password": PASSWORD},
        fields={"username": corpus.EMAILS},
    ),
    "password_reset": Form(
        url=lambda team: reverse("accounts:password_reset"),
        user=None,
        data=lambda: {"email": "olivia@acme.test"},
        fields={"email": corpus.EMAILS},
    ),
    "workspace_settings": Form(
        url=lambda team: reverse("console:settings"),
        user="owner",
        data=lambda: {"name": "Acme Two"},
        fields={"name": corpus.NAMES},
    ),
    "mini_program_create": Form(
        url=lambda team: reverse("miniprograms:create"),
        user="owner",
        data=mini_program_data,
        fields={
            "name": corpus.NAMES,
            "tagline": TAGLINES,
            "description": DESCRIPTIONS,
            "customer_service_phone": corpus.PHONES,
            "customer_service_email": corpus.EMAILS,
            "logo": "LOGOS",
        },
    ),
    "mini_program_edit": Form(
        url=lambda team: reverse("miniprograms:edit", args=[team.assigned_mini_program.app_id]),
        user="owner",
        data=lambda: mini_program_data(name="Acme Rides Two"),
        fields={
            "name": corpus.NAMES,
            "tagline": TAGLINES,
            "description": DESCRIPTIONS,
            "customer_service_phone": corpus.PHONES,
            "customer_service_email": corpus.EMAILS,
            "logo": "LOGOS",
        },
    ),
    "language_add": Form(
        url=lambda team: reverse(
            "miniprograms:language_add", args=[team.assigned_mini_program.app_id]
        ),
        user="owner",
        data=listing_data,
        fields={"name": corpus.NAMES, "tagline": TAGLINES, "description": DESCRIPTIONS},
    ),
    "language_edit": Form(
        url=lambda team: reverse(
            "miniprograms:language_edit", args=[team.assigned_mini_program.app_id, "en"]
        ),
        user="owner",
        data=lambda: listing_data(language="en", name="Acme Rides Again"),
        fields={"name": corpus.NAMES, "tagline": TAGLINES, "description": DESCRIPTIONS},
    ),
    "invitation": Form(
        url=lambda team: reverse("members:list"),
        user="owner",
        data=lambda: {"name": "Ivy Invitee", "email": "ivy@example.com", "role": "master"},
        fields={"name": corpus.NAMES, "email": corpus.EMAILS},
    ),
    "onboarding_basic_information": Form(
        url=lambda team: reverse("onboarding:basic_information"),
        user="owner",
        data=lambda: {"default_language": "en", "name": "Wizard Rides", "action": "next"},
        fields={"name": corpus.NAMES},
        prepare=wizard_start_only,
        follow=True,
    ),
    "onboarding_add_members": Form(
        url=lambda team: reverse("onboarding:add_members"),
        user="owner",
        data=lambda: {"name": "Ivy Invitee", "email": "ivy@example.com", "role": "master"},
        fields={"name": corpus.NAMES, "email": corpus.EMAILS},
        prepare=start_wizard("own"),
        follow=True,
    ),
    "onboarding_add_master": Form(
        url=lambda team: reverse("onboarding:add_master"),
        user="owner",
        data=lambda: {"name": "Ivy Invitee", "email": "ivy@example.com"},
        fields={"name": corpus.NAMES, "email": corpus.EMAILS},
        prepare=start_wizard("master"),
        follow=True,
    ),
}

SAVED = [User, Workspace, Membership, MiniProgram, Listing, Invitation, ActivityEvent]


def snapshot(media_root):
    rows = {model.__name__: list(model.objects.values()) for model in SAVED}
    # A logo that passed its checks is kept on purpose when another field fails
    # (miniprograms.kept_logos); every other file must stay as it was.
    kept = media_root / kept_logos.FOLDER
    files = sorted(
        str(path) for path in media_root.rglob("*") if path.is_file() and kept not in path.parents
    )
    return rows, files


def send(client, team, form, data):
    if form.user:
        client.force_login(getattr(team, form.user))
    if form.prepare:
        form.prepare(client, team)
    return client.post(form.url(team), data, follow=form.follow)


def cases():
    logos = corpus.logos()
    for form_name, form in FORMS.items():
        for field_name, values in form.fields.items():
            values = logos if values == "LOGOS" else values
            for value_name in values:
                yield pytest.param(
                    form_name, field_name, value_name, id=f"{form_name}-{field_name}-{value_name}"
                )


@pytest.mark.parametrize("form_name", sorted(FORMS))
def test_the_valid_data_of_each_form_is_accepted(client, team, form_name, media_root):
    form = FORMS[form_name]
    before = snapshot(media_root)

    response = send(client, team, form, form.data())

    assert response.status_code in (200, 302)
    if form.follow:
        assert response.redirect_chain
    else:
        assert response.status_code == 302
    if form_name not in ("sign_in", "password_reset"):
        assert snapshot(media_root) != before


@pytest.mark.parametrize(("form_name", "field_name", "value_name"), list(cases()))
def test_a_bad_value_is_refused_next_to_its_field(
    client, team, media_root, mailoutbox, form_name, field_name, value_name
):
    form = FORMS[form_name]
    if field_name == "logo":
        value = SimpleUploadedFile("logo.png", corpus.logos()[value_name], content_type="image/png")
    else:
        value = form.fields[field_name][value_name]
    if form.user:
        client.force_login(getattr(team, form.user))
    if form.prepare:
        form.prepare(client, team)
    before = snapshot(media_root)
    mail_before = len(mailoutbox)

    response = client.post(form.url(team), form.data() | {field_name: value}, follow=form.follow)

    assert response.status_code < 500
    if response.status_code == 200:
        bound = response.context["form"]
        # Sign-in never says which part was wrong (no account enumeration).
        where = {field_name, "__all__"} if form_name == "sign_in" else {field_name}
        assert where & set(bound.errors), bound.errors.as_data()
        # Next to the field, or, for an error of the whole form (sign-in), in the summary.
        assert 'class="errorlist' in response.text or (
            set(bound.errors) == {"__all__"} and 'class="error-summary"' in response.text
        )
    else:
        assert 400 <= response.status_code < 500
    assert snapshot(media_root) == before
    assert len(mailoutbox) == mail_before


@pytest.mark.parametrize("charset", corpus.CHARSETS)
@pytest.mark.parametrize("form_name", sorted(FORMS))
def test_a_form_in_another_charset_is_a_bad_request(team, media_root, form_name, charset):
    form = FORMS[form_name]
    # The CSRF check runs, as in a browser, with a cookie: the body is what it reads first.
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "0123456789abcdefghijklmnopqrstuv"
    if form.user:
        client.force_login(getattr(team, form.user))
    fields = {name: value for name, value in form.data().items() if isinstance(value, str)}
    before = snapshot(media_root)

    response = client.generic(
        "POST",
        form.url(team),
        urlencode(fields).encode(charset),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400
    assert "Bad request" in response.text
    assert snapshot(media_root) == before


@pytest.mark.parametrize("value_name", sorted(corpus.FORWARDED_FOR))
def test_any_forwarded_for_header_lets_writes_through(client, team, settings, value_name):
    settings.USE_X_FORWARDED_FOR = True
    header, recorded = corpus.FORWARDED_FOR[value_name]
    recorded = recorded or "127.0.0.1"  # the test client's own address
    headers = {"x-forwarded-for": header}

    signed_up = client.post(
        reverse("accounts:signup"),
        {"full_name": "Ada", "email": "ada@example.com", "password": "a long enough passphrase 7"},
        headers=headers,
    )
    client.force_login(team.owner)
    renamed = client.post(reverse("console:settings"), {"name": "Acme Two"}, headers=headers)

    assert (signed_up.status_code, renamed.status_code) == (302, 302)
    created = ActivityEvent.objects.get(
        action=ActivityEvent.Action.WORKSPACE_CREATED, actor_email="ada@example.com"
    )
    renaming = ActivityEvent.objects.get(action=ActivityEvent.Action.WORKSPACE_RENAMED)
    assert (created.ip_address, renaming.ip_address) == (recorded, recorded)
    assert f"<td>{recorded}</td>" in client.get(reverse("console:activity")).text


def test_an_html_polyglot_logo_is_stored_only_re_encoded(client, team, media_root):
    client.force_login(team.owner)
    polyglot = SimpleUploadedFile("logo.png", corpus.html_polyglot(), content_type="image/png")

    response = client.post(reverse("miniprograms:create"), mini_program_data(logo=polyglot))

    assert response.status_code == 302
    mini_program = MiniProgram.objects.get(listings__name="Acme Parking")
    stored = mini_program.logo.read()
    assert stored.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<script" not in stored and b"<html" not in stored
    assert stored.endswith(b"IEND\xaeB`\x82")
    assert mini_program.logo_filename != "logo.png"
    served = client.get(mini_program.logo_url)
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


LANGUAGE_REQUESTS = {
    "ten_thousand_characters": "x" * 10_000,
    "nul": "en\x00",
    "crlf": "en\r\nSet-Cookie: a=b",
    "path": "../../etc/passwd",
    "wildcard": "*",
    "quality_garbage": "en;q=abc, zh;q=-1, *;q=2",
    "only_separators": ",,,;;;",
    "unicode": "中文",
    "bidi": "\u202een",
}


@pytest.mark.parametrize("value", LANGUAGE_REQUESTS.values(), ids=LANGUAGE_REQUESTS.keys())
@pytest.mark.parametrize("where", ["query", "header"])
def test_the_json_endpoint_answers_any_language_request(client, team, where, value):
    client.force_login(team.owner)
    url = reverse("miniprograms:listing_json", args=[team.assigned_mini_program.app_id])

    if where == "query":
        response = client.get(url, {"lang": value})
    else:
        response = client.get(url, headers={"accept-language": value})

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["language"] == "en"
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "app_id", ["0" * 16, "1" * 15, "9" * 17, "abc", "%00", "1234567890123456%0d%0a"]
)
def test_the_json_endpoint_answers_404_for_an_unknown_app_id(client, team, app_id):
    client.force_login(team.owner)

    response = client.get(f"/console/mini-programs/{app_id}/listing.json")

    assert response.status_code == 404
