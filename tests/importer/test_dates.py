"""Event dates: the hand-typed offsets of civictech.se, checked as UTC instants."""

import datetime as dt

import pytest
import yaml

from hub.importer.dates import STOCKHOLM, parse_date, parse_event_time

UTC = dt.UTC


def instant(value):
    return value.astimezone(UTC).replace(tzinfo=None)


def test_summer_offset_typed_in_february_keeps_the_wall_clock_time():
    when = parse_event_time("2019-02-12 18:00:00 +0200")
    assert when.value.tzinfo is STOCKHOLM
    assert (when.value.hour, when.value.minute) == (18, 0)
    # 18:00 in Stockholm in February is 17:00 UTC, not the 16:00 the typed offset says.
    assert instant(when.value) == dt.datetime(2019, 2, 12, 17, 0)
    assert "+02:00" in when.correction and "+01:00" in when.correction


def test_winter_offset_typed_in_july_keeps_the_wall_clock_time():
    # YAML parses "+01:00" itself: the importer gets an aware datetime.
    typed = yaml.safe_load("d: 2019-07-04 17:30:00 +01:00")["d"]
    when = parse_event_time(typed)
    assert instant(when.value) == dt.datetime(2019, 7, 4, 15, 30)
    assert when.correction


@pytest.mark.parametrize(
    ("raw", "expected_utc"),
    [
        ("2019-09-10 18:00:00 +02:00", dt.datetime(2019, 9, 10, 16, 0)),
        ("2019-12-10T18:00:00+01:00", dt.datetime(2019, 12, 10, 17, 0)),
        ("2019-12-10 18:00", dt.datetime(2019, 12, 10, 17, 0)),  # no offset: Stockholm time
    ],
)
def test_correct_or_missing_offsets_need_no_correction(raw, expected_utc):
    when = parse_event_time(raw)
    assert instant(when.value) == expected_utc
    assert when.correction == ""


def test_offsets_around_the_change_to_summer_time():
    # 2019-03-31 is the day the clocks go forward; the evening is already +02:00.
    assert parse_event_time("2019-03-31 18:00:00 +02:00").correction == ""
    fixed = parse_event_time("2019-03-31 18:00:00 +01:00")
    assert instant(fixed.value) == dt.datetime(2019, 3, 31, 16, 0)
    # The night before is still winter time.
    assert parse_event_time("2019-03-30 18:00:00 +01:00").correction == ""


def test_a_time_the_clocks_skip_moves_to_the_next_existing_time():
    when = parse_event_time("2019-03-31 02:30:00 +01:00")
    assert (when.value.hour, when.value.minute) == (3, 30)
    assert instant(when.value) == dt.datetime(2019, 3, 31, 1, 30)
    assert "does not exist" in when.note


def test_a_utc_time_is_an_exact_instant_not_a_typo():
    when = parse_event_time("2019-07-04T15:30:00Z")
    assert instant(when.value) == dt.datetime(2019, 7, 4, 15, 30)
    assert when.correction == "" and "not a Stockholm offset" in when.note


def test_date_only_is_all_day():
    when = parse_event_time("2020-01-15")
    assert when.all_day and when.value == dt.date(2020, 1, 15)
    assert parse_event_time(dt.date(2020, 1, 15)).all_day


@pytest.mark.parametrize("raw", [None, "", "snart", "2019-13-45"])
def test_unreadable_event_dates_raise(raw):
    with pytest.raises(ValueError):
        parse_event_time(raw)


def test_plain_dates():
    assert parse_date("2020-05-01") == dt.date(2020, 5, 1)
    assert parse_date(dt.datetime(2020, 5, 1, 23, 30, tzinfo=UTC)) == dt.date(2020, 5, 2)
    assert parse_date("inte ett datum") is None
