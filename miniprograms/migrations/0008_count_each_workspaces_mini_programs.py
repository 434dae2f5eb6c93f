"""Fills `Workspace.mini_program_count` (accounts 0007) from the rows already there; from then on
miniprograms.signals moves it with each mini program created or deleted."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_mini_programs(apps, schema_editor):
    Workspace = apps.get_model("accounts", "Workspace")
    MiniProgram = apps.get_model("miniprograms", "MiniProgram")
    counted = (
        MiniProgram.objects.filter(workspace=OuterRef("pk"))
        .order_by()
        .values("workspace")
        .annotate(total=Count("pk"))
        .values("total")
    )
    Workspace.objects.update(mini_program_count=Coalesce(Subquery(counted), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_workspace_mini_program_count"),
        ("miniprograms", "0007_search_indexes"),
    ]

    operations = [
        migrations.RunPython(count_mini_programs, migrations.RunPython.noop, elidable=True),
    ]
