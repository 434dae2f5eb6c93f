import re

from django.db import migrations, models

# What the last error said before there was a problem to say it (webhooks.network at the time).
REDIRECT = re.compile(r"Redirect to (.*) not followed", re.S)
NETWORK_PROBLEMS = [
    ("ConnectionRefusedError", "connection_refused"),
    ("TimeoutError", "timeout"),
    ("timeout", "timeout"),
    ("SSL", "tls"),
    ("RemoteDisconnected", "bad_answer"),
    ("BadStatusLine", "bad_answer"),
    ("The host of this address could not be found.", "unresolvable"),
    ("This address leads to a private", "private_address"),
    ("Use an https:// address.", "address_not_allowed"),
    ("Enter a valid URL.", "address_not_allowed"),
    ("Leave the user name and password out", "address_not_allowed"),
]


def problem_of(status_code: int | None, error: str) -> tuple[str, str]:
    """The problem and detail of a delivery recorded before problems were."""
    if error == "The endpoint is disabled.":
        return "endpoint_disabled", ""
    if redirect := REDIRECT.fullmatch(error):
        return "redirect", redirect[1]
    if status_code is not None:
        return ("", error) if 200 <= status_code < 300 else ("answer", error)
    if not error:
        return "", ""
    for start, problem in NETWORK_PROBLEMS:
        if error.startswith(start):
            return problem, error
    return "connection_failed", error


def name_problems(apps, schema_editor):
    WebhookDelivery = apps.get_model("webhooks", "WebhookDelivery")
    failed = WebhookDelivery.objects.exclude(last_error="", last_status_code__isnull=True)
    for delivery in failed.only("last_status_code", "last_error").iterator():
        problem, detail = problem_of(delivery.last_status_code, delivery.last_error)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(problem=problem, last_error=detail)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="webhookdelivery",
            name="problem",
            field=models.CharField(
                blank=True,
                choices=[
                    ("answer", "The endpoint answered with an error."),
                    ("redirect", "The endpoint answered with a redirect, which is not followed."),
                    ("unresolvable", "The host of this address could not be found."),
                    (
                        "private_address",
                        "This address leads to a private, local or reserved network. Use a "
                        "public https:// address.",
                    ),
                    ("address_not_allowed", "This address is no longer allowed."),
                    ("connection_refused", "The endpoint's server refused the connection."),
                    ("timeout", "The endpoint did not answer in time."),
                    ("tls", "The secure connection failed: check the endpoint's certificate."),
                    ("connection_failed", "The connection to the endpoint failed."),
                    ("bad_answer", "The endpoint's answer was not valid HTTP."),
                    ("endpoint_disabled", "Not sent: the endpoint is disabled."),
                ],
                max_length=20,
                verbose_name="problem",
            ),
        ),
        migrations.RunPython(name_problems, migrations.RunPython.noop),
    ]
