def workspace(request):
    """The membership on screen and, for the switcher, every workspace the user may open."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"membership": None, "workspace": None, "switchable_memberships": ()}
    return {
        "membership": membership,
        "workspace": membership.workspace,
        # Read by the middleware together with the membership on screen.
        "switchable_memberships": getattr(request, "active_memberships", ()),
    }
