from datetime import timedelta

from django.utils import timezone

from automation.models import ApiToken
from automation.services import api_token_record_use
from tests.automation.helpers import PAGE, create


def test_the_list_shows_when_and_from_where_a_token_was_last_used(team, sign_in):
    client = sign_in(team.owner)
    create(client)
    assert "Never used" in client.get(PAGE).text

    api_token_record_use(token=ApiToken.objects.get(), ip_address="203.0.113.7")

    page = client.get(PAGE).text
    assert "203.0.113.7" in page
    assert "Never used" not in page


def test_last_use_is_written_at_most_once_a_minute(team, sign_in):
    create(sign_in(team.owner))
    api_token_record_use(token=ApiToken.objects.get(), ip_address="203.0.113.7")

    # Another process holding an older copy of the token must not write either.
    stale = ApiToken.objects.get()
    stale.last_used_at = None
    api_token_record_use(token=stale, ip_address="198.51.100.1")
    assert ApiToken.objects.get().last_used_ip == "203.0.113.7"

    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    api_token_record_use(token=ApiToken.objects.get(), ip_address="198.51.100.1")
    assert ApiToken.objects.get().last_used_ip == "198.51.100.1"
