"""Dates from front matter, including the hand-typed event times of civictech.se.

civictech.se's `event-date` values carry a UTC offset that editors typed by hand
("2019-02-12 18:00:00 +0200") and often got wrong for the daylight-saving period of the
date. Everyone meant the time on the wall in Sweden, so where the typed offset is one of
Stockholm's two offsets but not the one in force on that date, the wall-clock time is
kept as Europe/Stockholm time and the correction is reported.
"""

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STOCKHOLM_OFFSETS = {dt.timedelta(hours=1), dt.timedelta(hours=2)}

_DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass(frozen=True)
class EventTime:
    """A parsed event start: an aware datetime, or a date for all-day events."""

    value: dt.datetime | dt.date
    correction: str = ""  # set when the typed offset was replaced
    note: str = ""  # set when the value was read in a way worth a report line

    @property
    def all_day(self):
        return not isinstance(self.value, dt.datetime)


def _format_offset(offset):
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def _parse_raw(raw):
    """datetime, date or None from a YAML value (YAML may already have parsed it)."""
    if isinstance(raw, dt.datetime):
        return raw
    if isinstance(raw, dt.date):
        return raw
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if _DATE_ONLY.match(text):
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    try:
        return dateutil_parser.parse(text, yearfirst=True, dayfirst=False)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"cannot read {text!r} as a date and time") from exc


def parse_event_time(raw):
    """Read a front matter `event-date`; raise ValueError when it is not a date at all.

    Returns an EventTime whose datetime is aware, in Europe/Stockholm.
    """
    value = _parse_raw(raw)
    if value is None:
        raise ValueError("no date given")
    if not isinstance(value, dt.datetime):
        return EventTime(value)
    wall_clock = value.replace(tzinfo=None)
    local = wall_clock.replace(tzinfo=STOCKHOLM)
    normalised = local.astimezone(dt.UTC).astimezone(STOCKHOLM)
    if normalised.replace(tzinfo=None) != wall_clock:
        # In the hour the clocks skip in spring: the time does not exist in Sweden.
        return EventTime(
            normalised,
            note=(f"event-date {wall_clock:%Y-%m-%d %H:%M} does not exist in Stockholm (the "
                  f"clocks go forward that night): {normalised:%H:%M} used"),
        )
    if value.tzinfo is None:
        return EventTime(local)
    typed = value.utcoffset()
    expected = local.utcoffset()
    if typed == expected:
        return EventTime(local)
    if typed in STOCKHOLM_OFFSETS:
        instant = local.astimezone(dt.UTC)
        return EventTime(
            local,
            correction=(
                f"event-date {wall_clock:%Y-%m-%d %H:%M} {_format_offset(typed)}: Stockholm is at "
                f"{_format_offset(expected)} on that date, so the time was kept as "
                f"{wall_clock:%H:%M} Stockholm time ({instant:%Y-%m-%d %H:%M} UTC)"
            ),
        )
    # Any other offset (UTC from a CMS, say) was not typed for Sweden: take it literally.
    converted = value.astimezone(STOCKHOLM)
    return EventTime(
        converted,
        note=(
            f"event-date {value.isoformat()} has offset {_format_offset(typed)}, which is not a "
            f"Stockholm offset: read as the exact instant, {converted:%Y-%m-%d %H:%M} "
            "Stockholm time"
        ),
    )


def parse_date(raw):
    """A plain date (e.g. a post's `date`), or None when there is none or it is unreadable."""
    try:
        value = _parse_raw(raw)
    except ValueError:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(STOCKHOLM)
        return value.date()
    return value


def date_from_filename(stem):
    """Jekyll posts are named YYYY-MM-DD-title; return that date or None."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})-", stem)
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
