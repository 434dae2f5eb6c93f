import re

from django.core import mail
from django.urls import reverse

URL = reverse("accounts:password_reset")


def test_it_mails_a_link_built_from_site_url(client, team, settings):
    settings.SITE_URL = "https://console.example.com"

    response = client.post(URL, {"email": "Olivia@Acme.test"}, HTTP_HOST="localhost")

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    [message] = mail.outbox
    assert message.to == ["olivia@acme.test"]
    assert "https://console.example.com/accounts/password/reset/" in message.body
    assert "localhost" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "https://console.example.com/accounts/password/reset/" in html


def test_it_answers_the_same_for_an_unknown_email(client, team):
    known = client.post(URL, {"email": "olivia@acme.test"})
    unknown = client.post(URL, {"email": "nobody@acme.test"})

    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(mail.outbox) == 1


def test_the_mailed_link_sets_a_new_password(client, team):
    client.post(URL, {"email": "olivia@acme.test"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase 9", "new_password2": "a brand new passphrase 9"},
    )

    assert response.url == reverse("accounts:password_reset_complete")
    team.owner.refresh_from_db()
    assert team.owner.check_password("a brand new passphrase 9")
