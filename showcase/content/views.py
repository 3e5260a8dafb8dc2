"""Content pages: news and press releases (the list with a sector filter,
one item, an Atom feed per language) and presentations (the list, a deck on
one page, printable one slide a sheet, and the viewer where every slide has
its own address)."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from amur_invest.agency.models import AgencyContact
from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from showcase.content.forms import NewsFilterForm
from showcase.content.models import NewsItem, Presentation, Slide

# --- Presentations ---------------------------------------------------------


def public_presentations():
    return Presentation.objects.published().select_related("mission")


@reads_query("page")
class PresentationListView(NearestPageMixin, ListView):
    template_name = "showcase/content/presentations/presentation_list.html"
    context_object_name = "presentations"
    paginate_by = 12

    def get_queryset(self):
        # The cover and the count of every deck in two queries, however long
        # the decks are.
        covers = Prefetch("slides", queryset=Slide.objects.covers(), to_attr="covers")
        return (
            public_presentations()
            .annotate(slide_count=Count("slides"))
            .prefetch_related(covers)
        )


class PresentationDetailView(DetailView):
    """Every slide of a deck on one page, with its text: what a search
    engine indexes and what prints one slide a sheet."""

    template_name = "showcase/content/presentations/presentation_detail.html"
    context_object_name = "presentation"

    def get_queryset(self):
        return public_presentations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["slides"] = list(self.object.ordered_slides())
        return context


class SlideView(TemplateView):
    """One slide at /presentations/<slug>/<n>/, with links to the first,
    previous, next and last slides and a strip of them all."""

    template_name = "showcase/content/presentations/slide.html"

    def get_context_data(self, slug, number, **kwargs):
        context = super().get_context_data(**kwargs)
        presentation = get_object_or_404(public_presentations(), slug=slug)
        slides = list(presentation.ordered_slides())
        if not 1 <= number <= len(slides):
            raise Http404("No such slide")
        context.update(
            presentation=presentation,
            slides=slides,
            slide=slides[number - 1],
            number=number,
            total=len(slides),
            links=slide_links(presentation, number, len(slides)),
        )
        return context


def slide_links(presentation, number: int, total: int) -> dict:
    """The first, previous, next and last slides' addresses; None where there
    is nowhere to go."""

    def to(target: int, allowed: bool):
        return presentation.slide_url(target) if allowed else None

    return {
        "first": to(1, number > 1),
        "prev": to(number - 1, number > 1),
        "next": to(number + 1, number < total),
        "last": to(total, number < total),
    }


# --- News ------------------------------------------------------------------

FEED_ITEMS = 30


def public_news():
    return NewsItem.objects.published().prefetch_related("sectors")


@reads_query("sector", "page")
class NewsListView(NearestPageMixin, ListView):
    template_name = "showcase/content/news/news_list.html"
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
    template_name = "showcase/content/news/news_detail.html"
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
