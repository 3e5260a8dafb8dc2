"""The "My preferences" page of the admin: each staff member edits their own."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from amur_invest.staff.language import remember
from amur_invest.staff.models import StaffPreference


class StaffPreferenceForm(forms.ModelForm):
    class Meta:
        model = StaffPreference
        fields = ["admin_language"]
        widgets = {"admin_language": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["admin_language"].choices = [
            ("", _("The language of my browser")),
            *settings.LANGUAGES,
        ]


def preferences(request):
    preference = StaffPreference.objects.filter(user=request.user).first()
    preference = preference or StaffPreference(user=request.user)
    form = StaffPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        language = form.cleaned_data["admin_language"]
        remember(request, language)
        # The confirmation already speaks the language just chosen.
        translation.activate(language or translation.get_language_from_request(request))
        messages.success(request, _("Your preferences are saved."))
        return redirect("staff_preferences")
    context = {
        **admin.site.each_context(request),
        "title": _("My preferences"),
        "form": form,
    }
    return TemplateResponse(request, "admin/staff/preferences.html", context)
