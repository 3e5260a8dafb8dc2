"""The agency's contact details in every template, read only when shown."""

from django.utils.functional import SimpleLazyObject

from amur_invest.agency.models import AgencyContact


def agency(request):
    return {"agency": SimpleLazyObject(AgencyContact.load)}
