"""The long admin lists write each row's tick box directly
(amur_invest.staff.lists.PlainTickBoxes): the same HTML as Django's
action_checkbox, which renders a form widget through three templates."""

import pytest
from django.contrib import admin
from django.utils import translation

from exhibitions.admin import ParticipationAdmin
from missions.admin.registrations import RegistrationAdmin
from partners.admin import CompanyAdmin
from showcase.inquiries.admin import InquiryAdmin
from tests.exhibitions.factories import ParticipationFactory
from tests.missions.factories import RegistrationFactory
from tests.partners.factories import CompanyFactory
from tests.showcase.content_factories import InquiryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_tick_box_is_djangos_own(language):
    company = CompanyFactory(name_ru="ООО «Пчёлка & Co» <мёд>")
    rows = [
        (RegistrationAdmin, RegistrationFactory(company=company)),
        (ParticipationAdmin, ParticipationFactory(company=company)),
        (CompanyAdmin, company),
        (InquiryAdmin, InquiryFactory(name='Tanaka "<Taro>"')),
    ]
    with translation.override(language):
        for admin_class, row in rows:
            model_admin = admin_class(type(row), admin.site)
            djangos = admin.ModelAdmin(type(row), admin.site).action_checkbox(row)
            assert model_admin.action_checkbox(row) == djangos
