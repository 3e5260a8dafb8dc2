"""Spreadsheet import and export of the events log.

Times travel as the clock of the place reads them ("2019-11-12 14:00") beside
the place's time zone, the way staff write them in a plan; the database keeps
them in UTC. Missions and exhibitions are named by slug, a twin-city relation
by its number in the admin."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields
from import_export.widgets import Widget

from amur_invest.folding import fold
from amur_invest.lists import joined
from amur_invest.spreadsheets.resources import StaffResource
from amur_invest.spreadsheets.widgets import ReferenceWidget, cell_text
from exhibitions.models import Exhibition
from missions.models import Mission
from partners.models import TwinRelation
from showcase.calendar.models import Event, TimeZone

LOCAL_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M",
)


class LocalDateTimeWidget(Widget):
    """A date and time in the zone named by the row's time_zone column."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            wall = value.replace(tzinfo=None)
        elif not (text := cell_text(value)):
            return None
        else:
            wall = self.parse(text)
        return wall.replace(tzinfo=self.zone(row))

    @staticmethod
    def parse(text: str) -> datetime.datetime:
        for pattern in LOCAL_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern)  # noqa: DTZ007
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date and time: write it as 2019-11-12 14:00.")
            % {"value": text}
        )

    @staticmethod
    def zone(row) -> ZoneInfo:
        name = cell_text((row or {}).get("time_zone")) or TimeZone.BLAGOVESHCHENSK
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                _("Unknown time zone “%(value)s”: use one of %(zones)s.")
                % {"value": name, "zones": joined(TimeZone.values)}
            ) from None


def local_text(event: Event, moment: datetime.datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(event.zone).strftime("%Y-%m-%d %H:%M")


class EventResource(StaffResource):
    starts_at = fields.Field(
        attribute="starts_at", column_name="starts_at", widget=LocalDateTimeWidget()
    )
    ends_at = fields.Field(
        attribute="ends_at", column_name="ends_at", widget=LocalDateTimeWidget()
    )
    mission = fields.Field(
        attribute="mission",
        column_name="mission",
        widget=ReferenceWidget(
            Mission, "slug", gettext_lazy("Unknown mission “%(value)s”: use its slug.")
        ),
    )
    exhibition = fields.Field(
        attribute="exhibition",
        column_name="exhibition",
        widget=ReferenceWidget(
            Exhibition,
            "slug",
            gettext_lazy("Unknown exhibition “%(value)s”: use the exhibition's slug."),
        ),
    )
    twin_relation = fields.Field(
        attribute="twin_relation",
        column_name="twin_relation",
        widget=ReferenceWidget(
            TwinRelation,
            "pk",
            gettext_lazy(
                "Unknown twin-city relation “%(value)s”: use its number in the admin."
            ),
        ),
    )

    required_columns = ("kind", "title_ru")
    # The start and end times are read in this zone: its name, not a label.
    coded_columns = ("time_zone",)

    class Meta:
        model = Event
        import_id_fields = ("id",)
        fields = (
            "id",
            "kind",
            "title_ru",
            "title_ja",
            "title_en",
            "place_ru",
            "place_ja",
            "place_en",
            "time_zone",
            "all_day",
            "starts_on",
            "ends_on",
            "starts_at",
            "ends_at",
            "description_ru",
            "description_ja",
            "description_en",
            "outcome_ru",
            "outcome_ja",
            "outcome_en",
            "meetings_held",
            "agreements_signed",
            "mission",
            "exhibition",
            "twin_relation",
            "is_plan",
            "is_cancelled",
            "is_published",
            "is_sample",
        )
        export_order = fields
        clean_model_instances = True
        skip_unchanged = False

    def before_import(self, dataset, **kwargs):
        # New events have no id yet: a file without the column is fine. The
        # column may be headed by its key or by its heading in any language.
        lookup = self.heading_lookup()
        if "id" not in {lookup.get(fold(str(h))) for h in dataset.headers or []}:
            dataset.append_col([""] * len(dataset), header="id")
        super().before_import(dataset, **kwargs)

    # Exported as the place's clock reads them, like the import reads them.
    def dehydrate_starts_at(self, event):
        return local_text(event, event.starts_at)

    def dehydrate_ends_at(self, event):
        return local_text(event, event.ends_at)

    def optimize_export(self, queryset):
        return queryset.select_related("mission", "exhibition")
