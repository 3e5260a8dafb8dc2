"""Placeholder views: the public-missions engineer replaces these."""

from django.http import Http404
from django.views.generic import DetailView, ListView

from missions.models import Mission


class MissionListView(ListView):
    model = Mission


class MissionDetailView(DetailView):
    model = Mission


def _not_yet(request, **kwargs):
    raise Http404


register = registration_sent = confirm = registration_detail = _not_yet
withdraw = erase = registration_ics = _not_yet
