"""The smoke journey: what a first customer does, spread over two console processes.

Every step goes over HTTP to one of two gunicorn processes (A and B) that share only PostgreSQL
and Redis, so whatever one process writes or counts, the other must see. Invitation mail is sent
by the `db_worker` process and read back from the file backend's folder.
"""

import email
import re
import time
from dataclasses import dataclass
from email.policy import default as default_policy
from pathlib import Path

from tests.smoke.browser import Browser, File, Response, option_values, square_png

PASSWORD = "a long enough passphrase 7"
MAIL_WAIT_SECONDS = 60
# The file backend ends every message with this line.
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


class SmokeFailure(AssertionError):
    pass


@dataclass(frozen=True)
class Stack:
    a: str  # base URL of console process A
    b: str  # base URL of console process B
    site_url: str  # SITE_URL, from which mailed links are built
    mail_dir: Path
    sign_in_limit: int  # failed sign-ins per account before the 429 page


def step(title: str) -> None:
    print(f"  - {title}", flush=True)


def expect(response: Response, status: int, *, location: str | None = None, text: str = ""):
    problems = []
    if response.status != status:
        problems.append(f"status {response.status}, expected {status}")
    if location is not None and response.location != location:
        problems.append(f"Location {response.location!r}, expected {location!r}")
    if text and text not in response.text:
        problems.append(f"no {text!r} on the page")
    if problems:
        raise SmokeFailure("; ".join(problems) + "\n" + response.text[:2000])
    return response


def run(stack: Stack) -> None:
    owner, invitee = Browser(), Browser()

    step("plain HTTP is redirected to HTTPS (production settings)")
    answer = owner.get(stack.a + "/accounts/signin/", https=False)
    expect(answer, 301)
    if not (answer.location or "").startswith("https://"):
        raise SmokeFailure(f"redirected to {answer.location!r}")

    step("an Owner signs up on A")
    expect(owner.get(stack.a + "/accounts/signup/"), 200)
    fields = {"full_name": "Olga Owner", "email": "olga@example.com", "password": PASSWORD}
    expect(owner.post(stack.a + "/accounts/signup/", fields), 302, location="/onboarding/")

    step("B shows the Owner's empty mini program list")
    # Drawn now, so this list sits in the fragment cache when A adds to it; B must not serve
    # it stale then.
    empty = expect(owner.get(stack.b + "/console/mini-programs/"), 200, text="Olga Owner")
    if "Smoke Parking" in empty.text:
        raise SmokeFailure("a mini program is listed before any was made")

    step("the Owner creates a mini program on A")
    form = expect(owner.get(stack.a + "/console/mini-programs/new/"), 200)
    industries = option_values(form.text, "industry")
    if not industries:
        raise SmokeFailure("the create form offers no industry")
    fields = {
        "default_language": "en",
        "name": "Smoke Parking",
        "tagline": "Park in seconds",
        "description": "Find, book and pay for parking near you.",
        "industry": industries[0],
        "customer_service_phone": "0571-88888888",
        "customer_service_email": "service@example.com",
    }
    logo = {"logo": File("logo.png", "image/png", square_png())}
    created = owner.post(stack.a + "/console/mini-programs/new/", fields, files=logo)
    expect(created, 302)

    step("B lists it")
    expect(owner.get(stack.b + "/console/mini-programs/"), 200, text="Smoke Parking")

    step("the Owner invites a Master on B")
    expect(owner.get(stack.b + "/console/members/"), 200)
    fields = {"name": "Ivan Invitee", "email": "ivan@example.com", "role": "master"}
    expect(owner.post(stack.b + "/console/members/", fields), 302, location="/console/members/")

    step("the worker mails the invitation")
    link = invitation_link(stack, "ivan@example.com")

    step("the invitee opens the link on A and signs up (which accepts) on B")
    expect(invitee.get(stack.a + link), 302, location="/invitations/")
    expect(invitee.get(stack.b + "/invitations/"), 200, text="Olga Owner")
    fields = {"full_name": "Ivan Invitee", "password": PASSWORD}
    signed_up = invitee.post(stack.b + "/invitations/sign-up/", fields)
    expect(signed_up, 302, location="/console/")

    step("the new Master sees the mini program on B")
    expect(invitee.get(stack.b + "/console/mini-programs/"), 200, text="Smoke Parking")

    sign_in_limit_holds_across_processes(stack, "ivan@example.com")


def invitation_link(stack: Stack, recipient: str) -> str:
    """The path of the link in the newest invitation mailed to `recipient`, once it arrives."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    pattern = re.compile(re.escape(stack.site_url) + r"(/invitations/[\w-]+/)")
    while time.monotonic() < deadline:
        for message in mailed_messages(stack.mail_dir):
            if recipient in message.get("To", ""):
                body = message.get_body(("plain",)).get_content()
                match = pattern.search(body)
                if match is None:
                    raise SmokeFailure("no invitation link in the mail:\n" + body)
                return match.group(1)
        time.sleep(0.5)
    raise SmokeFailure(f"no mail to {recipient} within {MAIL_WAIT_SECONDS} s; is db_worker up?")


def mailed_messages(folder: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in sorted(folder.glob("*.log")):
        # The last piece is empty, or a message still being written.
        for raw in path.read_bytes().split(MAIL_SEPARATOR)[:-1]:
            messages.append(email.message_from_bytes(raw, policy=default_policy))
    return messages


def sign_in_limit_holds_across_processes(stack: Stack, account: str) -> None:
    """Wrong passwords alternate between A and B. Each process counting on its own would let
    about twice the limit through; one shared count locks at the limit (the failure that reaches
    it, or the attempt after it, gets the 429 page), and then even the right password is refused
    by both processes until the cool-off ends."""
    step(f"wrong passwords alternating between A and B lock {account} at {stack.sign_in_limit}")
    attacker = Browser()
    bases = [stack.a, stack.b]
    expect(attacker.get(stack.a + "/accounts/signin/"), 200)
    answers = []
    for attempt in range(stack.sign_in_limit + 1):
        fields = {"username": account, "password": f"wrong guess {attempt}"}
        answers.append(attacker.post(bases[attempt % 2] + "/accounts/signin/", fields).status)
    statuses = ", ".join(map(str, answers))
    if answers[: stack.sign_in_limit - 1] != [200] * (stack.sign_in_limit - 1):
        raise SmokeFailure(f"refused before the limit: {statuses}")
    if answers[-1] != 429:
        raise SmokeFailure(f"not locked after {stack.sign_in_limit} failures: {statuses}")

    step("the right password is refused too, by both processes")
    for base in bases:
        fields = {"username": account, "password": PASSWORD}
        expect(attacker.post(base + "/accounts/signin/", fields), 429)
