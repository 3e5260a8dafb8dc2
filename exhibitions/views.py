"""Public pages of the exhibitions: the list, an exhibition with its catalogue
of Amur exhibitors, an exhibitor's page, the catalogue as buyers take it away
(XLSX, printable page), and the application for the pavilion with the
applicant's own pages behind the secret link."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from amur_invest.agency.models import AgencyContact
from amur_invest.page_cache import reads_query
from amur_invest.pagination import NearestPageMixin
from exhibitions import catalogue, services
from exhibitions.forms import (
    CONSENT_VERSION,
    FILTER_NAMES,
    ApplicationChangeForm,
    ApplicationForm,
    ExhibitorFilterForm,
    consent_text,
)
from exhibitions.models import Exhibition
from exhibitions.services.workflow import PARTICIPATIONS
from partners.applications import views as applications
from partners.applications.views import ApplicationFormView, SubmissionLimit

# Buyers in Japan read the catalogue in Japanese or English.
BUYER_LANGUAGES = ("ja", "en")


@reads_query("when", "page")
class ExhibitionListView(NearestPageMixin, ListView):
    """Upcoming exhibitions by default, the past ones on their own tab."""

    template_name = "exhibitions/exhibition_list.html"
    context_object_name = "exhibitions"
    paginate_by = 20

    def get_queryset(self):
        self.showing_past = self.request.GET.get("when") == "past"
        exhibitions = Exhibition.objects.with_exhibitor_count().prefetch_related(
            "sectors"
        )
        if self.showing_past:
            return exhibitions.past().order_by("-starts_on", "slug")
        return exhibitions.upcoming().order_by("starts_on", "slug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["showing_past"] = self.showing_past
        other = (
            Exhibition.objects.upcoming()
            if self.showing_past
            else Exhibition.objects.past()
        )
        context["other_count"] = other.count()
        return context


def public_exhibition(slug: str) -> Exhibition:
    return get_object_or_404(Exhibition.objects.prefetch_related("sectors"), slug=slug)


def buyer_downloads(exhibition: Exhibition, query: str) -> list[dict]:
    """The catalogue to take away, in each buyer language, with the filters
    the visitor chose."""
    downloads = []
    for code in BUYER_LANGUAGES:
        with translation.override(code):
            kwargs = {"slug": exhibition.slug}
            suffix = f"?{query}" if query else ""
            downloads.append(
                {
                    "language": code,
                    "xlsx": reverse("exhibitions:catalogue_xlsx", kwargs=kwargs)
                    + suffix,
                    "print": reverse("exhibitions:catalogue_print", kwargs=kwargs)
                    + suffix,
                }
            )
    return downloads


def filter_query(request) -> str:
    return urlencode(
        [(name, request.GET[name]) for name in FILTER_NAMES if request.GET.get(name)]
    )


@reads_query(*FILTER_NAMES, "page")
class ExhibitionDetailView(NearestPageMixin, ListView):
    """An exhibition and its catalogue of Amur exhibitors, searchable."""

    template_name = "exhibitions/exhibition_detail.html"
    context_object_name = "exhibitors"
    paginate_by = 24

    def get_queryset(self):
        self.exhibition = public_exhibition(self.kwargs["slug"])
        self.filter_form = ExhibitorFilterForm(
            self.request.GET or None, exhibition=self.exhibition
        )
        exhibitors = catalogue.accepted_exhibitors(self.exhibition)
        if self.filter_form.is_bound:
            exhibitors = self.filter_form.filter(exhibitors)
        return exhibitors

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            exhibition=self.exhibition,
            filter_form=self.filter_form,
            is_filtered=self.filter_form.is_filtered,
            downloads=buyer_downloads(self.exhibition, filter_query(self.request)),
        )
        return context


class ExhibitorDetailView(DetailView):
    """One exhibitor at one exhibition, as long as its participation is
    accepted."""

    template_name = "exhibitions/exhibitor_detail.html"
    context_object_name = "participation"

    def get_object(self, queryset=None):
        exhibition = public_exhibition(self.kwargs["slug"])
        participation = get_object_or_404(
            catalogue.accepted_exhibitors(exhibition),
            company__slug=self.kwargs["company"],
        )
        participation.exhibition = exhibition
        return participation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        about = urlencode({"about": f"exhibitor:{self.object.pk}"})
        context["exhibition"] = self.object.exhibition
        context["meet_url"] = f"{reverse('showcase:contact')}?{about}"
        return context


def filtered_exhibitors(request, exhibition):
    form = ExhibitorFilterForm(request.GET or None, exhibition=exhibition)
    exhibitors = catalogue.accepted_exhibitors(exhibition)
    return form.filter(exhibitors) if form.is_bound else exhibitors


@reads_query(*FILTER_NAMES)
@require_GET
def catalogue_xlsx(request, slug):
    exhibition = public_exhibition(slug)
    body = catalogue.workbook(
        exhibition,
        filtered_exhibitors(request, exhibition),
        agency=AgencyContact.load(),
        absolute=request.build_absolute_uri,
    )
    response = HttpResponse(body, content_type=catalogue.XLSX_CONTENT_TYPE)
    filename = f"{exhibition.slug}-exhibitors-{translation.get_language()}.xlsx"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@reads_query(*FILTER_NAMES)
class CataloguePrintView(TemplateView):
    """The catalogue as one page to print and hand out at the stand."""

    template_name = "exhibitions/catalogue_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibition = public_exhibition(self.kwargs["slug"])
        context["exhibition"] = exhibition
        context["exhibitors"] = filtered_exhibitors(self.request, exhibition)
        return context


# Applications for the pavilion ----------------------------------------------------


SUBMISSIONS = SubmissionLimit(
    group="exhibitions.application.submissions",
    rate_setting="EXHIBITIONS_APPLICATION_RATE",
)


class ApplyView(ApplicationFormView):
    """An Amur company applies for the pavilion, while the exhibition takes
    applications; otherwise the page says so and whom to write to."""

    template_name = "exhibitions/apply.html"
    form_class = ApplicationForm
    workflow = PARTICIPATIONS
    limit = SUBMISSIONS
    consent_version = CONSENT_VERSION
    parent_name = "exhibition"

    def get_parent(self):
        return public_exhibition(self.kwargs["slug"])

    def consent_text(self, exhibition) -> str:
        return consent_text(exhibition)

    def submit(self, form, consent) -> None:
        services.submit_participation(
            exhibition=self.parent,
            company=form.company_data(),
            participation=form.participation_data(),
            consent=consent,
        )

    def get_success_url(self):
        return reverse(
            "exhibitions:application_sent", kwargs={"slug": self.parent.slug}
        )


class ApplicationSentView(TemplateView):
    template_name = "exhibitions/application_sent.html"

    def get_context_data(self, **kwargs):
        exhibition = public_exhibition(self.kwargs["slug"])
        return super().get_context_data(exhibition=exhibition, **kwargs)


class ConfirmView(applications.ConfirmView):
    workflow = PARTICIPATIONS
    link_error_template = "exhibitions/link_error.html"


class ApplicationPage(applications.ApplicantPageMixin):
    workflow = PARTICIPATIONS
    action_url_names = {
        "edit": "exhibitions:application_edit",
        "withdraw": "exhibitions:application_withdraw",
        "erase": "exhibitions:application_erase",
    }


class ApplicationDetailView(ApplicationPage, applications.ApplicationDetailView):
    template_name = "exhibitions/application_detail.html"


class ApplicationChangeView(ApplicationPage, applications.ApplicationChangeView):
    template_name = "exhibitions/application_edit.html"
    form_class = ApplicationChangeForm

    def change(self, form) -> list[str]:
        return services.change_participation(
            participation=self.get_application(),
            changes=form.changes(),
            by=self.request.user,
        )


class WithdrawView(ApplicationPage, applications.ApplicationActionView):
    template_name = "exhibitions/withdraw_confirm.html"
    success_message = _("Your application is withdrawn.")

    def act(self, participation, *, by) -> None:
        services.withdraw_participation(participation=participation, by=by)


class EraseView(ApplicationPage, applications.ApplicationActionView):
    template_name = "exhibitions/erase_confirm.html"
    success_message = _("Your personal data in this application has been erased.")

    def act(self, participation, *, by) -> None:
        services.anonymise_participation(participation=participation, by=by)
