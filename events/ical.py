"""iCalendar (RFC 5545) output: a pure builder on top of the `icalendar` library.

Nothing here touches the database, the request or the cache: `calendar_feed()` takes plain
`CalendarEvent` records and returns an `icalendar.Calendar`; `event_calendar()` does the same
for one event. The views in `events.feeds` choose the events; `events.feed_cache` sets the
HTTP headers and caches the bytes.

Choices made for real clients (see docs/calendar-feeds.md):

* Times carry TZID=<settings.TIME_ZONE> and the calendar ships a VTIMEZONE in the classic form
  (one STANDARD and one DAYLIGHT component with yearly RRULEs). Outlook and some older
  clients misread VTIMEZONEs made of RDATE lists, which is what icalendar generates by itself.
* All-day events use VALUE=DATE with an exclusive DTEND (the day after the last day).
* Series are RRULE + EXDATE, never expanded copies, so a client keeps one editable series.
* DTSTAMP is the event's last publication time, not "now": the bytes of a feed then change
  only when its content does, which keeps ETags stable and 304s frequent.
* Every text passes through `hub.text.ical_text` here, whatever path it came by (admin,
  importer, shell): control characters go, and one-line properties (SUMMARY, LOCATION,
  CATEGORIES, the calendar's name, CN) get their line breaks folded into spaces.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from dateutil import rrule as du
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vCategory,
    vDDDLists,
    vDDDTypes,
    vDuration,
    vGeo,
    vInt,
    vRecur,
    vText,
    vUri,
)

from hub.text import ical_text

from .localtime import UTC, event_timezone

PRODID = "-//Civic Tech Sweden//Community hub calendar//EN"
DEFAULT_REFRESH = dt.timedelta(hours=1)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

STATUS_CONFIRMED = "CONFIRMED"
STATUS_TENTATIVE = "TENTATIVE"
STATUS_CANCELLED = "CANCELLED"


@dataclass(slots=True)
class CalendarEvent:
    """One event (or series) as a calendar sees it.

    `start`/`end` are aware datetimes, or dates for all-day events (`end` exclusive).
    `rrule` is an RFC 5545 RRULE value ("FREQ=WEEKLY;UNTIL=...;BYDAY=TU") or "".
    `exdates` are occurrence starts to leave out (aware datetimes, or dates for all-day).
    `description` is plain text; the builder appends `url` so that it always ends with it.
    `organizer_uri` is a mailto: URI when a public address exists, else the organiser's page.
    `recurrence_id`, set on a changed session of a series, is the start that session had in
    the series (a date for all-day series); the record then has the series' `uid`, its own
    `sequence`, its new `start`/`end` and no `rrule`.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    url: str = ""
    description: str = ""
    sequence: int = 0
    rrule: str = ""
    exdates: tuple = ()
    status: str = STATUS_CONFIRMED
    location: str = ""
    geo: tuple | None = None
    categories: tuple = ()
    organizer_name: str = ""
    organizer_uri: str = ""
    created: dt.datetime | None = None
    last_modified: dt.datetime | None = None
    recurrence_id: dt.datetime | dt.date | None = None
    extra: dict = field(default_factory=dict)

    @property
    def all_day(self):
        return not isinstance(self.start, dt.datetime)


# --- VTIMEZONE ----------------------------------------------------------------------------


def _offset_changes(tz, year):
    """The UTC instants in `year` at which `tz` changes its UTC offset."""
    changes = []
    instant = dt.datetime(year, 1, 1, tzinfo=UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=UTC)
    step = dt.timedelta(days=1)
    while instant < end:
        nxt = instant + step
        if instant.astimezone(tz).utcoffset() != nxt.astimezone(tz).utcoffset():
            low, high = instant, nxt
            while high - low > dt.timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(tz).utcoffset() == low.astimezone(tz).utcoffset():
                    low = mid
                else:
                    high = mid
            changes.append(high.replace(second=0, microsecond=0))
        instant = nxt
    return changes


def _yearly_rule(local_start):
    """(BYMONTH, BYDAY) naming the local date of a transition, e.g. (3, "-1SU")."""
    day = local_start.date()
    next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    last = (next_month - dt.timedelta(days=1)).day
    n = -1 if day.day + 7 > last else (day.day - 1) // 7 + 1
    return day.month, f"{n}{WEEKDAY_CODES[day.weekday()]}"


def _first_in_1970(month, byday, at):
    """The first local datetime in 1970 that matches the yearly rule (a conventional DTSTART)."""
    n, code = int(byday[:-2]), byday[-2:]
    weekday = getattr(du, code)(n)
    start = dt.datetime(1970, 1, 1, at.hour, at.minute)
    rule = du.rrule(du.YEARLY, bymonth=month, byweekday=weekday, dtstart=start)
    return rule[0]


@lru_cache(maxsize=8)
def _transition_rules(tzid, year):
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(tzid)
    rules = []
    for instant in _offset_changes(tz, year):
        before = (instant - dt.timedelta(minutes=1)).astimezone(tz)
        after = instant.astimezone(tz)
        local_start = (instant + before.utcoffset()).replace(tzinfo=None)
        month, byday = _yearly_rule(local_start)
        rules.append(
            {
                "daylight": bool(after.dst()),
                "from": before.utcoffset(),
                "to": after.utcoffset(),
                "name": after.tzname(),
                "month": month,
                "byday": byday,
                "dtstart": _first_in_1970(month, byday, local_start.time()),
            }
        )
    # Only use the classic yearly form if next year follows the same rules.
    following = [(r["month"], r["byday"]) for r in rules]
    check = []
    for instant in _offset_changes(tz, year + 1):
        before = (instant - dt.timedelta(minutes=1)).astimezone(tz)
        check.append(_yearly_rule((instant + before.utcoffset()).replace(tzinfo=None)))
    if following != check:
        return None
    if not rules:
        now = dt.datetime(year, 1, 1, tzinfo=UTC).astimezone(tz)
        rules.append(
            {
                "daylight": False,
                "from": now.utcoffset(),
                "to": now.utcoffset(),
                "name": now.tzname(),
                "month": None,
                "byday": None,
                "dtstart": dt.datetime(1970, 1, 1),
            }
        )
    return tuple(tuple(sorted(rule.items())) for rule in rules)


def vtimezone(tz=None, year=None):
    """A VTIMEZONE for `tz` (default: the event time zone) in the classic yearly-RRULE form.

    Falls back to icalendar's own (RDATE-based) form for zones whose rules are not a stable
    "nth weekday of a month" pattern.
    """
    tz = tz or event_timezone()
    year = year or dt.date.today().year
    rules = _transition_rules(tz.key, year)
    if rules is None:
        return Timezone.from_tzinfo(tz)
    component = Timezone()
    component.add("tzid", tz.key)
    component.add("x-lic-location", tz.key)
    for items in rules:
        rule = dict(items)
        sub = TimezoneDaylight() if rule["daylight"] else TimezoneStandard()
        sub.add("dtstart", rule["dtstart"])
        sub.add("tzoffsetfrom", rule["from"])
        sub.add("tzoffsetto", rule["to"])
        sub.add("tzname", rule["name"])
        if rule["month"]:
            sub.add("rrule", {"FREQ": "YEARLY", "BYMONTH": rule["month"], "BYDAY": rule["byday"]})
        component.add_component(sub)
    return component


# --- VEVENT -------------------------------------------------------------------------------

_TRANSPARENT = vText("TRANSPARENT")


def _localized(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(event_timezone())
    return value


def description_text(event):
    """The plain-text DESCRIPTION: the event's text, then a blank line, then its page URL."""
    text = (event.description or "").strip()
    if event.url and not text.endswith(event.url):
        text = f"{text}\n\n{event.url}" if text else event.url
    return text


def _shared(memo, kind, value, make):
    """One icalendar value object per distinct value within a calendar (they are only read
    when serialising): venues, organisers, statuses and tags repeat across events."""
    key = (kind, value)
    found = memo.get(key)
    if found is None:
        found = memo[key] = make(value)
    return found


def _utc_value(value):
    return vDDDTypes(value.astimezone(UTC))


def _geo(value):
    return vGeo(value)


_SPACES = re.compile(r" {2,}")


def _line(value):
    """Text for a one-line property or parameter (runs of spaces left by folded line breaks
    become one)."""
    return _SPACES.sub(" ", ical_text(value or "", multiline=False)).strip()


def _text(value):
    return vText(_line(value))


def _categories(value):
    return vCategory([_line(tag) for tag in value])


def _organizer(value):
    name, uri = value
    organizer = vCalAddress(_line(uri))
    if _line(name):
        organizer.params["CN"] = _line(name)
    return organizer


def event_component(event, memo=None):
    """The VEVENT for one `CalendarEvent`.

    Properties are set as typed icalendar values directly (rather than through `add()`, which
    guesses types), and values that repeat across events are shared through `memo`: building
    a large feed then costs a fraction of serialising it.
    """
    memo = {} if memo is None else memo
    component = Event()
    component["UID"] = _text(event.uid)
    if event.last_modified:
        modified = _shared(memo, "utc", event.last_modified, _utc_value)
        component["DTSTAMP"] = modified
    else:
        component["DTSTAMP"] = _utc_value(event.created or dt.datetime.now(UTC))
    if event.created:
        component["CREATED"] = _shared(memo, "utc", event.created, _utc_value)
    if event.last_modified:
        component["LAST-MODIFIED"] = modified
    component["SEQUENCE"] = _shared(memo, "int", event.sequence, vInt)
    component["SUMMARY"] = _text(event.summary)
    component["DTSTART"] = vDDDTypes(_localized(event.start))
    component["DTEND"] = vDDDTypes(_localized(event.end))
    if event.recurrence_id is not None:
        # Same value type as the series' DTSTART (RFC 5545 3.8.4.4): DATE for all-day.
        component["RECURRENCE-ID"] = vDDDTypes(_localized(event.recurrence_id))
    if event.rrule:
        component["RRULE"] = _shared(memo, "rrule", event.rrule, vRecur.from_ical)
        if event.exdates:
            if event.all_day:
                component["EXDATE"] = vDDDLists(list(event.exdates), params={"VALUE": "DATE"})
            else:
                component["EXDATE"] = vDDDLists([_localized(x) for x in event.exdates])
    component["STATUS"] = _shared(memo, "text", event.status, vText)
    component["TRANSP"] = _TRANSPARENT
    description = ical_text(description_text(event))
    if description:
        component["DESCRIPTION"] = vText(description)
    if event.location:
        component["LOCATION"] = _shared(memo, "line", event.location, _text)
    if event.geo:
        component["GEO"] = _shared(memo, "geo", tuple(event.geo), _geo)
    if event.url:
        component["URL"] = vUri(event.url)
    if event.categories:
        component["CATEGORIES"] = _shared(memo, "cats", tuple(event.categories), _categories)
    if event.organizer_uri:
        key = (event.organizer_name, event.organizer_uri)
        component["ORGANIZER"] = _shared(memo, "organizer", key, _organizer)
    for name, value in event.extra.items():
        component.add(name, value)
    return component


# --- VCALENDAR ----------------------------------------------------------------------------


def _calendar_head():
    """The properties every calendar object we publish has (the caller adds the VTIMEZONE)."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _calendar(name, *, url="", source="", description="", refresh=DEFAULT_REFRESH, tz=None):
    tz = tz or event_timezone()
    calendar = _calendar_head()
    name = _line(name)
    description = ical_text(description or "").strip()
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    if description:
        calendar.add("x-wr-caldesc", description)
        calendar.add("description", description)
    calendar.add("x-wr-timezone", tz.key)
    if url:
        calendar["URL"] = vUri(url)
    if source:
        calendar["SOURCE"] = vUri(source)
        calendar["SOURCE"].params["VALUE"] = "URI"
    interval = vDuration(refresh)
    interval.params["VALUE"] = "DURATION"
    calendar["REFRESH-INTERVAL"] = interval
    calendar["X-PUBLISHED-TTL"] = vDuration(refresh)
    calendar.add_component(vtimezone(tz))
    return calendar


def calendar_feed(events, name, url="", *, source="", description="", refresh=DEFAULT_REFRESH):
    """A subscribable calendar of `events` (an iterable of `CalendarEvent`).

    `name` becomes X-WR-CALNAME/NAME, `url` the calendar's web page, `source` the feed's own
    address (RFC 7986 SOURCE), `refresh` the REFRESH-INTERVAL and X-PUBLISHED-TTL.
    """
    calendar = _calendar(name, url=url, source=source, description=description, refresh=refresh)
    memo = {}
    for event in events:
        calendar.add_component(event_component(event, memo))
    return calendar


def event_calendar(events):
    """The event page's "add to calendar" download: one event (a series with its changed
    sessions) as METHOD:PUBLISH, with its VTIMEZONE.

    Deliberately no calendar name, description or refresh interval (X-WR-CALNAME,
    X-WR-CALDESC, REFRESH-INTERVAL, X-PUBLISHED-TTL): with those, some clients (Outlook, Apple
    Calendar) offer to create or subscribe to a new calendar instead of adding the event.
    `events` are the `CalendarEvent` records of that one event (all with the same UID).
    """
    calendar = _calendar_head()
    calendar.add_component(vtimezone(event_timezone()))
    memo = {}
    for event in events:
        calendar.add_component(event_component(event, memo))
    return calendar
