"""Event time zone helpers.

Events happen in the site's time zone (settings.TIME_ZONE, Europe/Stockholm): editors enter
wall-clock dates and times, and every conversion to an instant goes through these helpers so
that daylight-saving gaps and folds are treated the same way everywhere (and as RFC 5545 does).
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

UTC = dt.UTC


@lru_cache(maxsize=4)
def _zone(name):
    return ZoneInfo(name)


def event_timezone():
    """The zone events are entered and shown in (settings.TIME_ZONE)."""
    return _zone(settings.TIME_ZONE)


def localize(naive):
    """Attach the event time zone to a naive wall-clock datetime.

    A time that falls in the spring-forward gap (02:30 on the last Sunday of March) is read
    with the offset in force before the gap, which is what RFC 5545 (3.3.5) prescribes and
    what zoneinfo does with fold=0; in the autumn fold the first (summer-time) instant wins.
    """
    return naive.replace(tzinfo=event_timezone())


def combine(day, time):
    """The aware instant of wall-clock `time` on `day` in the event time zone."""
    return localize(dt.datetime.combine(day, time))


def start_of_day(day):
    return combine(day, dt.time.min)


def exists(day, time):
    """False when `time` on `day` does not exist locally (skipped by a DST change)."""
    aware = combine(day, time)
    round_trip = aware.astimezone(UTC).astimezone(event_timezone())
    return round_trip.replace(tzinfo=None) == aware.replace(tzinfo=None)


def to_local(value):
    """An aware datetime in the event time zone (for display and date arithmetic)."""
    return value.astimezone(event_timezone())


def local_today(now=None):
    from django.utils import timezone

    return to_local(now or timezone.now()).date()
