"""Redis as a cache the site can live without.

Redis holds caches and rate-limit counters, nothing that is not kept
elsewhere. When it stops answering, every cache call here behaves as a miss
(get returns the default, add and set store nothing) instead of raising, so
pages keep being served from the database and rate limits open (see
RATELIMIT_FAIL_OPEN). After a failure Redis is left alone for a few seconds,
so that a dead server costs one short timeout now and then, not one per call.

With MAX_ENTRIES in its OPTIONS it keeps at most that many entries, as
Django's local-memory cache does (Redis itself bounds only the whole server's
memory): the whole pages, which any visitor can multiply, stay within their
own bound and never push out the rate-limit counters kept beside them. The
bound counts the entries that expire; a key kept without expiry (timeout
None: the generation of the pages, which they are read with) is not one of
them, and is never deleted by it, as Redis's volatile-lru policy never
evicts it.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class Outage:
    """When Redis failed last, shared by the threads of one process."""

    def __init__(self, pause: float):
        self.pause = pause
        self.until = 0.0
        self.lock = threading.Lock()

    def active(self) -> bool:
        return time.monotonic() < self.until

    def begin(self, error: Exception) -> None:
        with self.lock:
            if not self.active():
                logger.warning("Redis unreachable, caching paused: %r", error)
            self.until = time.monotonic() + self.pause


class ReusedClient(RedisCacheClient):
    """Django builds a new redis.Redis object for every cache call, which
    fills a dictionary of a few hundred response callbacks each time: a third
    of the cost of a page served from the cache. One client per connection
    pool does the same work (it takes a pooled connection per command)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    # Every key written, by the time it was written: the oldest go first.
    ENTRIES_KEY = "bounded-cache:entries"

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        pause = options.pop("OUTAGE_PAUSE_SECONDS", 5)
        self.max_entries = options.pop("MAX_ENTRIES", None)
        # A dead server must answer "no" quickly, not after the OS's timeout.
        options.setdefault("socket_connect_timeout", 0.25)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClient
        self.outage = Outage(pause)

    def _attempt(self, call, *args, fallback=None):
        if self.outage.active():
            return fallback
        try:
            return call(*args)
        except UNREACHABLE as error:
            self.outage.begin(error)
            return fallback

    def _count(self, keys, version) -> None:
        """Note the keys just written; past MAX_ENTRIES, delete the oldest."""
        if not self.max_entries:
            return
        client = self._cache.get_client(write=True)
        entries = self.make_key(self.ENTRIES_KEY)
        written = time.time()
        pipeline = client.pipeline(transaction=False)
        pipeline.zadd(entries, {self.make_key(key, version): written for key in keys})
        pipeline.zcard(entries)
        count = pipeline.execute()[-1]
        if count > self.max_entries:
            oldest = client.zpopmin(entries, count - self.max_entries)
            client.delete(*(key for key, _written in oldest))

    def _set_counted(self, key, value, timeout, version):
        super().set(key, value, timeout, version)
        if timeout is not None:
            self._count([key], version)

    def _add_counted(self, key, value, timeout, version):
        added = super().add(key, value, timeout, version)
        if added and timeout is not None:
            self._count([key], version)
        return added

    def _set_many_counted(self, data, timeout, version):
        failed = super().set_many(data, timeout, version)
        self._count(list(data), version)
        return failed

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(
            self._add_counted, key, value, timeout, version, fallback=False
        )

    def get(self, key, default=None, version=None):
        return self._attempt(super().get, key, default, version, fallback=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(self._set_counted, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(super().touch, key, timeout, version, fallback=False)

    def delete(self, key, version=None):
        return self._attempt(super().delete, key, version, fallback=False)

    def get_many(self, keys, version=None):
        return self._attempt(super().get_many, keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._attempt(super().has_key, key, version, fallback=False)

    def incr(self, key, delta=1, version=None):
        result = self._attempt(super().incr, key, delta, version)
        if result is None:
            # What a missing key gives: callers already handle it.
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        stored = self._attempt(self._set_many_counted, data, timeout, version)
        return list(data) if stored is None else stored

    def delete_many(self, keys, version=None):
        self._attempt(super().delete_many, keys, version)

    def clear(self):
        return self._attempt(super().clear, fallback=False)
