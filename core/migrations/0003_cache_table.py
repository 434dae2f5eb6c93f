from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    """Makes the table of every database cache in CACHES (the default CACHE_URL is one), so a
    deployment that runs only `migrate` can count rate limits from its first request. The
    command skips a table that exists, so a site that ran `createcachetable` is unchanged."""
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_alter_activityevent_action"),
    ]

    # Going back leaves the table: it holds only cache entries, and `createcachetable` may have
    # made it before this migration existed, for a site that is still running on it.
    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
