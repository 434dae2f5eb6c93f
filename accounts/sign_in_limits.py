"""Sign-in lockout, the same on the console's sign-in page and the admin's.

django-axes' backend comes first in AUTHENTICATION_BACKENDS, so every `authenticate()` asks the
handler below before any password is checked. The handler counts the attempt there and then,
per client address and per typed account, and refuses it when either is over its limit: twenty
guesses sent at once are all counted before the first is checked, so no more are checked than
the limit allows. A refused attempt checks no password, so a right guess looks the same as a
wrong one, and axes' middleware answers it with the 429 page.

Axes' own handlers count a failure only after its password was checked, and the cache handler's
`incr` is a read then a write on the database cache; the counts here are core.ratelimit's
slots, taken with `cache.add`, which is atomic on every cache backend and across processes.
"""

from axes.handlers.base import AxesHandler
from axes.helpers import get_client_username

from core.ratelimit import (
    SIGN_IN_PER_ACCOUNT,
    SIGN_IN_PER_IP,
    RateLimited,
    counted_address,
    too_many_requests,
)
from core.text import normalize_email_address


class SignInLimits(AxesHandler):
    """The axes handler (AXES_HANDLER): counts in the shared cache, keeps no rows."""

    def is_locked(self, request, credentials=None) -> bool:
        """Asked once per `authenticate()`, before any password is checked: the attempt takes
        its place in the address's count, then in the account's, and is refused when either
        is full. An address over its limit leaves the account's count alone."""
        account = normalize_email_address(get_client_username(request, credentials) or "")
        try:
            request.sign_in_slot = SIGN_IN_PER_IP.hit(request.axes_ip_address)
            SIGN_IN_PER_ACCOUNT.hit(account)
        except RateLimited as error:
            request.axes_locked_out = True
            request.sign_in_paused = error
            return True
        return False

    def user_logged_in(self, sender, request, user, **kwargs):
        """A sign-in that succeeds was no failure: it gives back its place in the address's count
        and clears the account's. Only the request that was counted does so; nothing that did
        not authenticate (a signed-in visitor posting the form is redirected without it)
        touches the counts."""
        slot = getattr(request, "sign_in_slot", None)
        if slot is None:
            return
        SIGN_IN_PER_IP.give_back(slot)
        SIGN_IN_PER_ACCOUNT.clear(normalize_email_address(user.get_username()))

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False) -> int:
        """Ends a pause early: `manage.py axes_reset_username EMAIL` or `axes_reset_ip ADDRESS`."""
        cleared = 0
        if ip_address:
            cleared += SIGN_IN_PER_IP.clear(counted_address(ip_address))
        if username:
            cleared += SIGN_IN_PER_ACCOUNT.clear(normalize_email_address(username))
        return cleared


def sign_in_paused(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the console's 429 page, with how long the pause lasts."""
    return too_many_requests(request, request.sign_in_paused)
