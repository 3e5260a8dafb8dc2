"""Presentations: the list, a deck on one page (printable one slide a
sheet), and the viewer where every slide has its own address."""

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from showcase.models import Presentation, Slide


def public_presentations():
    return Presentation.objects.published().select_related("mission")


@reads_query("page")
class PresentationListView(NearestPageMixin, ListView):
    template_name = "showcase/presentations/presentation_list.html"
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

    template_name = "showcase/presentations/presentation_detail.html"
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

    template_name = "showcase/presentations/slide.html"

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
