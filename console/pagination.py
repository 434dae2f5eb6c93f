from django.core.paginator import Paginator
from django.utils.functional import cached_property


class LookAheadPaginator(Paginator):
    """Counts rows only up to `look_ahead` pages past the page asked for.

    An exact COUNT reads every row, so page 1 of a workspace with 100,000 mini programs would cost
    far more than page 1 of one with 100. `count_is_partial` says more rows exist than were
    counted; the pagination then reads "Page 1 of 51+", and the count grows as the reader goes on.
    """

    count_is_partial = False
    # A hand-typed page number past any real list (say forty nines) must not overflow the LIMIT.
    MAX_PAGE_NUMBER = 10**9

    def __init__(self, *args, look_ahead: int = 50, **kwargs):
        super().__init__(*args, **kwargs)
        self.look_ahead = look_ahead
        self.asked_for = 1

    def get_page(self, number):
        try:
            self.asked_for = min(max(int(number), 1), self.MAX_PAGE_NUMBER)
        except (TypeError, ValueError):
            self.asked_for = 1
        return super().get_page(number)

    @cached_property
    def count(self):
        limit = (self.asked_for + self.look_ahead) * self.per_page
        counted = self.object_list.order_by()[: limit + 1].count()
        self.count_is_partial = counted > limit
        return min(counted, limit)
