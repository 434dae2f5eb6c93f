"""The data migration that re-keys names saved before ignorable characters were left out."""

import importlib

from django.apps import apps
from django.urls import reverse

from miniprograms.models import Listing
from tests.miniprograms.helpers import form_data

migration = importlib.import_module("miniprograms.migrations.0003_name_keys_leave_out_ignorables")


def test_a_name_saved_with_a_hidden_joiner_is_re_keyed_and_then_taken(sign_in, team):
    listing = team.assigned_mini_program.listings.get()
    # As the old rule saved it: the grapheme joiner was accepted and kept in the key.
    Listing.objects.filter(pk=listing.pk).update(
        name="Acme Rides\u034f", name_key="acme rides\u034f"
    )

    migration.rekey_names(apps, None)

    assert Listing.objects.get(pk=listing.pk).name_key == "acme rides"
    response = sign_in(team.outsider).post(
        reverse("miniprograms:create"), form_data(name="ACME Rides")
    )
    assert "Another mini program is already called" in response.text
