"""schema.org descriptions of the site's things, for search engines, as
JSON-LD: the agency (Organization with its contact points), each mission and
calendar event (Event), each exhibition (ExhibitionEvent) and its Amur
exhibitors (ItemList of Organization), each news item (NewsArticle).

Each function takes the object and a callable that makes an address absolute
(the request's), and returns plain dicts and lists; `seo_tags.json_ld`
writes them into the page."""

from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils.translation import get_language

from amur_invest.agency.models import AgencyContact

SCHEMA = "https://schema.org"
SCHEDULED = f"{SCHEMA}/EventScheduled"
CANCELLED = f"{SCHEMA}/EventCancelled"

Absolute = Callable[[str], str]


def without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def organization(agency: AgencyContact, absolute: Absolute) -> dict:
    """The agency, with its general contact and its desk for Japan."""
    contact_points = [
        without_empty(
            {
                "@type": "ContactPoint",
                "contactType": "customer service",
                "email": agency.email,
                "telephone": agency.phone,
                "availableLanguage": ["ru", "en"],
                "url": absolute(reverse("showcase:contact")),
            }
        )
    ]
    if agency.japan_desk_email or agency.japan_desk_phone:
        contact_points.append(
            without_empty(
                {
                    "@type": "ContactPoint",
                    "contactType": "partners in Japan",
                    "name": agency.japan_desk_name,
                    "email": agency.japan_desk_email,
                    "telephone": agency.japan_desk_phone,
                    "availableLanguage": ["ja", "ru", "en"],
                }
            )
        )
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "GovernmentOrganization",
            "name": agency.name,
            "url": absolute(reverse("showcase:home")),
            "logo": absolute("/static/img/logo.svg"),
            "email": agency.email,
            "telephone": agency.phone,
            "address": postal_address(agency.address, "RU"),
            "contactPoint": contact_points,
        }
    )


def organizer(agency: AgencyContact, absolute: Absolute) -> dict:
    return {
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "url": absolute(reverse("showcase:home")),
    }


def postal_address(text: str, country: str = "", locality: str = "") -> dict:
    return without_empty(
        {
            "@type": "PostalAddress",
            "streetAddress": " ".join((text or "").split()),
            "addressLocality": locality,
            "addressCountry": country,
        }
    )


def place(name: str, address: dict) -> dict:
    return without_empty({"@type": "Place", "name": name, "address": address})


def mission_event(mission, agency: AgencyContact, absolute: Absolute) -> dict:
    cities = mission.cities or ""
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "BusinessEvent",
            "name": mission.title,
            "description": " ".join((mission.description or "").split())[:500],
            "startDate": mission.starts_on.isoformat(),
            "endDate": mission.ends_on.isoformat(),
            "eventStatus": CANCELLED if mission.cancelled else SCHEDULED,
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": place(
                cities or "Japan", postal_address("", "JP", locality=cities)
            ),
            "organizer": organizer(agency, absolute),
            "inLanguage": get_language(),
            "url": absolute(mission.get_absolute_url()),
        }
    )


def calendar_event(event, agency: AgencyContact, absolute: Absolute) -> dict:
    if event.all_day or not event.starts_at:
        start = event.starts_on.isoformat()
        end = (event.ends_on or event.starts_on).isoformat()
    else:
        start = event.starts_at.isoformat()
        end = (event.ends_at or event.starts_at).isoformat()
    url = absolute(event.get_absolute_url())
    if event.place:
        location = place(event.place, postal_address(event.place))
    else:
        location = {"@type": "VirtualLocation", "url": url}
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": event.title,
            "description": " ".join((event.description or "").split())[:500],
            "startDate": start,
            "endDate": end,
            "eventStatus": CANCELLED if event.is_cancelled else SCHEDULED,
            "location": location,
            "organizer": organizer(agency, absolute),
            "url": url,
        }
    )


def exhibition_event(exhibition, absolute: Absolute) -> dict:
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "ExhibitionEvent",
            "name": exhibition.name,
            "startDate": exhibition.starts_on.isoformat(),
            "endDate": exhibition.ends_on.isoformat(),
            "eventStatus": CANCELLED if exhibition.is_cancelled else SCHEDULED,
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "location": place(
                exhibition.venue or exhibition.city,
                postal_address(exhibition.place, "JP", locality=exhibition.city),
            ),
            "organizer": without_empty(
                {"@type": "Organization", "name": exhibition.organiser}
            )
            if exhibition.organiser
            else None,
            "url": absolute(exhibition.get_absolute_url()),
            "sameAs": exhibition.website,
        }
    )


def exhibitors(exhibition, participations: Iterable, absolute: Absolute) -> dict:
    """The Amur exhibitors shown on the page, in their order."""
    return {
        "@context": SCHEMA,
        "@type": "ItemList",
        "name": exhibition.name,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "item": {
                    "@type": "Organization",
                    "name": participation.company.name,
                    "url": absolute(
                        reverse(
                            "exhibitions:exhibitor_detail",
                            kwargs={
                                "slug": exhibition.slug,
                                "company": participation.company.slug,
                            },
                        )
                    ),
                },
            }
            for position, participation in enumerate(participations, start=1)
        ],
    }


def news_article(item, agency: AgencyContact, absolute: Absolute) -> dict:
    return without_empty(
        {
            "@context": SCHEMA,
            "@type": "NewsArticle",
            "headline": item.title[:110],
            "name": item.title,
            "description": " ".join((item.summary or "").split())[:500],
            "datePublished": item.published_on.isoformat(),
            "dateModified": item.updated_at.isoformat()
            if getattr(item, "updated_at", None)
            else None,
            "inLanguage": get_language(),
            "mainEntityOfPage": absolute(item.get_absolute_url()),
            "url": absolute(item.get_absolute_url()),
            "author": organizer(agency, absolute),
            "publisher": organizer(agency, absolute),
        }
    )
