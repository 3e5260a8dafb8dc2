"""The demo is alive whatever day it is loaded: the newest news is recent,
planned exchanges lie ahead, and what has passed reads as past."""

import datetime

import pytest
from django.utils import timezone

from showcase.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("demo_loaded_once")
class TestTheDemoAlive:
    """One load of the demo for both tests; the photographs' sizes (tasks
    after the commit) are not what they read and are left unmade."""

    def test_the_newest_news_is_recent_and_marked_as_a_sample(self):
        newest = NewsItem.objects.order_by("-published_on").first()

        assert timezone.localdate() - newest.published_on < datetime.timedelta(days=30)
        assert newest.is_sample

    def test_planned_exchanges_lie_ahead_and_past_plans_read_as_past(self, client):
        response = client.get("/ja/exchanges/")

        today = timezone.localdate()
        assert response.context["plans"], "the demo plans something"
        assert all(plan.ends_on >= today for plan in response.context["plans"])
        past_years = [year for year, _held in response.context["past_by_year"]]
        assert 2020 in past_years
