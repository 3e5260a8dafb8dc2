"""Redis down: caches miss, rate limits open, pages keep coming."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from amur_invest.cache import ResilientRedisCache
from tests.missions.factories import MissionFactory
from tests.partners.factories import CompanyFactory

# Nothing listens on port 1: connections are refused at once.
DEAD_REDIS = {
    "default": {
        "BACKEND": "amur_invest.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}
# The local Redis of the development and CI machines (the `redis` mark).
LIVE_REDIS = "redis://127.0.0.1:6379/15"


def dead_cache():
    return ResilientRedisCache(DEAD_REDIS["default"]["LOCATION"], {})


def test_every_call_answers_as_a_miss_when_redis_is_down():
    cache = dead_cache()
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    cache.set("key", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.has_key("key") is False
    cache.delete_many(["a"])
    with pytest.raises(ValueError, match="not found"):
        cache.incr("key")


def test_after_a_failure_redis_is_left_alone_for_a_while(monkeypatch):
    cache = dead_cache()
    cache.get("key")
    calls = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get",
        lambda *args: calls.append(args),
    )
    for _ in range(100):
        cache.get("key")
    # Not one call reached Redis: no page waits for a connection attempt.
    assert calls == []


@pytest.mark.redis
def test_the_cache_works_again_once_redis_is_back():
    cache = ResilientRedisCache(LIVE_REDIS, {"OPTIONS": {"OUTAGE_PAUSE_SECONDS": 0}})
    cache.outage.begin(ConnectionError("was down"))
    cache.set("amur-test", "back", 5)
    assert cache.get("amur-test") == "back"
    cache.delete("amur-test")


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/ja/", lambda company, mission: company.name_ja),
        ("/ru/companies/", lambda company, mission: company.name_ru),
        ("/en/missions/", lambda company, mission: mission.title_en),
    ],
)
def test_public_pages_are_served_while_redis_is_down(client, path, shown):
    company, mission = CompanyFactory(), MissionFactory()
    caches["default"].outage.until = 0

    response = client.get(path)

    assert response.status_code == 200
    assert shown(company, mission) in response.text
