"""News and press releases: the list with a sector filter, one item, and an
Atom feed per language."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from amur_invest.agency.models import AgencyContact
from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from showcase.forms.news import NewsFilterForm
from showcase.models import NewsItem

FEED_ITEMS = 30


def public_news():
    return NewsItem.objects.published().prefetch_related("sectors")


@reads_query("sector", "page")
class NewsListView(NearestPageMixin, ListView):
    template_name = "showcase/news/news_list.html"
    context_object_name = "news"
    paginate_by = 10

    def get_queryset(self):
        self.filter_form = NewsFilterForm(self.request.GET or None)
        news = public_news()
        if self.filter_form.is_bound and (sector := self.filter_form.chosen_sector()):
            news = news.filter(sectors=sector)
        return news

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = bool(self.request.GET.get("sector"))
        return context


class NewsDetailView(DetailView):
    template_name = "showcase/news/news_detail.html"
    context_object_name = "item"

    def get_queryset(self):
        return public_news()


class NewsFeed(Feed):
    """The latest news in the language of the address (/ja/news/feed/ in
    Japanese), with the sectors as categories."""

    feed_type = Atom1Feed
    title = _("Amur Invest: news and press releases")
    subtitle = _(
        "News of the Amur Region Investment Attraction Agency and its work with Japan."
    )

    def link(self):
        return reverse("showcase:news_list")

    def feed_url(self):
        return reverse("showcase:news_feed")

    def author_name(self):
        return AgencyContact.load().name

    def items(self):
        return public_news()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        # An item carries a date; the feed needs a moment: the start of that
        # day in the agency's time zone.
        start = datetime.datetime.combine(item.published_on, datetime.time.min)
        return timezone.make_aware(start)

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [sector.name for sector in item.sectors.all()]
