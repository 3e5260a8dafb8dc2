"""What staff publish: one rule for every model with an `is_published` flag
(companies in the catalogue, events, presentations, news, investment sites,
projects and support measures), so that public pages and sitemaps ask each
the same way: `Model.objects.published()`."""

from django.db import models


class PublishedQuerySet(models.QuerySet):
    def published(self):
        """The rows staff have published; no other shows on a public page."""
        return self.filter(is_published=True)
