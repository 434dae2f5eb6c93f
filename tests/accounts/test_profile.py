"""Each person's own settings: name, time zone and interface language (issue 15)."""

from django.urls import reverse

from accounts.models import User

URL = reverse("accounts:profile")


def field_group(html, name):
    """The `<div class="field">` around the input called `name`: its label, errors and input."""
    at = html.index(f'name="{name}"')
    return html[html.rindex('<div class="field">', 0, at) : html.index("</select>", at)]


def save(client, **overrides):
    data = {"full_name": "Max Master", "time_zone": "UTC", "language": "en"} | overrides
    return client.post(URL, data, follow=True)


def test_the_profile_shows_the_persons_settings_and_a_way_to_change_the_password(sign_in, team):
    User.objects.filter(pk=team.master.pk).update(time_zone="Europe/Berlin")

    html = sign_in(team.master).get(URL).text

    assert 'value="Max Master"' in html
    assert '<optgroup label="Europe">' in html
    assert '<option value="Europe/Berlin" selected>Europe/Berlin</option>' in html
    assert '<option value="zh-hans">简体中文</option>' in html
    assert f'href="{reverse("accounts:password_change")}"' in html


def test_saving_the_profile_keeps_every_setting_and_says_so(sign_in, team):
    response = save(sign_in(team.master), full_name="Max Müller", time_zone="Asia/Shanghai")

    assert response.redirect_chain == [(URL, 302)]
    assert "Your profile has been saved." in response.text
    master = User.objects.get(pk=team.master.pk)
    assert (master.full_name, master.time_zone, master.language) == (
        "Max Müller",
        "Asia/Shanghai",
        "en",
    )


def test_choosing_chinese_switches_the_interface_like_the_language_switch(sign_in, team):
    client = sign_in(team.master)

    response = save(client, language="zh-hans")

    assert User.objects.get(pk=team.master.pk).language == "zh-hans"
    assert client.cookies["django_language"].value == "zh-hans"
    assert '<html lang="zh-hans">' in response.text
    assert '<option value="zh-hans" selected>简体中文</option>' in response.text


def test_an_unknown_time_zone_is_refused_next_to_the_field(sign_in, team):
    response = save(sign_in(team.master), time_zone="Mars/Olympus_Mons", full_name="Changed")

    assert response.status_code == 200
    assert "Choose a time zone from the list." in field_group(response.text, "time_zone")
    master = User.objects.get(pk=team.master.pk)
    assert (master.full_name, master.time_zone) == ("Max Master", "UTC")


def test_an_empty_name_is_refused_next_to_the_field(sign_in, team):
    response = save(sign_in(team.master), full_name="   ")

    assert "This field is required." in response.text
    assert User.objects.get(pk=team.master.pk).full_name == "Max Master"


def test_a_saved_time_zone_changes_how_dates_read(sign_in, team):
    client = sign_in(team.owner)
    save(client, full_name="Olivia Owner", time_zone="Asia/Kolkata")

    html = client.get(reverse("console:activity")).text

    assert '<span class="time-zone">(Asia/Kolkata)</span>' in html


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:signin"))
