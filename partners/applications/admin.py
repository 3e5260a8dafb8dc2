"""The staff side of the shared workflow: the pieces the registration and
participation admins share (status actions with a reason page, the status
history, competing applications). Their kept mail is the outbox's
(amur_invest.outbox.admin)."""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.views.main import SEARCH_VAR
from django.db import connections
from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from amur_invest.folding import fold
from amur_invest.pagination import SearchPaginator
from amur_invest.staff import audit
from amur_invest.system_text import in_reader_language
from partners.applications.errors import ApplicationError

# Actions offered both on the list of applications and on one application.
BOTH_PLACES = [ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


def status_action(
    name,
    *,
    description,
    title,
    service,
    done,
    explanation="",
    intro="",
    after_the_event=False,
):
    """An admin action that asks for a reason, then runs `service` for each
    selected application; `done(n)` words the success message. `intro`
    replaces the reason page's "the applicant gets an email" where none goes.
    Applications of a mission or exhibition that has ended or was cancelled
    are refused by name, unless the action is one for `after_the_event` too
    (erasing personal data)."""

    @admin.action(
        description=description, permissions=("change",), location=BOTH_PLACES
    )
    def action(modeladmin, request, queryset):
        return modeladmin.with_reason(
            request,
            queryset,
            action=name,
            title=title,
            explanation=explanation,
            intro=intro,
            apply=modeladmin.per_application(service, done=done),
            refuse_ended=not after_the_event,
        )

    action.__name__ = name
    return action


ERASURE_EXPLANATION = _(
    "For a person who asked the agency to erase their data (Federal Law "
    "152-FZ): the contact person's name, position, phone and email address "
    "are erased for good, and the emails kept for the application are "
    "deleted. The company, the status and the history stay. Write in the "
    "reason how the request came."
)
ERASURE_INTRO = _(
    "This applies to the applications below. Nobody is emailed about it: "
    "the email address is erased too."
)


class ReasonActionsMixin:
    """Status actions that ask for a reason first, then call a service, which
    records the change and emails the applicant.

    The reason page lists the selected applications; `reason_template`
    extends admin/partners/applications/action_reason.html to word them."""

    reason_template = "admin/partners/applications/action_reason.html"
    reason_help_text = _("Optional. Kept in the status history of each application.")

    def ended_refusal(self, count: int) -> str:
        """The message naming the applications refused because their mission
        or exhibition has ended (`%(count)d`, `%(names)s`)."""
        return ngettext(
            "%(count)d application not changed: its mission or exhibition has "
            "ended or was cancelled: %(names)s.",
            "%(count)d applications not changed: their mission or exhibition has "
            "ended or was cancelled: %(names)s.",
            count,
        )

    def moved_up_message(self, count: int) -> str:
        """What the waiting list did after a step on one application
        (`%(count)d`, `%(names)s`, `%(cause)s`)."""
        return ngettext(
            "%(count)d application moved up from the waiting list to the "
            "place freed by %(cause)s: %(names)s.",
            "%(count)d applications moved up from the waiting list to the "
            "place freed by %(cause)s: %(names)s.",
            count,
        )

    def without_ended(self, request, queryset):
        """The selected applications whose mission or exhibition still goes
        on; the others are named in an error message and left alone."""
        related = ("company", self.model.parent_field)
        ended = [
            application
            for application in queryset.select_related(*related)
            if application.has_ended
        ]
        if not ended:
            return queryset
        names = "; ".join(str(application) for application in ended)
        self.message_user(
            request,
            self.ended_refusal(len(ended)) % {"count": len(ended), "names": names},
            messages.ERROR,
        )
        return queryset.exclude(pk__in=[application.pk for application in ended])

    def report_moved_up(self, request, application) -> None:
        """Say which applications moved because of a step on `application`."""
        moved = getattr(application, "moved_up", None) or []
        if not moved:
            return
        text = self.moved_up_message(len(moved)) % {
            "count": len(moved),
            "cause": application.company_label,
            "names": "; ".join(other.company_label for other in moved),
        }
        self.message_user(request, text, messages.INFO)

    def with_reason(
        self,
        request,
        queryset,
        *,
        action,
        title,
        apply,
        explanation="",
        intro="",
        refuse_ended=True,
    ):
        """Show the reason page; on its submission run `apply`. Returning None
        sends the browser back to the page the action came from."""
        help_text = self.reason_help_text
        if "apply" in request.POST:
            form = ReasonForm(request.POST, help_text=help_text)
            if form.is_valid():
                if refuse_ended:
                    queryset = self.without_ended(request, queryset)
                    if not queryset.exists():
                        return None
                before = self.states(queryset)
                apply(request, queryset, form.cleaned_data["reason"])
                self.record_changes(request, before, summary=title)
                return None
        else:
            form = ReasonForm(help_text=help_text)
        # The change page prefixes its action field; post back under the same name.
        action_field = next(
            (name for name in ("action", "CHANGE_FORM-action") if name in request.POST),
            "action",
        )
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "explanation": explanation,
            "intro": intro,
            "opts": self.opts,
            "form": form,
            "applications": queryset.select_related("company", self.model.parent_field),
            "action_name": action,
            "action_field": action_field,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.reason_template, context)

    @staticmethod
    def states(applications) -> dict:
        """What an action changes, by id: the status, and the erasure."""
        rows = applications.values_list("pk", "status", "anonymised_at")
        return {pk: state for pk, *state in rows}

    def record_changes(self, request, before: dict, *, summary) -> None:
        """One audit entry for the selected applications the action changed
        (`before`: their states), refusals left out."""
        after = self.states(self.model.objects.filter(pk__in=before))
        changed = [pk for pk, state in after.items() if before[pk] != state]
        if changed:
            audit.record(
                request=request,
                action=audit.Action.CHANGED,
                model=self.model,
                ids=sorted(changed),
                summary=summary,
            )

    def per_application(self, service, *, done):
        """An `apply` that runs `service` for each selected application and
        reports refusals one by one."""

        def apply(request, queryset, reason):
            changed = 0
            related = ("company", self.model.parent_field)
            for application in queryset.select_related(*related):
                # Services name their application in their own words:
                # registration=..., participation=...
                target = {self.model._meta.model_name: application}
                try:
                    done_to = service(**target, by=request.user, reason=reason)
                except ApplicationError as error:
                    self.message_user(
                        request, f"{application}: {error}", messages.ERROR
                    )
                else:
                    changed += 1
                    self.report_moved_up(request, done_to)
            if changed:
                self.message_user(
                    request, done(changed) % {"count": changed}, messages.SUCCESS
                )

        return apply


class StatusChangeInline(admin.TabularInline):
    """The application's history, as it happened: nobody edits it. A
    subclass sets `model`."""

    extra = 0
    can_delete = False
    fields = (
        "changed_at",
        "changed_by",
        "kind",
        "from_status",
        "to_status",
        "reason_display",
    )
    readonly_fields = fields
    verbose_name_plural = _("status history")

    @admin.display(description=_("reason"))
    def reason_display(self, step):
        return in_reader_language(step.reason)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CompetingFilter(admin.SimpleListFilter):
    """Applications whose company has another active application for the
    same mission or exhibition: someone other than the company may have sent
    it. Needs the list annotated `with_competitors()`."""

    title = _("competing applications")
    parameter_name = "competing"

    def lookups(self, request, model_admin):
        return [("yes", _("competing with another application of the company"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(competitors__gt=0)
        return queryset


class ApplicantSearch:
    """Search a list of applications by what staff know of the applicant:
    every word of the search, folded (amur_invest.folding), must be in the
    application's `search_text`, which holds its own `searched_fields` (the
    INN and names as typed, the contact, the email) and the company as the
    catalogue finds it (its names in every language, INN, products and
    sectors, see partners.search). One column, read from a trigram index on
    PostgreSQL: matching the company in its own table and OR-ing that with
    the application's fields kept the planner from any index, 0.15-0.3 s
    with 100,000 registrations.

    Each word is a plain substring test either way; what differs is how
    PostgreSQL is asked (see `text_search`)."""

    # A search counts its matches up to here (see SearchPaginator): a word
    # found in most of 100,000 registrations is counted in a tenth of the
    # time, and no one pages through more than a thousand matches.
    search_count_cap = 1000

    def get_search_results(self, request, queryset, search_term):
        words = [fold(word) for word in search_term.split()[:10]]
        return text_search(queryset, [word for word in words if word]), False

    def get_paginator(self, request, queryset, per_page, **kwargs):
        if request.GET.get(SEARCH_VAR, "").strip():
            return SearchPaginator(
                queryset, per_page, cap=self.search_count_cap, **kwargs
            )
        return super().get_paginator(request, queryset, per_page, **kwargs)


# A run of three letters or digits: the least pg_trgm needs to take a trigram
# from a LIKE pattern (it splits words at anything else, and takes no
# trigram from "17", "5e" or "a-b").
TRIGRAM = re.compile(r"[^\W_]{3}")


def has_trigram(word: str) -> bool:
    return TRIGRAM.search(word) is not None


def text_search(queryset, words: list[str]):
    """The rows whose `search_text` holds every one of `words` (folded).

    Where the trigram index helps (a word found in few rows), each word of
    three letters or more is a LIKE the index answers; a shorter word is no
    use to the index (pg_trgm would read the whole index for it, and the
    planner AND-ed that with the other words' bitmaps: 0.4-0.6 s for
    "петров 17"), so it is tested on the rows the other words found, with
    strpos. Where PostgreSQL reads every row anyway (a word found in most
    rows: "амурская", "петров"), every word is tested with strpos, whose
    skipping search costs about 0.6 of LIKE's on long Cyrillic text. A
    search of short words only is LIKE, as before. Both find
    exactly what `'%word%'` does: the texts and the words are folded
    alike, and nothing in a word is a wildcard for strpos."""
    indexed = [word for word in words if has_trigram(word)]
    if not indexed:
        # Nothing for the index, nor anything PostgreSQL could estimate a
        # strpos by (it guesses a third of the rows, and for a rare word
        # joined every company to rows it never found): LIKE, whose estimate
        # comes from the column's statistics.
        return queryset.filter(*[Q(search_text__contains=word) for word in words])
    if uses_trigram_index(queryset, indexed):
        queryset = queryset.filter(*[Q(search_text__contains=word) for word in indexed])
        words = [word for word in words if word not in indexed]
    return queryset.filter(
        *[GreaterThan(StrIndex("search_text", Value(word)), 0) for word in words]
    )


def uses_trigram_index(queryset, words: list[str]) -> bool:
    """Whether PostgreSQL would read the rows holding `words` from the
    trigram index rather than read every row (it decides from its
    statistics of the column: a word in most rows is read row by row)."""
    if connections[queryset.db].vendor != "postgresql":
        return False
    matching = queryset.filter(
        *[Q(search_text__contains=word) for word in words]
    ).order_by()
    return "search_trgm" in matching.values("pk").explain()


class CompetingColumns:
    """The competing mark of the list and the list of the company's other
    applications on the change page."""

    competing_advice = _(
        "Only one of them can be the company's: check with the company (by its "
        "phone or email from official sources), then decline the others with a "
        "reason. None of them is accepted automatically until then."
    )

    def competing_label(self, count: int) -> str:
        return ngettext(
            "⚠ competes with %(count)d other application of the company",
            "⚠ competes with %(count)d other applications of the company",
            count,
        ) % {"count": count}

    def changelist_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def lookup_allowed(self, lookup, value, request):
        # The competing mark links to the company's applications.
        return lookup == "company__id__exact" or super().lookup_allowed(
            lookup, value, request
        )

    @admin.display(description=_("competing"), ordering="competitors")
    def competing_display(self, application):
        count = getattr(application, "competitors", 0)
        if not count:
            return self.get_empty_value_display()
        parent = self.model.parent_field
        query = (
            f"?{parent}__id__exact={application.parent_id}"
            f"&company__id__exact={application.company_id}"
        )
        return format_html(
            '<a class="competing-mark" href="{}{}"><strong>{}</strong></a>',
            self.changelist_url(),
            query,
            self.competing_label(count),
        )

    @admin.display(description=_("other applications of the company"))
    def competitors_list(self, application):
        others = self.model.objects.competitors_of(application).order_by("confirmed_at")
        if not others:
            return self.get_empty_value_display()
        opts = self.model._meta
        change = f"admin:{opts.app_label}_{opts.model_name}_change"
        return format_html(
            "{}<ul>{}</ul><p>{}</p>",
            self.competing_display(application),
            format_html_join(
                "",
                '<li><a href="{}">{} · {} · {}</a></li>',
                (
                    (
                        reverse(change, args=[other.pk]),
                        other.contact_name or "—",
                        other.email,
                        other.get_status_display(),
                    )
                    for other in others
                ),
            ),
            self.competing_advice,
        )

    @admin.display(description=_("company"), ordering="company_name")
    def company_display(self, application):
        if application.company_id is not None:
            return application.company
        return format_html(
            "{} <small>({})</small>",
            application.company_name,
            _("as typed, not confirmed"),
        )

    @admin.display(description=_("INN"), ordering="inn")
    def inn_display(self, application):
        return application.inn
