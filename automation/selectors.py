from automation.models import ApiToken, secret_hash


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token whose secret this is. The lookup is by the secret's hash, so the time it
    takes says nothing about how much of a guess was right."""
    if not secret:
        return None
    token = (
        ApiToken.objects.select_related("user", "workspace")
        .filter(secret_hash=secret_hash(secret))
        .first()
    )
    return token if token is not None and token.is_usable() else None
