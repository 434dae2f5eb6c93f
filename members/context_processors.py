def workspace(request):
    """The membership on screen and, for the switcher, every workspace the user may open."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"membership": None, "workspace": None, "switchable_memberships": ()}
    return {
        "membership": membership,
        "workspace": membership.workspace,
        # Evaluated only by the switcher, on pages that draw the shell.
        "switchable_memberships": request.user.active_memberships,
    }
