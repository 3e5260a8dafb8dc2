"""Paged public lists."""


class NearestPageMixin:
    """For a ListView: a stale or mistyped page number in a shared link shows
    the nearest page instead of an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()
