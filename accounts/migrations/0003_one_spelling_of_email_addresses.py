from django.db import migrations

from core.text import normalize_email_address


def renormalize_emails(apps, schema_editor):
    """Addresses saved when the rule was only lower-casing get the one spelling of today, so
    their owners still sign in. One whose new spelling another account already has is left
    as it is: two accounts are not merged behind anyone's back (an administrator decides)."""
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("email").iterator():
        email = normalize_email_address(user.email)
        if email != user.email and not User.objects.filter(email=email).exists():
            User.objects.filter(pk=user.pk).update(email=email)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_visible_names"),
    ]

    operations = [
        migrations.RunPython(renormalize_emails, migrations.RunPython.noop),
    ]
