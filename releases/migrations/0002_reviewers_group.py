"""The Reviewers group: staff put in it may approve and reject versions.

Django creates a model's permissions only after every migration has run, so this one creates the
permission it hands to the group itself (the later automatic step then finds it in place)."""

from django.db import migrations

GROUP = "Reviewers"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="releases", model="version")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_version",
        defaults={"name": "Can approve or reject versions"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
