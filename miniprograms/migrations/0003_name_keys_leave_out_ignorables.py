from django.db import migrations

from miniprograms.validators import fold_name


def rekey_names(apps, schema_editor):
    """Names saved before the key left out the characters shown as nothing (a joiner, a
    variation selector) get the key today's rule gives them, so they are found as taken."""
    Listing = apps.get_model("miniprograms", "Listing")
    for listing in Listing.objects.only("name", "name_key").iterator():
        key = fold_name(listing.name)
        if key != listing.name_key:
            Listing.objects.filter(pk=listing.pk).update(name_key=key)


class Migration(migrations.Migration):

    dependencies = [
        ("miniprograms", "0002_curated_industries"),
    ]

    operations = [
        migrations.RunPython(rekey_names, migrations.RunPython.noop),
    ]
