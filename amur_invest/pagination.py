"""Paged lists: the public ones and staff searches."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class NearestPageMixin:
    """For a ListView: a stale or mistyped page number in a shared link shows
    the nearest page instead of an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class SearchPaginator(Paginator):
    """Counts a staff search's matches up to `cap` and no further.

    Counting every match of a word found in most of 100,000 registrations
    tests every row's text (100-300 ms); counting up to a thousand stops
    after about a thousand matches. The matches themselves are the same:
    the first `cap` of them, in the list's order, are on the pages, and
    `capped` tells the list to say "more than ..." and to offer no
    "select all" for rows it never counted (an export of the list still
    writes every match)."""

    def __init__(self, object_list, per_page, *args, cap: int, **kwargs):
        # The admin shows a list of one page whole, uncounted and unsliced.
        if cap < int(per_page):
            raise ValueError("a search's count must reach past its first page")
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = cap

    @cached_property
    def matches(self) -> int:
        """How many rows match, counted up to one past the cap: a LIMIT
        inside the count lets PostgreSQL stop there."""
        # Only the keys: the list's annotations (competing applications)
        # would otherwise be computed for every row counted.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.matches > self.cap

    @cached_property
    def count(self) -> int:
        return min(self.matches, self.cap)
