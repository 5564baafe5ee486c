"""The event editor through Wagtail's admin over HTTP: an end left empty follows the start,
every schedule mistake is shown at once, the schedule in words, and the place fields."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset

from events.factories import EventPageFactory
from events.localtime import to_local
from events.models import EventExceptionDate, EventPage
from events.places import known_places
from tests import admin_forms

# --- helpers ---------------------------------------------------------------------------------


def event_form(**overrides):
    fields = {"title": "Hackkväll", "slug": "hackkvall", "start_date": "2030-12-08"}
    return admin_forms.event_form(**{**fields, **overrides, "action-publish": "1"})


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def edit_url(event):
    return reverse("wagtailadmin_pages:edit", args=(event.pk,))


def create(client, parent, **fields):
    response = client.post(add_url(parent), event_form(**fields))
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug="hackkvall")


def local(value):
    return to_local(value).replace(tzinfo=None)


def at(day, hour, minute=0):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute))


# --- an end left empty follows the start -----------------------------------------------------


@pytest.mark.parametrize(
    ("created", "moved_to", "expected"),
    [
        # One-off: two hours after the start, whichever way the start moves.
        ({"start_time": "18:00"}, "2031-03-21", (at("2031-03-21", 18), at("2031-03-21", 20))),
        ({"start_time": "18:00"}, "2030-11-01", (at("2030-11-01", 18), at("2030-11-01", 20))),
        # A hand-set end time without an end date stays on the start's day.
        (
            {"start_time": "18:00", "end_time": "21:30"},
            "2031-03-21",
            (at("2031-03-21", 18), at("2031-03-21", 21, 30)),
        ),
        # All day, one day.
        ({"all_day": "on"}, "2031-03-21", (at("2031-03-21", 0), at("2031-03-22", 0))),
        ({"all_day": "on"}, "2030-11-01", (at("2030-11-01", 0), at("2030-11-02", 0))),
        # A hand-set multi-day end moved earlier stays as set: the event gets longer.
        (
            {"all_day": "on", "end_date": "2030-12-10"},
            "2030-12-06",
            (at("2030-12-06", 0), at("2030-12-11", 0)),
        ),
    ],
)
def test_an_empty_end_follows_the_start(admin_client, calendar, created, moved_to, expected):
    event = create(admin_client, calendar, **created)
    response = admin_client.post(edit_url(event), event_form(**created, start_date=moved_to))
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert (local(event.starts_at), local(event.ends_at)) == expected
    assert event.end_date == (
        dt.date.fromisoformat(created["end_date"]) if "end_date" in created else None
    )


@pytest.mark.parametrize("moved_to", ["2031-03-18", "2030-11-05"])
def test_a_series_moved_keeps_two_hour_sessions(admin_client, calendar, moved_to):
    fields = {"start_date": "2030-12-03", "repeat_frequency": "WEEKLY", "repeat_count": "10"}
    event = create(admin_client, calendar, **fields)
    response = admin_client.post(edit_url(event), event_form(**{**fields, "start_date": moved_to}))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(pk=event.pk)
    sessions = event.occurrences()
    assert len(sessions) == 10
    assert local(sessions[0].start) == at(moved_to, 18)
    assert {s.end - s.start for s in sessions} == {dt.timedelta(hours=2)}
    assert event.series_ends_at == sessions[-1].end


@pytest.mark.parametrize(
    ("created", "field"),
    [
        ({"all_day": "on", "end_date": "2030-12-10"}, "end_date"),
        ({"start_time": "10:00", "end_date": "2030-12-09", "end_time": "16:00"}, "end_date"),
    ],
)
def test_a_hand_set_end_is_kept_and_checked_when_the_start_moves_past_it(
    admin_client, calendar, created, field
):
    event = create(admin_client, calendar, **created)
    response = admin_client.post(edit_url(event), event_form(**created, start_date="2031-03-21"))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    event.refresh_from_db()
    assert event.start_date == dt.date(2030, 12, 8)  # nothing was saved


def test_migration_empties_only_the_ends_that_were_defaults(calendar):
    migration = importlib.import_module("events.migrations.0008_end_follows_start")
    derived = EventPageFactory(parent=calendar, start_date=dt.date(2030, 12, 8))
    same_day = EventPageFactory(
        parent=calendar, start_date=dt.date(2030, 12, 8), end_time=dt.time(21)
    )
    by_hand = EventPageFactory(
        parent=calendar,
        start_date=dt.date(2030, 12, 8),
        end_date=dt.date(2030, 12, 9),
        end_time=dt.time(2),
    )
    for event in (derived, same_day, by_hand):
        event.save_revision().publish()
    # What saving stored before: the derived end written into the fields, and the calendar
    # fingerprint computed from them.
    for event, end_date, end_time in [
        (derived, dt.date(2030, 12, 8), dt.time(20)),
        (same_day, dt.date(2030, 12, 8), dt.time(21)),
    ]:
        event.end_date, event.end_time = end_date, end_time
        EventPage.objects.filter(pk=event.pk).update(
            end_date=end_date,
            end_time=end_time,
            schedule_fingerprint=event._schedule_fingerprint(),
        )
    sequences = dict(EventPage.objects.values_list("pk", "sequence"))

    migration.clear_derived_ends(apps, None)

    rows = {row["pk"]: row for row in EventPage.objects.values("pk", "end_date", "end_time")}
    assert (rows[derived.pk]["end_date"], rows[derived.pk]["end_time"]) == (None, None)
    assert (rows[same_day.pk]["end_date"], rows[same_day.pk]["end_time"]) == (None, dt.time(21))
    assert (rows[by_hand.pk]["end_date"], rows[by_hand.pk]["end_time"]) == (
        dt.date(2030, 12, 9),
        dt.time(2),
    )
    # Publishing the unchanged events again does not raise SEQUENCE: nothing moved.
    for event in (derived, same_day, by_hand):
        EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert dict(EventPage.objects.values_list("pk", "sequence")) == sequences


# --- every mistake at once ---------------------------------------------------------------------


def test_every_schedule_mistake_is_shown_at_once_on_its_field_and_in_the_banner(
    admin_client, calendar
):
    mistakes = {
        "start_date": "2030-09-03",  # a Tuesday
        "end_time": "17:00",  # before the start
        "repeat_frequency": "WEEKLY",  # without an end
        "repeat_weekdays": ["MO"],  # not the first date's weekday
        "latitude": "57.7",  # without a longitude
    }
    response = admin_client.post(add_url(calendar), event_form(**mistakes))
    assert response.status_code == 200
    assert not EventPage.objects.exists()
    errors = response.context["form"].errors
    expected = {
        "end_time": "must end after it starts",
        "repeat_until": "without an end are not allowed",
        "repeat_weekdays": "not one of the chosen weekdays",
        "longitude": "both latitude and longitude",
    }
    for field, fragment in expected.items():
        assert fragment in " ".join(errors[field]), field
    soup = BeautifulSoup(response.content, "html.parser")
    for field, fragment in expected.items():
        wrapper = soup.select_one(f"[id$='-child-{field}-wrapper']")
        assert fragment in wrapper.select_one(".error-message").get_text(), field
    banner = soup.select_one(".messages ul.errorlist")
    lines = [li.get_text(" ", strip=True) for li in banner.select("li")]
    for field, fragment in expected.items():
        with translation.override("en"):  # the admin user's language
            label = str(response.context["form"][field].label)
        assert any(line.startswith(label) and fragment in line for line in lines), field
    assert "The schedule has 4 problems" in " ".join(lines)
    # What was typed is still there.
    assert soup.select_one("#id_end_time")["value"] == "17:00"


def test_dates_without_a_session_are_checked_together_with_other_mistakes(admin_client, calendar):
    response = admin_client.post(
        add_url(calendar),
        event_form(
            start_date="2030-09-03",
            repeat_frequency="WEEKLY",
            repeat_count="4",
            latitude="57.7",
            exception_dates=inline_formset([{"date": "2030-09-11"}]),
        ),
    )
    assert response.status_code == 200
    assert "longitude" in response.context["form"].errors
    row = response.context["form"].formsets["exception_dates"].forms[0]
    assert "not a date in this series" in " ".join(row.errors["date"])


def test_the_monthly_choice_and_interval_are_not_required(admin_client, calendar):
    data = event_form(repeat_frequency="WEEKLY", repeat_count="3")
    # What a browser posts when the script has disabled the fields that do not apply.
    del data["repeat_monthly_by"], data["repeat_interval"]
    event = create_from(admin_client, calendar, data)
    assert (event.repeat_monthly_by, event.repeat_interval) == ("date", 1)
    assert event.rrule.startswith("FREQ=WEEKLY")


def create_from(client, parent, data):
    response = client.post(add_url(parent), data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.get(slug="hackkvall")


def test_the_all_day_box_has_a_plain_label_and_no_icon(admin_client, calendar):
    event = EventPageFactory(parent=calendar)
    soup = BeautifulSoup(admin_client.get(edit_url(event)).content, "html.parser")
    checkbox = soup.select_one("#id_all_day")
    label = soup.select_one("label[for='id_all_day']")
    assert checkbox["type"] == "checkbox" and label.get_text(strip=True) == "All day"
    section = label.find_parent(["section", "div"])
    assert not section.select(".icon-tick-inverse")


# --- the schedule in words -------------------------------------------------------------------


def series(**fields):
    skipped = fields.pop("skipped", [])
    event = EventPage(
        start_date=dt.date(2030, 12, 3),  # a Tuesday
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        **fields,
    )
    event.exception_dates = [EventExceptionDate(date=day) for day in skipped]
    event.normalise_schedule()
    return event


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"repeat_count": 10},
            "Every Tuesday, 18:00–20:00, 10 times until 4 February 2031",
        ),
        (
            {"repeat_count": 10, "skipped": [dt.date(2030, 12, 31)]},
            "Every Tuesday, 18:00–20:00, 10 times until 4 February 2031, "
            "except 31 December 2030: 9 sessions in all",
        ),
        (
            {"repeat_until": dt.date(2031, 2, 4)},
            "Every Tuesday, 18:00–20:00, until 4 February 2031: 10 sessions in all",
        ),
        (
            {"repeat_count": 3, "repeat_interval": 2, "repeat_weekdays": ["TU", "TH"]},
            "Every 2 weeks on Tuesday, Thursday, 18:00–20:00, 3 times until 17 December 2030",
        ),
        (
            {"repeat_count": 4, "repeat_weekdays": ["TU", "TH"], "end_time": dt.time(21)},
            "Every Tuesday and Thursday, 18:00–21:00, 4 times until 12 December 2030",
        ),
    ],
)
def test_summary_in_english(db, english, fields, expected):
    assert series(**fields).schedule_summary() == expected


def test_summary_of_one_off_and_all_day_events(db, english):
    event = EventPage(start_date=dt.date(2030, 12, 3), start_time=dt.time(22))
    event.normalise_schedule()
    assert event.schedule_summary() == "Tuesday 3 December 2030, 22:00–00:00 1 day later"
    event = EventPage(start_date=dt.date(2030, 12, 3), all_day=True, end_date=dt.date(2030, 12, 5))
    event.normalise_schedule()
    assert event.schedule_summary() == "Tuesday 3 December 2030, 3 days"


def test_summary_in_swedish_names_the_skipped_date_and_the_sessions_left(db):
    with translation.override("sv"):
        text = series(repeat_count=10, skipped=[dt.date(2030, 12, 31)]).schedule_summary()
        translated = gettext("%(n)s session in all") != "%(n)s session in all"
    assert "tisdag" in text  # Swedish weekday and month names, whatever is merged
    assert "4 februari 2031" in text and "31 december 2030" in text
    if translated:  # once the pending Swedish catalogue is merged and compiled
        assert text == (
            "Varje tisdag, 18:00–20:00, 10 gånger till 4 februari 2031, "
            "utom 31 december 2030: 9 tillfällen totalt"
        )


def test_help_text_says_skipped_dates_count_towards_the_number_of_times(english):
    help_text = str(EventPage._meta.get_field("repeat_count").help_text)
    assert "10 times with one date without a session gives 9 sessions" in help_text


def test_summary_in_the_admin_and_on_the_public_page(admin_client, calendar, client):
    event = EventPageFactory(
        parent=calendar,
        start_date=dt.date(2030, 12, 3),
        repeat_frequency="WEEKLY",
        repeat_count=10,
        exception_dates=[dt.date(2030, 12, 31)],
    )
    event.save_revision().publish()
    with translation.override("en"):
        expected = EventPage.objects.get(pk=event.pk).schedule_summary()
    soup = BeautifulSoup(admin_client.get(edit_url(event)).content, "html.parser")
    panel = soup.select_one("[data-event-schedule-summary]")
    assert panel.select_one(".event-schedule-summary__text").get_text() == expected
    assert len(panel.select("li")) == 5  # the next sessions
    with translation.override("sv"):
        expected_sv = EventPage.objects.get(pk=event.pk).schedule_summary()
    public = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert public.select_one(".event__repeat").get_text() == expected_sv


# --- where: the registration link, known places ------------------------------------------------


def test_registration_link_is_in_the_where_tab(admin_client, calendar):
    with translation.override("en"):
        tabs = {str(tab.heading): tab for tab in EventPage.get_edit_handler().children}
    names = set(tabs["Where"].get_form_options()["fields"])
    assert {"venue_name", "address", "latitude", "longitude", "registration_url"} <= names
    event = EventPageFactory(parent=calendar)
    soup = BeautifulSoup(admin_client.get(edit_url(event)).content, "html.parser")
    assert soup.select_one("#tab-where [name='registration_url']") is not None
    assert soup.select_one("#tab-where svg[data-map-north]") is not None


@pytest.fixture
def group(home):
    from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory

    index = LocalGroupIndexPageFactory(parent=home)
    return LocalGroupPageFactory(
        parent=index,
        title="Civic Tech Umeå",
        city="Umeå",
        latitude=Decimal("63.82580"),
        longitude=Decimal("20.26300"),
    )


def test_known_places_are_earlier_venues_and_organiser_positions(
    group, django_assert_max_num_queries
):
    for n, (venue, lat) in enumerate(
        [("Väven", "63.824000"), ("Väven", "63.824000"), ("Stadsbiblioteket", None)]
    ):
        EventPageFactory(
            parent=group,
            start_date=dt.date(2030, 1, 1) + dt.timedelta(days=n),
            venue_name=venue,
            address="Storgatan 46A",
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal("20.265000") if lat else None,
        )
    EventPageFactory(parent=group, venue_name="", address="")  # online: no place
    with django_assert_max_num_queries(4), translation.override("en"):
        groups = known_places(group)
    assert [label for label, _places in groups] == [
        "Where this organiser met before",
        "Organisers",
    ]
    earlier = groups[0][1]
    assert [p.label for p in earlier] == [
        "Stadsbiblioteket, Storgatan 46A",  # the most recent first
        "Väven, Storgatan 46A",
    ]
    assert earlier[1].latitude == Decimal("63.824000")
    organisers = groups[1][1]
    assert [(p.label, p.latitude, p.longitude) for p in organisers] == [
        ("Civic Tech Umeå (its map position)", Decimal("63.825800"), Decimal("20.263000"))
    ]


def test_known_place_options_carry_the_place_and_fill_empty_fields_without_js(admin_client, group):
    EventPageFactory(
        parent=group,
        venue_name="Väven",
        address="Storgatan 46A",
        latitude=Decimal("63.824000"),
        longitude=Decimal("20.265000"),
    )
    url = add_url(group)
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    option = soup.select_one("#id_known_place option[data-venue-name='Väven']")
    assert option["data-address"] == "Storgatan 46A"
    assert (option["data-latitude"], option["data-longitude"]) == ("63.824000", "20.265000")
    data = event_form(venue_name="", address="", known_place=option["value"])
    event = create_from(admin_client, group, data)
    assert (event.venue_name, event.address) == ("Väven", "Storgatan 46A")
    assert (event.latitude, event.longitude) == (Decimal("63.824000"), Decimal("20.265000"))


def test_a_known_place_never_overwrites_what_was_typed(admin_client, group):
    EventPageFactory(parent=group, venue_name="Väven", address="Storgatan 46A")
    soup = BeautifulSoup(admin_client.get(add_url(group)).content, "html.parser")
    option = soup.select_one("#id_known_place option[data-venue-name='Väven']")
    data = event_form(venue_name="Folkets hus", known_place=option["value"])
    event = create_from(admin_client, group, data)
    assert event.venue_name == "Folkets hus"


def test_an_unknown_place_is_a_clear_form_error(admin_client, group):
    response = admin_client.post(add_url(group), event_form(known_place="page:999999"))
    assert response.status_code == 200
    assert "known_place" in response.context["form"].errors


@pytest.mark.parametrize("skipped", [1, 40])
def test_series_page_reads_its_skipped_dates_once(
    client, calendar, skipped, django_assert_max_num_queries
):
    first = dt.date(2030, 12, 3)
    event = EventPageFactory(
        parent=calendar,
        start_date=first,
        repeat_frequency="WEEKLY",
        repeat_count=100,
        exception_dates=[first + dt.timedelta(weeks=n + 1) for n in range(skipped)],
    )
    event.save_revision().publish()
    client.get(event.url)  # warm the site and page caches, as the other pins do
    # Measured: 18, whatever the number of skipped dates (21 before they were prefetched;
    # one of the 18 reads the series' changed sessions).
    with django_assert_max_num_queries(18) as run:
        response = client.get(event.url)
    assert response.status_code == 200
    assert sum("eventexceptiondate" in q["sql"] for q in run.captured_queries) == 1
    assert f"{100 - skipped}" in public_summary(response)


def public_summary(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".event__repeat").get_text()


# --- the live summary while typing ------------------------------------------------------------


def summary_url():
    return reverse("events_schedule_summary")


def test_live_summary_describes_what_is_typed_without_saving(admin_client, calendar):
    data = event_form(
        start_date="2030-12-03",
        repeat_frequency="WEEKLY",
        repeat_count="10",
        exception_dates=inline_formset([{"date": "2030-12-31"}, {"date": "2031-01-07"}]),
    )
    data["exception_dates-1-DELETE"] = "1"
    del data["repeat_monthly_by"]  # disabled by the script for a weekly series
    with translation.override("en"):
        response = admin_client.post(summary_url(), data)
    assert response.status_code == 200
    html = BeautifulSoup(response.json()["html"], "html.parser")
    assert html.select_one(".event-schedule-summary__text").get_text() == (
        "Every Tuesday, 18:00–20:00, 10 times until 4 February 2031, "
        "except 31 December 2030: 9 sessions in all"
    )
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"end_time": "17:00"},  # ends before it starts
        {"start_date": "2030-13-45"},
        {"repeat_frequency": "WEEKLY"},  # no end
        {"exception_dates-TOTAL_FORMS": "many"},
        {"exception_dates-TOTAL_FORMS": "99999999"},
    ],
)
def test_live_summary_of_a_schedule_with_mistakes_is_the_hint_never_a_500(
    admin_client, calendar, overrides
):
    data = {**event_form(), **overrides}
    with translation.override("en"):
        response = admin_client.post(summary_url(), data)
    assert response.status_code == 200
    html = response.json()["html"]
    if "exception_dates-TOTAL_FORMS" in overrides:
        assert "event-schedule-summary__text" in html  # bad rows are ignored
    else:
        assert "shown here once the date and time are saved without errors" in html


def test_live_summary_is_for_admin_users_and_posts_only(admin_client):
    from django.test import Client

    assert admin_client.get(summary_url()).status_code == 405
    response = Client().post(summary_url(), event_form())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_tab_ids_do_not_depend_on_the_admin_language(client, admin_user, calendar):
    """Wagtail caches a tab's id from its heading in the language it first rendered in."""
    from wagtail.users.models import UserProfile

    event = EventPageFactory(parent=calendar)
    UserProfile.get_for_user(admin_user)
    client.force_login(admin_user)
    ids = {}
    for language in ("sv", "en", "sv"):
        UserProfile.objects.filter(user=admin_user).update(preferred_language=language)
        soup = BeautifulSoup(client.get(edit_url(event)).content, "html.parser")
        assert soup.html["lang"] == language
        ids[language] = [tab["id"] for tab in soup.select("[role=tabpanel][id^=tab-]")]
    assert ids["sv"] == ids["en"]
    assert ids["sv"][:4] == ["tab-what", "tab-when", "tab-where", "tab-promote"]
