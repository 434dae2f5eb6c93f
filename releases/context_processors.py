from releases.access import may_review


def reviewer(request):
    """Whether the signed-in user reviews versions: the left navigation shows them Reviews, even
    when they belong to no workspace. An error page drawn before authentication has no user."""
    user = getattr(request, "user", None)
    return {"may_review": user is not None and may_review(user)}
