"""Two independent ways to read our calendars back, as clients would.

* icalendar + recurring-ical-events (the Python reference stack; resolves TZIDs itself);
* vobject (builds its time zones from the VTIMEZONE we ship, like Outlook or Thunderbird do).

Both return, per UID, the UTC instants (or dates) of every occurrence.
"""

import datetime as dt
from collections import defaultdict

import icalendar
import recurring_ical_events
import vobject

FAR_PAST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
FAR_FUTURE = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def _utc(value):
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value!r}"
        return value.astimezone(dt.UTC)
    return value


def occurrences_icalendar(data):
    """{uid: [(start, end), ...]} via icalendar + recurring-ical-events."""
    calendar = icalendar.Calendar.from_ical(data)
    result = defaultdict(list)
    for event in recurring_ical_events.of(calendar).between(FAR_PAST, FAR_FUTURE):
        result[str(event["UID"])].append((_utc(event["DTSTART"].dt), _utc(event["DTEND"].dt)))
    return {uid: sorted(items) for uid, items in result.items()}


def occurrences_vobject(data):
    """{uid: [(start, end), ...]} via vobject, using the VTIMEZONE in the data."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    calendar = vobject.readOne(text)
    result = {}
    for event in getattr(calendar, "vevent_list", []):
        start = event.dtstart.value
        end = event.dtend.value
        ruleset = event.getrruleset(addRDate=True)
        starts = list(ruleset) if ruleset is not None else [start]
        if isinstance(start, dt.datetime):
            # An exact duration (RFC 5545 3.8.5.3), measured in UTC.
            duration = _utc(end) - _utc(start)
            items = [(_utc(s), _utc(s) + duration) for s in starts]
        else:
            duration = end - start
            days = [s.date() if isinstance(s, dt.datetime) else s for s in starts]
            items = [(day, day + duration) for day in days]
        result[event.uid.value] = sorted(items)
    return result


def both(data):
    """Occurrences by both parsers, asserting that they agree."""
    first = occurrences_icalendar(data)
    second = occurrences_vobject(data)
    assert first == second, f"parsers disagree:\nicalendar: {first}\nvobject:   {second}"
    return first


def components(data):
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def vobject_events(data):
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return {event.uid.value: event for event in vobject.readOne(text).vevent_list}
