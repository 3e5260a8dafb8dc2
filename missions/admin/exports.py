"""Who may export registrations, and the download response for an export."""

from django.http import HttpResponse


def can_export_registrations(user) -> bool:
    """Exports carry contact details of every registrant: they need the
    "export registrations" permission on top of the right to see them."""
    return user.has_perm("missions.view_registration") and user.has_perm(
        "missions.export_registration"
    )


def export_response(export) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def exportable(registrations):
    """Registrations matched to a company. An unconfirmed one is a form post
    nobody has vouched for yet (possibly a stranger's): it stays out of
    spreadsheets, which would outlive its deletion after a week."""
    return registrations.filter(company__isnull=False)
