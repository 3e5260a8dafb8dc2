"""The public calendar of events, missions and exhibitions: a month, a list,
an event's page, the iCalendar feeds, the activity by year and the exchanges
beyond trade."""

import datetime
import hashlib
from itertools import groupby

from django import forms
from django.core.cache import caches
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView

from amur_invest import page_cache
from partners.localized import reading_order
from partners.models import TwinRelation
from showcase import ics
from showcase.calendar import (
    CATEGORY_CHOICES,
    CATEGORY_LABELS,
    Selection,
    chronological,
    first_weekday,
    get_item,
    item_keys,
    items_between,
    items_by_day,
    latest_first,
    load_items,
    month_days,
    month_weeks,
)
from showcase.calendar.activity import activity_by_year
from showcase.calendar.models import Event, calendar_version

LIST_PAGE_SIZE = 50
# The feed carries every upcoming item (up to this many) and the most recent
# past ones: enough history for a subscriber, a file any calendar app takes.
FEED_UPCOMING_LIMIT = 1000
FEED_PAST_LIMIT = 500
FEED_CACHE_SECONDS = 6 * 3600


def parse_categories(values) -> frozenset:
    """Known kinds from ?kind=a&kind=b or ?kind=a,b; the rest is ignored."""
    wanted = {part.strip() for value in values for part in value.split(",")}
    return frozenset(wanted & set(CATEGORY_LABELS))


def unknown_categories(values) -> list[str]:
    wanted = {part.strip() for value in values for part in value.split(",")}
    return sorted(wanted - set(CATEGORY_LABELS) - {""})


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of ?month=YYYY-MM, or of today's month when it is
    missing or not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1900 <= year <= 2999:
            return datetime.date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def shift_month(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


class KindFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Show"),
        choices=CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def feed_address(request, categories) -> str:
    query = (
        f"?{urlencode({'kind': ','.join(sorted(categories))})}" if categories else ""
    )
    return request.build_absolute_uri(reverse("showcase:events_ics") + query)


def webcal(address: str) -> str:
    """The same address for calendar apps: webcal:// opens a subscription."""
    return "webcal://" + address.split("://", 1)[1]


def weekday_names() -> list[tuple[str, str]]:
    start = first_weekday()
    order = [(start + offset) % 7 for offset in range(7)]
    return [(WEEKDAYS[day], WEEKDAYS_ABBR[day]) for day in order]


@page_cache.reads_query("kind", "view", "month", "year", "page")
class EventCalendarView(TemplateView):
    """/events/: a month (the default) or a list, filtered by kind."""

    template_name = "showcase/calendar/calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = self.request.GET.getlist("kind")
        categories = parse_categories(kinds)
        today = timezone.localdate()
        context.update(
            categories=categories,
            filter_form=KindFilterForm(initial={"kind": sorted(categories)}),
            feed_url=feed_address(self.request, categories),
            today=today,
        )
        context["webcal_url"] = webcal(context["feed_url"])
        if self.request.GET.get("view") == "list":
            context.update(self.list_context(categories, today))
        else:
            context.update(self.month_context(categories, today))
        return context

    def month_context(self, categories, today) -> dict:
        first = parse_month(self.request.GET.get("month"), today)
        days = month_days(first.year, first.month)
        items = items_between(
            Selection(categories=categories, first=days[0], last=days[-1])
        )
        last = shift_month(first, 1) - datetime.timedelta(days=1)
        return {
            "view": "month",
            "month": first,
            "previous_month": shift_month(first, -1).strftime("%Y-%m"),
            "next_month": shift_month(first, 1).strftime("%Y-%m"),
            "weekdays": weekday_names(),
            "weeks": month_weeks(first.year, first.month, items, today),
            "agenda": items_by_day(
                [
                    item
                    for item in items
                    if item.ends_on >= first and item.starts_on <= last
                ],
                first,
                last,
            ),
        }

    def list_context(self, categories, today) -> dict:
        year = self.requested_year()
        if year:
            selection = Selection(
                categories=categories,
                first=datetime.date(year, 1, 1),
                last=datetime.date(year, 12, 31),
            )
        else:
            selection = Selection(categories=categories, first=today)
        keys = item_keys(selection)
        paginator = Paginator(
            chronological(keys) if keys is not None else [], LIST_PAGE_SIZE
        )
        page = paginator.get_page(self.request.GET.get("page"))
        items = load_items(page.object_list)
        return {
            "view": "list",
            "year": year,
            "this_year": today.year,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
            "grouped": [
                (month, list(found))
                for month, found in groupby(
                    items, key=lambda item: item.starts_on.replace(day=1)
                )
            ],
        }

    def requested_year(self) -> int | None:
        try:
            year = int(self.request.GET.get("year", ""))
        except ValueError:
            return None
        return year if 1900 <= year <= 2999 else None


class EventDetailView(DetailView):
    template_name = "showcase/calendar/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().select_related(
            "mission",
            "exhibition",
            "twin_relation__amur_district",
            "twin_relation__prefecture",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = get_item("event", self.object.pk)
        return context


def feed_name(categories) -> str:
    name = _("Amur Invest: events, missions and exhibitions")
    if categories:
        labels = [str(CATEGORY_LABELS[category]) for category in sorted(categories)]
        separator = pgettext("list separator", ", ")
        name = f"{name} ({separator.join(labels)})"
    return name


def feed_items(categories):
    """Every upcoming item and the most recent past ones, in order."""
    today = timezone.localdate()
    upcoming = item_keys(Selection(categories=categories, first=today))
    if upcoming is None:
        return []
    past = item_keys(Selection(categories=categories, ends_before=today))
    upcoming_keys = list(chronological(upcoming)[:FEED_UPCOMING_LIMIT])
    past_keys = list(latest_first(past)[:FEED_PAST_LIMIT])
    return load_items([*reversed(past_keys), *upcoming_keys])


def feed_cache_key(request, categories) -> str:
    # The feed holds absolute links: one copy per address it was asked at.
    parts = [
        calendar_version(),
        get_language(),
        request.scheme,
        request.get_host(),
        *sorted(categories),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"showcase:calendar-feed:{digest}"


def build_feed(request, categories) -> bytes:
    feed = ics.calendar(
        feed_items(categories),
        name=feed_name(categories),
        description=_(
            "Business missions, exhibitions in Japan and the events of the Amur "
            "Region Investment Attraction Agency."
        ),
        uid=f"calendar-{'-'.join(sorted(categories)) or 'all'}@{request.get_host()}",
        url=request.build_absolute_uri(reverse("showcase:event_list")),
        absolute=request.build_absolute_uri,
    )
    return feed.to_ical()


@page_cache.reads_query("kind")
@require_GET
def calendar_feed(request):
    """/events.ics: the subscribable feed in the address's language,
    ?kind=exhibition,mission or any kind of event. Built once per language
    and filter, until an event, a mission or an exhibition is saved."""
    kinds = request.GET.getlist("kind")
    if unknown := unknown_categories(kinds):
        message = _("Unknown kind: %(kinds)s. Known kinds: %(known)s.") % {
            "kinds": ", ".join(unknown),
            "known": ", ".join(CATEGORY_LABELS),
        }
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    categories = parse_categories(kinds)
    # Beside the pages, and only for the site's own addresses: the feed
    # holds absolute links, one copy per address.
    feeds = caches[page_cache.PAGES]
    key = feed_cache_key(request, categories)
    body = feeds.get(key)
    if body is None:
        body = build_feed(request, categories)
        if page_cache.is_served_host(request):
            feeds.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f'inline; filename="amur-invest-{get_language()}.ics"'
    )
    response.headers["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def item_ics(request, source, pk):
    """One item as an .ics file to add to a calendar."""
    item = get_item(source, pk)
    if item is None:
        raise Http404
    feed = ics.calendar(
        [item],
        name=None,
        description=None,
        uid=f"{item.key}-file@{request.get_host()}",
        url=request.build_absolute_uri(item.url),
        absolute=request.build_absolute_uri,
    )
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{item.key}.ics"'
    return response


class ActivityView(TemplateView):
    """The region's activity by year, as the public may see it."""

    template_name = "showcase/calendar/activity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["table"] = activity_by_year()
        return context


# How many past exchanges the page lists; the calendar has them all.
PAST_EXCHANGES = 30


class ExchangesView(TemplateView):
    """Exchanges beyond trade: twin cities, culture and sport, fed by the
    twin-city relations and the events staff keep."""

    template_name = "showcase/calendar/exchanges.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        exchanges = (
            Event.objects.published()
            .filter(kind__in=Event.EXCHANGE_KINDS)
            .select_related("twin_relation__amur_district", "twin_relation__prefecture")
        )
        # A plan whose days have gone by is past, whether or not it was
        # ever fixed: it never reads as still to come.
        coming = exchanges.filter(ends_on__gte=today).order_by("starts_on", "id")
        past = exchanges.filter(ends_on__lt=today).order_by("-starts_on", "-id")
        context.update(
            relations=TwinRelation.objects.select_related(
                "amur_district", "prefecture"
            ).order_by(reading_order("amur_district__name"), "prefecture__code"),
            plans=coming.filter(is_plan=True),
            upcoming=coming.filter(is_plan=False),
            past_by_year=[
                (year, list(found))
                for year, found in groupby(
                    past[:PAST_EXCHANGES], key=lambda event: event.starts_on.year
                )
            ],
            exchange_kinds=",".join(Event.EXCHANGE_KINDS),
        )
        return context
