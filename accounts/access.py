"""Access control for console views (SPEC section 1).

A view decorated with `member_required` runs only for a signed-in user with an active membership
in the workspace on screen; the `permission` names a `Membership.may_*` method the role must pass.
Objects are looked up through the membership's workspace, so another workspace's object is a 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


def member_required(view=None, *, permission: str | None = None):
    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = request.membership
            if membership is None:
                return redirect("console:no_workspace")
            if permission and not getattr(membership, permission)():
                raise PermissionDenied
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
