"""Two independent ways to read our calendars back, as clients would.

* icalendar + recurring-ical-events (the Python reference stack; resolves TZIDs itself);
* vobject (builds its time zones from the VTIMEZONE we ship, like Outlook or Thunderbird do;
  changed sessions of a series, RECURRENCE-ID instances, are applied here as those clients do).

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


def sessions_icalendar(data):
    """{uid: [(start, end, status), ...]} via icalendar + recurring-ical-events, which puts a
    RECURRENCE-ID instance in the place of the session it changes and keeps cancelled ones
    (with STATUS:CANCELLED)."""
    calendar = icalendar.Calendar.from_ical(data)
    result = defaultdict(list)
    for event in recurring_ical_events.of(calendar).between(FAR_PAST, FAR_FUTURE):
        result[str(event["UID"])].append(
            (_utc(event["DTSTART"].dt), _utc(event["DTEND"].dt), str(event.get("STATUS", "")))
        )
    return {uid: sorted(items) for uid, items in result.items()}


def occurrences_icalendar(data):
    """{uid: [(start, end), ...]} via icalendar + recurring-ical-events."""
    return _pairs(sessions_icalendar(data))


def _vobject_span(event):
    start = event.dtstart.value
    end = event.dtend.value
    ruleset = event.getrruleset(addRDate=True)
    starts = list(ruleset) if ruleset is not None else [start]
    if isinstance(start, dt.datetime):
        # An exact duration (RFC 5545 3.8.5.3), measured in UTC.
        duration = _utc(end) - _utc(start)
        return [(_utc(s), _utc(s) + duration) for s in starts]
    duration = end - start
    days = [s.date() if isinstance(s, dt.datetime) else s for s in starts]
    return [(day, day + duration) for day in days]


def _status(event):
    return event.status.value if hasattr(event, "status") else ""


def sessions_vobject(data):
    """{uid: [(start, end, status), ...]} via vobject, using the VTIMEZONE in the data.

    vobject expands a series but leaves RECURRENCE-ID instances to the client; this applies
    them as Thunderbird and Outlook do: the instance replaces the session whose original
    start its RECURRENCE-ID names (a cancelled one stays, marked, like recurring-ical-events).
    """
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    calendar = vobject.readOne(text)
    masters, instances = {}, defaultdict(list)
    for event in getattr(calendar, "vevent_list", []):
        if hasattr(event, "recurrence_id"):
            instances[event.uid.value].append(event)
        else:
            masters[event.uid.value] = event
    result = {}
    for uid, master in masters.items():
        status = _status(master)
        sessions = {start: (start, end, status) for start, end in _vobject_span(master)}
        for instance in instances.get(uid, ()):
            original = _utc(instance.recurrence_id.value)
            assert original in sessions, f"RECURRENCE-ID {original} is not a session of {uid}"
            ((start, end),) = _vobject_span(instance)
            sessions[original] = (start, end, _status(instance))
        result[uid] = sorted(sessions.values())
    return result


def occurrences_vobject(data):
    """{uid: [(start, end), ...]} via vobject, using the VTIMEZONE in the data."""
    return _pairs(sessions_vobject(data))


def _pairs(sessions):
    return {uid: sorted((s, e) for s, e, _status in items) for uid, items in sessions.items()}


def both_sessions(data):
    """Sessions with their status by both parsers, asserting that they agree."""
    first = sessions_icalendar(data)
    second = sessions_vobject(data)
    assert first == second, f"parsers disagree:\nicalendar: {first}\nvobject:   {second}"
    return first


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
