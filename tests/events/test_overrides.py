"""One session of a series changed: moved, cancelled with a note, in another room or under
another title. Proven through the feeds (every parser the suite uses, across daylight-saving
changes), the single-event file, the listings, the event page, JSON-LD and the admin form."""

import datetime as dt
import json

import icalendar
import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from events.factories import EventPageFactory
from events.localtime import combine, local_today, start_of_day
from events.models import EventOccurrenceOverride, EventPage
from events.recurrence import Recurrence
from tests import admin_forms

from .parsers import both, both_sessions, sessions_icalendar, sessions_vobject
from .test_feeds import last_sunday, next_october_change

UTC = dt.UTC
ICAL_CALENDAR_PROPERTIES = ("X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")


def utc(day, hour, minute=0):
    """The UTC instant of a Stockholm wall-clock time."""
    return combine(day, dt.time(hour, minute)).astimezone(UTC)


def weekly_series_across_dst(parent, **kwargs):
    """Weekly on Tuesdays at 18:00 from before the October change to after the March one,
    with one session moved across the October change, one cancelled, one in another room."""
    october = next_october_change()
    march = last_sunday(october.year + 1, 3)
    first = october - dt.timedelta(days=12)  # a Tuesday
    until = march + dt.timedelta(days=2)
    moved, cancelled, other_room = (
        october - dt.timedelta(days=5),  # the Tuesday before the change (summer time)...
        october + dt.timedelta(days=2),
        march + dt.timedelta(days=2),  # the Tuesday after the March change
    )
    event = EventPageFactory(
        parent=parent,
        title="Veckoträff",
        start_date=first,
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_until=until,
        occurrence_overrides=[
            # ...moved to the Thursday after it, at 19:00 (winter time).
            {
                "original_date": moved,
                "start_date": october + dt.timedelta(days=4),
                "start_time": dt.time(19),
                "note": "Flyttad till torsdag.",
            },
            {"original_date": cancelled, "cancelled": True, "note": "Lokalen är stängd."},
            {"original_date": other_room, "venue_name": "Rum 2", "title": "Veckoträff i rum 2"},
        ],
        **kwargs,
    )
    tuesdays = []
    day = first
    while day <= until:
        tuesdays.append(day)
        day += dt.timedelta(days=7)
    return event, tuesdays, {"moved": moved, "cancelled": cancelled, "other_room": other_room}


# --- feeds ---------------------------------------------------------------------------------


def test_feed_parsers_agree_on_every_session_across_dst(client, calendar):
    event, tuesdays, dates = weekly_series_across_dst(calendar)
    data = client.get(calendar.url + "calendar.ics").content

    expected = []
    for day in tuesdays:
        start, end, status = utc(day, 18), utc(day, 20), "CONFIRMED"
        if day == dates["moved"]:
            thursday = day + dt.timedelta(days=9)
            start, end = utc(thursday, 19), utc(thursday, 21)
        elif day == dates["cancelled"]:
            status = "CANCELLED"
        expected.append((start, end, status))
    # Both parsers keep the cancelled session (marked); recurring-ical-events resolves the
    # RECURRENCE-IDs itself, vobject through the client logic in tests/events/parsers.py.
    assert sessions_icalendar(data)[event.uid] == sorted(expected)
    assert sessions_vobject(data)[event.uid] == sorted(expected)
    assert both_sessions(data)[event.uid] == sorted(expected)
    # The moved session is 18:00 UTC (19:00 winter time), not at the series' 16:00 UTC.
    assert utc(dates["moved"], 18) not in {start for start, _e, _s in expected}
    assert (utc(dates["moved"] + dt.timedelta(days=9), 19)).hour == 18


def test_changed_sessions_are_recurrence_id_instances_of_the_series(client, calendar):
    event, _tuesdays, dates = weekly_series_across_dst(calendar, venue_name="Stadsbiblioteket")
    data = client.get(calendar.url + "calendar.ics").content
    calendar_data = icalendar.Calendar.from_ical(data)
    vevents = [c for c in calendar_data.walk("VEVENT") if str(c["UID"]) == event.uid]
    master = [c for c in vevents if "RECURRENCE-ID" not in c]
    instances = {c["RECURRENCE-ID"].dt.date(): c for c in vevents if "RECURRENCE-ID" in c}
    assert len(master) == 1 and "RRULE" in master[0]
    assert set(instances) == set(dates.values())
    for day, instance in instances.items():
        # RECURRENCE-ID names the start the session had in the series, in Stockholm time.
        assert instance["RECURRENCE-ID"].dt == combine(day, dt.time(18))
        assert instance["RECURRENCE-ID"].params["TZID"] == "Europe/Stockholm"
        assert "RRULE" not in instance and "EXDATE" not in instance
        assert instance["SEQUENCE"] >= master[0]["SEQUENCE"]
    cancelled = instances[dates["cancelled"]]
    assert cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Inställt: Veckoträff"
    assert "Lokalen är stängd." in str(cancelled["DESCRIPTION"])
    other = instances[dates["other_room"]]
    assert str(other["SUMMARY"]) == "Veckoträff i rum 2"
    assert str(other["LOCATION"]).startswith("Rum 2, ")
    assert other["STATUS"] == "CONFIRMED"
    moved = instances[dates["moved"]]
    assert str(moved["DESCRIPTION"]).startswith("Flyttad till torsdag.")


def test_all_day_series_use_date_recurrence_ids(client, calendar):
    first = local_today() + dt.timedelta(days=10)
    event = EventPageFactory(
        parent=calendar,
        all_day=True,
        start_date=first,
        repeat_frequency="WEEKLY",
        repeat_count=4,
        occurrence_overrides=[
            {"original_date": first + dt.timedelta(days=7), "start_date": first + dt.timedelta(8)},
            {"original_date": first + dt.timedelta(days=14), "cancelled": True},
        ],
    )
    data = client.get(event.url + "event.ics").content
    instances = components_by_recurrence(data)
    assert [c["RECURRENCE-ID"].params.get("VALUE") for c in instances] == ["DATE", "DATE"]
    assert [c["RECURRENCE-ID"].dt for c in instances] == [
        first + dt.timedelta(days=7),
        first + dt.timedelta(days=14),
    ]
    expected = [
        (first, first + dt.timedelta(days=1), "CONFIRMED"),
        (first + dt.timedelta(days=8), first + dt.timedelta(days=9), "CONFIRMED"),
        (first + dt.timedelta(days=14), first + dt.timedelta(days=15), "CANCELLED"),
        (first + dt.timedelta(days=21), first + dt.timedelta(days=22), "CONFIRMED"),
    ]
    assert both_sessions(data)[event.uid] == expected


def test_event_ics_is_an_event_with_its_changed_sessions(client, calendar):
    event, tuesdays, _dates = weekly_series_across_dst(calendar)
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    data = icalendar.Calendar.from_ical(response.content)
    for name in ICAL_CALENDAR_PROPERTIES + ("NAME",):
        assert name not in data, name
    assert data["METHOD"] == "PUBLISH"
    assert len(data.walk("VTIMEZONE")) == 1
    assert len(data.walk("VEVENT")) == 4  # the series and its three changed sessions
    assert len(both(response.content)[event.uid]) == len(tuesdays)
    # Feeds keep their calendar properties.
    feed = icalendar.Calendar.from_ical(client.get(calendar.url + "calendar.ics").content)
    for name in ("X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        assert name in feed, name


def test_a_changed_session_raises_only_its_own_sequence(client, calendar):
    event, _tuesdays, dates = weekly_series_across_dst(calendar)
    event = EventPage.objects.get(pk=event.pk)
    event.save_revision().publish()

    def sequences():
        event_seq = EventPage.objects.get(pk=event.pk).sequence
        rows = EventOccurrenceOverride.objects.filter(event_id=event.pk)
        return event_seq, {row.original_date: row.sequence for row in rows}

    series_before, before = sequences()
    assert all(value >= series_before for value in before.values())

    # Another room for one session: that session's SEQUENCE goes up, nothing else.
    page = EventPage.objects.get(pk=event.pk)
    overrides = list(page.occurrence_overrides.all())
    for override in overrides:
        if override.original_date == dates["other_room"]:
            override.venue_name = "Rum 3"
    page.occurrence_overrides = overrides
    page.save_revision().publish()
    series_after, after = sequences()
    assert series_after == series_before
    assert after[dates["other_room"]] == before[dates["other_room"]] + 1
    assert after[dates["cancelled"]] == before[dates["cancelled"]]

    # A new wording of a note changes no time, place or status: no new SEQUENCE.
    page = EventPage.objects.get(pk=event.pk)
    overrides = list(page.occurrence_overrides.all())
    for override in overrides:
        override.note = override.note + " Välkomna!"
    page.occurrence_overrides = overrides
    page.save_revision().publish()
    assert sequences() == (series_after, after)
    data = client.get(event.url + "event.ics").content
    instance = next(
        c
        for c in components_by_recurrence(data)
        if c["RECURRENCE-ID"].dt.date() == dates["other_room"]
    )
    assert instance["SEQUENCE"] == after[dates["other_room"]]


def components_by_recurrence(data):
    return [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT") if "RECURRENCE-ID" in c]


# --- listings and pages ----------------------------------------------------------------------


def test_a_session_moved_past_the_series_end_or_before_its_start_is_found(calendar):
    first = local_today() + dt.timedelta(days=20)
    event = EventPageFactory(
        parent=calendar,
        title="Flyttbar",
        start_date=first,
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_count=3,
        occurrence_overrides=[
            {"original_date": first, "start_date": first - dt.timedelta(days=10)},
            {
                "original_date": first + dt.timedelta(days=14),
                "start_date": first + dt.timedelta(days=40),
            },
        ],
    )
    event.refresh_from_db()
    assert event.earliest_start_at == combine(first - dt.timedelta(days=10), dt.time(18))
    assert event.series_ends_at == combine(first + dt.timedelta(days=40), dt.time(20))
    assert event.starts_at == combine(first, dt.time(18))  # the series' DTSTART is unchanged

    before = start_of_day(first - dt.timedelta(days=10))
    early = EventPage.objects.in_window(before, before + dt.timedelta(days=1))
    assert [(o.event.pk, o.is_moved) for o in early] == [(event.pk, True)]
    after = start_of_day(first + dt.timedelta(days=40))
    late = EventPage.objects.in_window(after, after + dt.timedelta(days=1))
    assert [o.original_day for o in late] == [first + dt.timedelta(days=14)]
    # Listed in order of where the sessions now are.
    assert [o.local_start.date() for o in event.occurrences()] == [
        first - dt.timedelta(days=10),
        first + dt.timedelta(days=7),
        first + dt.timedelta(days=40),
    ]
    past_end = combine(first + dt.timedelta(days=30), dt.time(12))
    assert EventPage.objects.upcoming(past_end).filter(pk=event.pk).exists()


def _series_with_changes(calendar):
    first = local_today() + dt.timedelta(days=3)
    return EventPageFactory(
        parent=calendar,
        title="Labbträff",
        start_date=first,
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_count=5,
        exception_dates=[first + dt.timedelta(days=21)],
        occurrence_overrides=[
            {
                "original_date": first + dt.timedelta(days=7),
                "start_time": dt.time(17, 15),
                "note": "En timme tidigare den här gången.",
            },
            {
                "original_date": first + dt.timedelta(days=14),
                "cancelled": True,
                "note": "Sjukdom, vi ses veckan efter.",
            },
            {"original_date": first + dt.timedelta(days=28), "venue_name": "Rum Ada"},
        ],
    ), first


def test_calendar_agenda_and_month_show_the_changes(client, calendar):
    event, first = _series_with_changes(calendar)
    html = client.get(calendar.url).content.decode()
    assert "17:15" in html
    assert "Sjukdom, vi ses veckan efter." in html
    assert "Rum Ada" in html
    moved_month = f"{first + dt.timedelta(days=7):%Y-%m}"
    html = client.get(calendar.url, {"view": "month", "month": moved_month}).content.decode()
    assert ">17:15 Labbträff</a>" in html
    cancelled_month = f"{first + dt.timedelta(days=14):%Y-%m}"
    html = client.get(calendar.url, {"view": "month", "month": cancelled_month}).content.decode()
    assert html.count("month__event--cancelled") == 1
    assert "Sjukdom, vi ses veckan efter." in html
    other_month = f"{first + dt.timedelta(days=28):%Y-%m}"
    html = client.get(calendar.url, {"view": "month", "month": other_month}).content.decode()
    assert "Rum Ada" in html


def test_event_page_lists_skipped_and_changed_dates(client, calendar):
    event, first = _series_with_changes(calendar)
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="event-changes-heading"' in html
    assert "Sjukdom, vi ses veckan efter." in html
    assert "En timme tidigare den här gången." in html
    assert "Rum Ada" in html
    skipped = first + dt.timedelta(days=21)
    assert f'datetime="{skipped:%Y-%m-%d}"' in html
    upcoming = response.context["upcoming_occurrences"]
    assert [o.is_cancelled for o in upcoming] == [False, False, True, False]
    assert upcoming[1].local_start.time() == dt.time(17, 15)


def test_jsonld_shows_the_next_session_as_changed(client, calendar):
    first = local_today() + dt.timedelta(days=3)
    event = EventPageFactory(
        parent=calendar,
        title="Labbträff",
        start_date=first,
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_count=3,
        occurrence_overrides=[
            {"original_date": first, "start_time": dt.time(19), "venue_name": "Rum Ada"},
            {"original_date": first + dt.timedelta(days=7), "cancelled": True},
        ],
    )
    response = client.get(event.url)
    data = response.context["jsonld"]
    assert json.loads(json.dumps(data, default=str)) == data  # plain JSON values
    assert data["startDate"] == combine(first, dt.time(19)).isoformat()
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == combine(first, dt.time(18)).isoformat()
    assert data["location"]["name"] == "Rum Ada"
    assert data["eventSchedule"]["exceptDate"] == [
        first.isoformat(),
        (first + dt.timedelta(days=7)).isoformat(),
    ]


# --- query counts ----------------------------------------------------------------------------


def day_after(days):
    return local_today() + dt.timedelta(days=days)


def _populate(calendar, count):
    for i in range(count):
        first = local_today() + dt.timedelta(days=i % 30)
        if i % 2:
            EventPageFactory(parent=calendar, start_date=first)
            continue
        EventPageFactory(
            parent=calendar,
            start_date=first,
            repeat_frequency="WEEKLY",
            repeat_count=5,
            exception_dates=[first + dt.timedelta(days=28)],
            occurrence_overrides=[
                {"original_date": first + dt.timedelta(days=7), "start_time": dt.time(19)},
                {"original_date": first + dt.timedelta(days=14), "cancelled": True, "note": "x"},
            ],
        )


# Queries per rendering, measured on SQLite: the same at 10 and at 200 events, half of them
# series with changed sessions (see docs/calendar-feeds.md).
MAX_QUERIES = {"calendar": 18, "month": 18, "feed": 17, "event": 20}


@pytest.mark.parametrize("count", [10, 200])
def test_changed_sessions_keep_queries_constant(
    client, calendar, count, django_assert_max_num_queries
):
    from django.core.cache import cache

    _populate(calendar, count)
    event = EventPage.objects.exclude(rrule="").order_by("pk").first()
    urls = {
        "calendar": calendar.url,
        "month": calendar.url + f"?view=month&month={day_after(14):%Y-%m}",
        "feed": calendar.url + "calendar.ics",
        "event": event.url,
    }
    for name, url in urls.items():
        client.get(url)  # warm per-process caches (content types, site root paths)
        cache.clear()  # measure building the page or feed, not a cache hit
        with django_assert_max_num_queries(MAX_QUERIES[name], info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    # What was counted shows the changed sessions.
    assert "month__event--cancelled" in client.get(urls["month"]).content.decode()
    assert EventOccurrenceOverride.objects.count() == 2 * ((count + 1) // 2)


# --- validation ------------------------------------------------------------------------------


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def series_form(**overrides):
    fields = {
        "title": "Veckoträff",
        "slug": "veckotraff",
        "start_date": "2030-09-03",  # a Tuesday
        "start_time": "18:00",
        "repeat_frequency": "WEEKLY",
        "repeat_count": "10",
    }
    return admin_forms.event_form(**{**fields, **overrides})


def override_row(original_date, **values):
    row = {
        "original_date": original_date,
        "cancelled": "",
        "note": "",
        "start_date": "",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "title": "",
        "venue_name": "",
        "address": "",
        "online_url": "",
    }
    row.update(values)
    return {key: value for key, value in row.items() if value != ""}


def test_admin_saves_changed_sessions(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        series_form(
            occurrence_overrides=inline_formset(
                [
                    override_row("2030-09-10", start_date="2030-09-12", start_time="19:00"),
                    override_row("2030-09-17", cancelled="on", note="Lokalen är stängd."),
                ]
            )
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="veckotraff")
    rows = list(event.occurrence_overrides.values_list("original_date", "cancelled", "note"))
    assert rows == [
        (dt.date(2030, 9, 10), False, ""),
        (dt.date(2030, 9, 17), True, "Lokalen är stängd."),
    ]


def test_admin_reports_every_override_problem_at_once(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        series_form(
            exception_dates=inline_formset([{"date": "2030-09-24"}]),
            occurrence_overrides=inline_formset(
                [
                    override_row("2030-09-11", note="Fel dag"),  # a Wednesday
                    override_row("2030-09-24", cancelled="on"),  # a date without a session
                    override_row("2030-10-01", venue_name="Rum 2"),
                    override_row("2030-10-01", venue_name="Rum 3"),  # twice
                    override_row("2030-10-08", start_date="2031-03-30", start_time="02:30"),
                    override_row("2030-10-15", start_time="19:00", end_time="18:00"),
                ]
            ),
        ),
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["occurrence_overrides"]
    errors = [dict(form.errors) for form in formset.forms]
    assert "is not a date in this series" in errors[0]["original_date"][0]
    assert "is a date without a session" in errors[1]["original_date"][0]
    assert errors[2] == {}
    assert "more than once" in errors[3]["original_date"][0]
    assert "02:30 does not exist on 30 March 2031" in errors[4]["start_time"][0]
    assert "must end after it starts" in errors[5]["end_time"][0]
    assert not EventPage.objects.filter(slug="veckotraff").exists()
    html = response.content.decode()
    assert 'value="Fel dag"' in html and 'value="Rum 3"' in html  # what was typed stays


def test_admin_reports_override_problems_with_the_series_own(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        series_form(
            repeat_count="",  # a series without an end: refused
            occurrence_overrides=inline_formset(
                [
                    override_row("2030-09-10", note="En"),
                    override_row("2030-09-10", note="Två"),
                    override_row("2030-09-17", start_date="2031-03-30", start_time="02:15"),
                ]
            ),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "without an end are not allowed" in " ".join(form.errors["repeat_until"])
    errors = [dict(row.errors) for row in form.formsets["occurrence_overrides"].forms]
    assert errors[0] == {}
    assert "more than once" in errors[1]["original_date"][0]
    assert "02:15 does not exist on 30 March 2031" in errors[2]["start_time"][0]


# --- a series near a daylight-saving change --------------------------------------------------


def test_a_series_time_that_does_not_exist_on_one_of_its_dates_is_refused(english):
    march = last_sunday(2030, 3)  # 31 March 2030
    start = dt.datetime.combine(march - dt.timedelta(days=14), dt.time(2, 30))
    errors = Recurrence("WEEKLY", count=4).errors(start, skipped=set())
    assert set(errors) == {"start_time"}
    assert errors["start_time"].startswith("02:30 does not exist on 31 March 2030 in Swedish time")
    assert "add 31 March 2030 as a date without a session" in errors["start_time"]
    assert Recurrence("WEEKLY", count=4).errors(start, skipped={march}) == {}
    # 03:30 exists every night.
    assert Recurrence("WEEKLY", count=4).errors(start.replace(hour=3), skipped=set()) == {}


def test_admin_refuses_the_series_unless_the_night_is_skipped(admin_client, calendar, client):
    form = {"start_date": "2030-03-17", "start_time": "02:30", "repeat_count": "4"}
    response = admin_client.post(add_url(calendar), series_form(**form))
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["start_time"])
    assert "02:30 does not exist on 31 March 2030" in message

    response = admin_client.post(
        add_url(calendar),
        series_form(
            **form,
            exception_dates=inline_formset([{"date": "2030-03-31"}]),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="veckotraff")
    sessions = both(client.get(event.url + "event.ics").content)[event.uid]
    # Three sessions at 02:30 local time (01:30 UTC in winter, 00:30 in summer); none on the
    # night the clocks go forward.
    assert [start for start, _end in sessions] == [
        dt.datetime(2030, 3, 17, 1, 30, tzinfo=UTC),
        dt.datetime(2030, 3, 24, 1, 30, tzinfo=UTC),
        dt.datetime(2030, 4, 7, 0, 30, tzinfo=UTC),
    ]


def test_changed_sessions_are_open_data_in_the_api(client, calendar):
    first = local_today() + dt.timedelta(days=3)
    event = EventPageFactory(
        parent=calendar,
        start_date=first,
        repeat_frequency="WEEKLY",
        repeat_count=3,
        occurrence_overrides=[
            {"original_date": first + dt.timedelta(days=7), "cancelled": True, "note": "Sjuk."}
        ],
    )
    response = client.get(f"/api/v2/pages/{event.pk}/")
    assert response.status_code == 200
    (override,) = response.json()["occurrence_overrides"]
    assert override["original_date"] == (first + dt.timedelta(days=7)).isoformat()
    assert (override["cancelled"], override["note"]) == (True, "Sjuk.")
    assert "sequence" not in override and "fingerprint" not in override
