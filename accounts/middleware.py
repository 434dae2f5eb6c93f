from accounts.selectors import current_membership


class CurrentWorkspaceMiddleware:
    """Sets `request.membership`: the signed-in user's membership in the workspace on screen.

    The workspace on screen is kept in the session (the top bar's switcher changes it); when it is
    missing or no longer valid, the user's first active membership is used. `None` when signed
    out or when the user has no active membership anywhere. `request.active_memberships` lists
    every workspace the user may switch to.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = current_membership(request)
        return self.get_response(request)
