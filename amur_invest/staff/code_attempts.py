"""Wrong second-factor codes slow down whoever types them, not the account.

django-otp pauses a device after each wrong code, 1, 2, 4 ... seconds and
without end: whoever holds a password could keep the account's owner out
for days by typing wrong codes. Here wrong codes are counted per staff
member and client address. The first FREE_FAILURES cost nothing; then each
further try waits FIRST_PAUSE, doubling up to LONGEST_PAUSE and no longer. A
right code clears the count, and a count left alone for a day is forgotten.
The owner at another address is not slowed at all.

The counts live in the cache (Redis in production), which the web processes
share; if it is unreachable, codes are checked without a pause.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone

FREE_FAILURES = 5
FIRST_PAUSE = datetime.timedelta(minutes=1)
LONGEST_PAUSE = datetime.timedelta(minutes=15)
FORGOTTEN_AFTER = datetime.timedelta(days=1)


def _key(user, address: str | None) -> str:
    return f"two-factor:wrong-codes:{user.pk}:{address or 'unknown'}"


def pause_after(failures: int) -> datetime.timedelta:
    """How long the next try waits after this many wrong codes in a row."""
    if failures < FREE_FAILURES:
        return datetime.timedelta(0)
    return min(FIRST_PAUSE * 2 ** (failures - FREE_FAILURES), LONGEST_PAUSE)


def wait_left(user, address: str | None) -> datetime.timedelta:
    """How long until this user may try a code from this address again."""
    failures, last = cache.get(_key(user, address)) or (0, None)
    if last is None:
        return datetime.timedelta(0)
    left = last + pause_after(failures) - timezone.now()
    return max(left, datetime.timedelta(0))


def record_failure(user, address: str | None) -> None:
    key = _key(user, address)
    failures, _last = cache.get(key) or (0, None)
    cache.set(key, (failures + 1, timezone.now()), FORGOTTEN_AFTER.total_seconds())


def clear(user, address: str | None) -> None:
    cache.delete(_key(user, address))
