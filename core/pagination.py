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

    @classmethod
    def page_asked_for(cls, number) -> int:
        """The page a `?page=` value asks for, read without a query: junk asks for page 1."""
        try:
            return min(max(int(number), 1), cls.MAX_PAGE_NUMBER)
        except (TypeError, ValueError):
            return 1

    def get_page(self, number):
        # The page read, past the last one the last page, always follows from `page_asked_for`,
        # which is what a cached page is keyed on.
        self.asked_for = self.page_asked_for(number)
        return super().get_page(self.asked_for)

    @cached_property
    def count(self):
        limit = (self.asked_for + self.look_ahead) * self.per_page
        # The primary keys alone: the rows' other columns, subqueries some of them, would
        # otherwise be worked out for every row counted.
        counted = self.object_list.order_by().values("pk")[: limit + 1].count()
        self.count_is_partial = counted > limit
        return min(counted, limit)
