"""The pure iCalendar builder, read back by two independent parsers.

Dates here are fixed (2025/2026) and the expected instants are written out in UTC from the
Swedish daylight-saving rules (CEST = UTC+2 from the last Sunday of March, CET = UTC+1 from
the last Sunday of October), not computed with the code under test.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.ical import CalendarEvent, calendar_feed, event_calendar, vtimezone
from events.recurrence import Recurrence

from .parsers import both, components, vobject_events

STHLM = ZoneInfo("Europe/Stockholm")
UTC = dt.UTC
URL = "https://civictech.se/kalender/"


def at(y, mo, d, h=0, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=STHLM)


def utc(y, mo, d, h=0, mi=0):
    return dt.datetime(y, mo, d, h, mi, tzinfo=UTC)


def event(uid, start, end, **kwargs):
    kwargs.setdefault("summary", uid)
    kwargs.setdefault("url", f"{URL}{uid}/")
    return CalendarEvent(uid=f"{uid}@test", start=start, end=end, **kwargs)


def feed(*events):
    return calendar_feed(events, "Kalender", URL, source=URL + "calendar.ics").to_ical()


def test_calendar_properties():
    data = feed(event("a", at(2025, 6, 17, 18), at(2025, 6, 17, 20)))
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0"
    assert "Civic Tech Sweden" in str(calendar["PRODID"])
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"] == "Kalender"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Stockholm"
    assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["X-PUBLISHED-TTL"] == "PT1H"
    assert str(calendar["SOURCE"]) == URL + "calendar.ics"
    assert b"\r\n" in data


def test_vtimezone_is_the_classic_yearly_form():
    tz = icalendar.Calendar.from_ical(vtimezone().to_ical())
    assert tz["TZID"] == "Europe/Stockholm"
    standard = tz.walk("STANDARD")
    daylight = tz.walk("DAYLIGHT")
    assert len(standard) == 1 and len(daylight) == 1
    for component in standard + daylight:
        assert "RDATE" not in component
        assert component["RRULE"]["FREQ"] == ["YEARLY"]
        assert component["RRULE"]["BYDAY"] == ["-1SU"]
    assert daylight[0]["RRULE"]["BYMONTH"] == [3]
    assert daylight[0]["DTSTART"].dt == dt.datetime(1970, 3, 29, 2, 0)
    assert daylight[0]["TZOFFSETFROM"].td == dt.timedelta(hours=1)
    assert daylight[0]["TZOFFSETTO"].td == dt.timedelta(hours=2)
    assert standard[0]["RRULE"]["BYMONTH"] == [10]
    assert standard[0]["DTSTART"].dt == dt.datetime(1970, 10, 25, 3, 0)
    assert standard[0]["TZOFFSETFROM"].td == dt.timedelta(hours=2)
    assert standard[0]["TZOFFSETTO"].td == dt.timedelta(hours=1)


def test_vtimezone_agrees_with_the_tz_database_for_decades():
    """Rebuild a tzinfo from our VTIMEZONE (as clients do) and compare it with zoneinfo."""
    parsed = icalendar.Calendar.from_ical(feed()).walk("VTIMEZONE")[0].to_tz()
    instant = utc(2000, 1, 1)
    while instant < utc(2040, 1, 1):
        assert instant.astimezone(parsed).utcoffset() == instant.astimezone(STHLM).utcoffset(), (
            instant
        )
        instant += dt.timedelta(hours=97)  # a prime-ish step that visits every hour of day


def test_vtimezone_for_a_zone_without_daylight_saving():
    tz = vtimezone(ZoneInfo("Asia/Tokyo"))
    assert len(tz.walk("STANDARD")) == 1
    assert not tz.walk("DAYLIGHT")


def test_summer_and_winter_events_keep_their_wall_clock_time():
    data = feed(
        event("summer", at(2025, 6, 17, 18), at(2025, 6, 17, 20)),
        event("winter", at(2025, 1, 14, 18), at(2025, 1, 14, 20)),
    )
    assert b"DTSTART;TZID=Europe/Stockholm:20250617T180000" in data
    occurrences = both(data)
    assert occurrences["summer@test"] == [(utc(2025, 6, 17, 16), utc(2025, 6, 17, 18))]
    assert occurrences["winter@test"] == [(utc(2025, 1, 14, 17), utc(2025, 1, 14, 19))]


def test_weekly_series_across_both_daylight_saving_changes():
    # Tuesdays 18:00-20:00 from 7 October 2025 to 7 April 2026, none on 30 December.
    recurrence = Recurrence("WEEKLY", until=dt.date(2026, 4, 7))
    rrule = recurrence.to_ical(dt.date(2025, 10, 7), all_day=False)
    assert rrule == "FREQ=WEEKLY;UNTIL=20260407T215959Z"  # UNTIL in UTC, inside RRULE
    data = feed(
        event(
            "weekly",
            at(2025, 10, 7, 18),
            at(2025, 10, 7, 20),
            rrule=rrule,
            exdates=(at(2025, 12, 30, 18),),
        )
    )
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20260407T215959Z" in data
    assert b"EXDATE;TZID=Europe/Stockholm:20251230T180000" in data
    assert data.count(b"BEGIN:VEVENT") == 1  # one series, not expanded copies
    starts = [start for start, _end in both(data)["weekly@test"]]
    assert len(starts) == 27 - 1  # 27 Tuesdays, one skipped
    assert starts[0] == utc(2025, 10, 7, 16)
    assert utc(2025, 10, 21, 16) in starts  # last Tuesday of summer time (CEST)
    assert utc(2025, 10, 28, 17) in starts  # first Tuesday of winter time (CET)
    assert utc(2025, 12, 30, 17) not in starts  # the exception date
    assert utc(2026, 3, 24, 17) in starts  # last Tuesday of winter time
    assert utc(2026, 3, 31, 16) in starts  # first Tuesday of summer time
    assert starts[-1] == utc(2026, 4, 7, 16)


def test_late_evening_events_around_the_changes():
    data = feed(
        # The evening before clocks go back (26 October 2025, 03:00 CEST -> 02:00 CET).
        event("october-night", at(2025, 10, 25, 23, 30), at(2025, 10, 26, 1, 30)),
        # A night that spans clocks going forward (29 March 2026, 02:00 CET -> 03:00 CEST).
        event("march-night", at(2026, 3, 28, 22), at(2026, 3, 29, 4)),
    )
    occurrences = both(data)
    assert occurrences["october-night@test"] == [
        (utc(2025, 10, 25, 21, 30), utc(2025, 10, 25, 23, 30))
    ]
    assert occurrences["march-night@test"] == [(utc(2026, 3, 28, 21), utc(2026, 3, 29, 2))]


def test_all_day_multi_day_events_use_dates_with_exclusive_end():
    data = feed(
        event("hackathon", dt.date(2025, 10, 24), dt.date(2025, 10, 27)),
        event(
            "yearly",
            dt.date(2025, 3, 28),
            dt.date(2025, 3, 30),
            rrule=Recurrence("YEARLY", count=3).to_ical(dt.date(2025, 3, 28), all_day=True),
            exdates=(dt.date(2026, 3, 28),),
        ),
        event(
            "until",
            dt.date(2025, 5, 1),
            dt.date(2025, 5, 2),
            rrule=Recurrence("MONTHLY", until=dt.date(2025, 8, 1)).to_ical(
                dt.date(2025, 5, 1), all_day=True
            ),
        ),
    )
    assert b"DTSTART;VALUE=DATE:20251024" in data
    assert b"DTEND;VALUE=DATE:20251027" in data
    assert b"EXDATE;VALUE=DATE:20260328" in data
    assert b"UNTIL=20250801" in data and b"UNTIL=20250801T" not in data
    occurrences = both(data)
    assert occurrences["hackathon@test"] == [(dt.date(2025, 10, 24), dt.date(2025, 10, 27))]
    assert occurrences["yearly@test"] == [
        (dt.date(2025, 3, 28), dt.date(2025, 3, 30)),
        (dt.date(2027, 3, 28), dt.date(2027, 3, 30)),
    ]
    assert [s for s, _e in occurrences["until@test"]] == [
        dt.date(2025, 5, 1),
        dt.date(2025, 6, 1),
        dt.date(2025, 7, 1),
        dt.date(2025, 8, 1),
    ]


def test_monthly_on_the_nth_weekday():
    # The first Tuesday of each month, 18:00, four times, starting 2 September 2025.
    rrule = Recurrence("MONTHLY", monthly_by="weekday", count=4).to_ical(dt.date(2025, 9, 2), False)
    assert rrule == "FREQ=MONTHLY;COUNT=4;BYDAY=1TU"
    data = feed(event("monthly", at(2025, 9, 2, 18), at(2025, 9, 2, 20), rrule=rrule))
    starts = [s for s, _e in both(data)["monthly@test"]]
    assert starts == [
        utc(2025, 9, 2, 16),
        utc(2025, 10, 7, 16),
        utc(2025, 11, 4, 17),
        utc(2025, 12, 2, 17),
    ]


TRICKY_SUMMARY = "Möte: å ä ö Å Ä Ö, 🎉 emoji; semikolon, komma\\bakstreck"
TRICKY_DESCRIPTION = (
    "Första raden, med komma; och semikolon.\nAndra raden: ”citat” och 'apostrof'.\n\n"
    + "Lång text om öppna data och digital demokrati 🇸🇪. " * 60
).strip()


def test_text_survives_a_round_trip():
    data = feed(
        event(
            "text",
            at(2025, 6, 17, 18),
            at(2025, 6, 17, 20),
            summary=TRICKY_SUMMARY,
            description=TRICKY_DESCRIPTION,
            location="Kafé Ölstugan, Storgatan 1; Göteborg",
            categories=("öppna data", "demokrati, digital"),
            organizer_name='Civic Tech Göteborg; "öst"',
            organizer_uri="https://civictech.se/grupper/goteborg/",
        )
    )
    # Folded at 75 octets, never inside a UTF-8 sequence (the parsers would fail otherwise).
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    expected_description = TRICKY_DESCRIPTION + "\n\n" + URL + "text/"
    parsed = components(data)["text@test"]
    assert str(parsed["SUMMARY"]) == TRICKY_SUMMARY
    assert str(parsed["DESCRIPTION"]) == expected_description
    assert str(parsed["LOCATION"]) == "Kafé Ölstugan, Storgatan 1; Göteborg"
    assert list(parsed["CATEGORIES"].cats) == ["öppna data", "demokrati, digital"]
    assert (
        parsed["ORGANIZER"].params["CN"] == 'Civic Tech Göteborg; "öst"'
        or parsed["ORGANIZER"].params["CN"] == "Civic Tech Göteborg; 'öst'"
    )
    other = vobject_events(data)["text@test"]
    assert other.summary.value == TRICKY_SUMMARY
    assert other.description.value == expected_description
    assert other.location.value == "Kafé Ölstugan, Storgatan 1; Göteborg"


def test_event_properties():
    created = utc(2025, 5, 1, 8)
    modified = utc(2025, 5, 20, 9, 30)
    data = feed(
        event(
            "full",
            at(2025, 6, 17, 18),
            at(2025, 6, 17, 20),
            sequence=3,
            status="CANCELLED",
            geo=(57.7069, 11.9668),
            location="Stadsbiblioteket",
            categories=("öppna data",),
            organizer_name="Civic Tech Göteborg",
            organizer_uri="mailto:goteborg@civictech.se",
            created=created,
            last_modified=modified,
        )
    )
    parsed = components(data)["full@test"]
    assert parsed["SEQUENCE"] == 3
    assert parsed["STATUS"] == "CANCELLED"
    assert parsed["CREATED"].dt == created
    assert parsed["LAST-MODIFIED"].dt == modified
    assert parsed["DTSTAMP"].dt == modified  # stable: the last publication, not "now"
    assert (parsed["GEO"].latitude, parsed["GEO"].longitude) == (57.7069, 11.9668)
    assert str(parsed["URL"]) == URL + "full/"
    assert str(parsed["ORGANIZER"]) == "mailto:goteborg@civictech.se"
    assert parsed["ORGANIZER"].params["CN"] == "Civic Tech Göteborg"
    assert parsed["TRANSP"] == "TRANSPARENT"
    assert str(parsed["DESCRIPTION"]).endswith(URL + "full/")


def test_same_input_same_bytes():
    items = [event("a", at(2025, 6, 17, 18), at(2025, 6, 17, 20), last_modified=utc(2025, 1, 1))]
    assert feed(*items) == feed(*items)


def test_event_calendar_is_an_event_not_a_calendar():
    single = event("one", at(2025, 6, 17, 18), at(2025, 6, 17, 20), summary="En träff")
    calendar = event_calendar([single])
    # Calendar-level name and refresh properties make some clients subscribe instead of add.
    for name in ("X-WR-CALNAME", "X-WR-CALDESC", "NAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        assert name not in calendar
    assert calendar["METHOD"] == "PUBLISH"
    assert len(calendar.walk("VEVENT")) == 1
    assert len(calendar.walk("VTIMEZONE")) == 1


@pytest.mark.parametrize(
    ("description", "expected"),
    [("", URL + "x/"), ("Text", "Text\n\n" + URL + "x/"), ("Se " + URL + "x/", "Se " + URL + "x/")],
)
def test_description_always_ends_with_the_page_url(description, expected):
    data = feed(event("x", at(2025, 6, 17, 18), at(2025, 6, 17, 20), description=description))
    assert str(components(data)["x@test"]["DESCRIPTION"]) == expected
