"""Recurrence: the editor's choices, the RRULE they become, the bounds, and the admin form."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset

from events.models import EventPage
from events.recurrence import MAX_OCCURRENCES, Recurrence
from tests import admin_forms

START = dt.datetime(2025, 9, 2, 18, 0)  # a Tuesday


@pytest.mark.parametrize(
    ("recurrence", "first_day", "all_day", "expected"),
    [
        (Recurrence("DAILY", count=5), dt.date(2025, 9, 2), False, "FREQ=DAILY;COUNT=5"),
        (
            Recurrence("WEEKLY", interval=2, weekdays=("TH", "TU"), count=10),
            dt.date(2025, 9, 2),
            False,
            "FREQ=WEEKLY;COUNT=10;INTERVAL=2;BYDAY=TU,TH",
        ),
        (
            Recurrence("WEEKLY", until=dt.date(2025, 12, 16)),
            dt.date(2025, 9, 2),
            False,
            # 23:59:59 Stockholm (CET) on the last day, in UTC.
            "FREQ=WEEKLY;UNTIL=20251216T225959Z",
        ),
        (
            Recurrence("WEEKLY", until=dt.date(2025, 9, 30)),
            dt.date(2025, 9, 2),
            False,
            "FREQ=WEEKLY;UNTIL=20250930T215959Z",  # CEST
        ),
        (
            Recurrence("MONTHLY", monthly_by="weekday", count=3),
            dt.date(2025, 9, 30),  # the fifth Tuesday -> "the last Tuesday"
            False,
            "FREQ=MONTHLY;COUNT=3;BYDAY=-1TU",
        ),
        (
            Recurrence("YEARLY", until=dt.date(2030, 5, 1)),
            dt.date(2025, 5, 1),
            True,
            "FREQ=YEARLY;UNTIL=20300501",
        ),
    ],
)
def test_rrule_text(recurrence, first_day, all_day, expected):
    assert recurrence.to_ical(first_day, all_day) == expected


def test_starts_keep_the_wall_clock_time_across_dst():
    starts = Recurrence("WEEKLY", count=12).starts(dt.datetime(2025, 10, 7, 18))
    assert {s.time() for s in starts} == {dt.time(18)}


@pytest.mark.parametrize(
    ("recurrence", "field", "fragment"),
    [
        (Recurrence("WEEKLY"), "repeat_until", "without an end are not allowed"),
        (
            Recurrence("WEEKLY", until=dt.date(2025, 12, 1), count=3),
            "repeat_count",
            "not both",
        ),
        (Recurrence("DAILY", count=MAX_OCCURRENCES + 1), "repeat_count", "at most 500"),
        (Recurrence("DAILY", until=dt.date(2030, 1, 1)), "repeat_until", "more than 500"),
        (Recurrence("WEEKLY", until=dt.date(2025, 8, 1)), "repeat_until", "before the first"),
        (
            Recurrence("WEEKLY", weekdays=("MO", "WE"), count=4),
            "repeat_weekdays",
            "not one of the chosen weekdays",
        ),
        (Recurrence("MONTHLY", weekdays=("TU",), count=4), "repeat_weekdays", "weekly series"),
    ],
)
def test_rules_are_bounded_with_clear_messages(english, recurrence, field, fragment):
    errors = recurrence.errors(START)
    assert field in errors
    assert fragment in errors[field]


def test_acceptable_rules_have_no_errors():
    assert (
        Recurrence("WEEKLY", weekdays=("TU", "TH"), until=dt.date(2026, 6, 1)).errors(START) == {}
    )
    assert Recurrence("DAILY", count=MAX_OCCURRENCES).errors(START) == {}
    assert Recurrence("").errors(START) == {}


def test_describe(english):
    text = Recurrence("WEEKLY", interval=2, weekdays=("TU",), until=dt.date(2025, 12, 16)).describe(
        dt.date(2025, 9, 2)
    )
    assert text == "Every 2 weeks on Tuesday, until 16 December 2025"
    assert Recurrence("MONTHLY", monthly_by="weekday", count=6).describe(dt.date(2025, 9, 2)) == (
        "Every month on the first Tuesday, 6 times"
    )


# --- the admin form -----------------------------------------------------------------------


def event_form(**overrides):
    """The editor's data for a new event on a fixed date, so the rules below stay readable."""
    fields = {
        "title": "Månadsträff",
        "slug": "manadstraff",
        "introduction": "Vi ses.",
        "start_date": "2030-09-03",
    }
    return admin_forms.event_form(**{**fields, **overrides})


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_admin_creates_a_series_with_a_real_rrule(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        event_form(
            repeat_frequency="MONTHLY",
            repeat_monthly_by="weekday",
            repeat_count="6",
            exception_dates=inline_formset([{"date": "2030-12-03"}]),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="manadstraff")
    assert event.rrule == "FREQ=MONTHLY;COUNT=6;BYDAY=1TU"
    assert [x.date for x in event.exception_dates.all()] == [dt.date(2030, 12, 3)]
    # Defaults: Stockholm time, two hours long; the empty end stays empty and is derived.
    assert (event.end_date, event.end_time) == (None, None)
    assert event.ends_at - event.starts_at == dt.timedelta(hours=2)
    assert event.uid.endswith("@civictech.se")


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"repeat_frequency": "WEEKLY"}, "repeat_until", "without an end are not allowed"),
        ({"repeat_frequency": "DAILY", "repeat_count": "900"}, "repeat_count", "500"),
        (
            {"repeat_frequency": "DAILY", "repeat_until": "2035-01-01"},
            "repeat_until",
            "more than 500 occurrences",
        ),
        ({"end_time": "17:00"}, "end_time", "must end after it starts"),
        ({"start_date": "2031-03-30", "start_time": "02:30"}, "start_time", "does not exist"),
        ({"latitude": "57.7"}, "longitude", "both latitude and longitude"),
        (
            {"repeat_frequency": "WEEKLY", "repeat_weekdays": ["MO"], "repeat_count": "3"},
            "repeat_weekdays",
            "not one of the chosen weekdays",
        ),
    ],
)
def test_admin_form_errors_are_clear_and_keep_what_was_typed(
    admin_client, calendar, overrides, field, fragment
):
    response = admin_client.post(add_url(calendar), event_form(**dict(overrides)))
    assert response.status_code == 200
    form = response.context["form"]
    assert fragment in " ".join(form.errors[field])
    # Nothing was saved, and the editor's input is still in the form.
    assert not EventPage.objects.filter(slug="manadstraff").exists()
    html = response.content.decode()
    assert 'value="Månadsträff"' in html
    assert 'value="Stadsbiblioteket"' in html
    for name, value in overrides.items():
        assert form[name].value() == value


def test_admin_form_rejects_exception_dates_outside_the_series(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        event_form(
            repeat_frequency="WEEKLY",
            repeat_count="4",
            exception_dates=inline_formset([{"date": "2030-09-10"}, {"date": "2030-09-11"}]),
        ),
    )
    assert response.status_code == 200
    rows = response.context["form"].formsets["exception_dates"].forms
    assert not rows[0].errors
    assert "not a date in this series" in " ".join(rows[1].errors["date"])
    assert not EventPage.objects.filter(slug="manadstraff").exists()


def test_admin_edit_form_has_the_tabs(admin_client, calendar):
    from django.utils import translation

    from events.factories import EventPageFactory
    from events.models import TalkPage

    with translation.override("en"):
        for model in (EventPage, TalkPage):
            headings = [str(tab.heading) for tab in model.get_edit_handler().children]
            assert headings == ["What", "When", "Where", "Promote", "Settings"]
    event = EventPageFactory(parent=calendar)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stockholm" in html  # the time fields say which time zone they are in
    assert 'name="repeat_frequency"' in html
    assert 'name="rrule"' not in html  # never a raw RRULE box


def test_admin_preview_of_a_new_event(admin_client, calendar):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("events", "eventpage", calendar.pk))
    response = admin_client.post(url, event_form(repeat_frequency="WEEKLY", repeat_count="3"))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Månadsträff" in html
    with translation.override("sv"):  # the page's language
        event = EventPage(
            start_date=dt.date(2030, 9, 3),
            start_time=dt.time(18),
            repeat_frequency="WEEKLY",
            repeat_count=3,
        )
        event.normalise_schedule()
        expected = event.schedule_summary()
    assert expected
    assert expected in html
