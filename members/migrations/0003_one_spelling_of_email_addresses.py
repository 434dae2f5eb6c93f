from django.db import migrations

from core.text import normalize_email_address


def renormalize_emails(apps, schema_editor):
    """Invitations saved when the rule was only lower-casing get the one spelling of today, so
    the invited account is recognised. One that would become a second open invitation to the
    same address in its workspace is left as it is."""
    Invitation = apps.get_model("members", "Invitation")
    for invitation in Invitation.objects.only("email", "workspace_id").iterator():
        email = normalize_email_address(invitation.email)
        taken = Invitation.objects.filter(
            workspace_id=invitation.workspace_id,
            email=email,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
        ).exists()
        if email != invitation.email and not taken:
            Invitation.objects.filter(pk=invitation.pk).update(email=email)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0002_visible_names"),
    ]

    operations = [
        migrations.RunPython(renormalize_emails, migrations.RunPython.noop),
    ]
