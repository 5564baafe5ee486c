"""Events as data: validation, defaults, the page tree, UID and SEQUENCE, the QuerySet."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.models import Locale, Page

from events.factories import EventPageFactory, TalkPageFactory
from events.filters import EventFilter
from events.localtime import combine, local_today, start_of_day
from events.models import (
    CalendarPage,
    EventOrganiserMixin,
    EventPage,
    TalkIndexPage,
    TalkPage,
    organiser_models,
)
from hub.factories import PersonFactory, StandardPageFactory
from hub.models import HomePage

from .conftest import day

# --- fields, defaults and validation ------------------------------------------------------


def test_defaults_two_hours_in_stockholm_time(calendar):
    event = EventPageFactory(
        parent=calendar, start_date=dt.date(2030, 6, 4), start_time=dt.time(18)
    )
    # What the editor left empty stays empty: the end instant is derived from the start.
    assert (event.end_date, event.end_time) == (None, None)
    assert event.starts_at == dt.datetime(2030, 6, 4, 16, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(2030, 6, 4, 18, tzinfo=dt.UTC)
    assert event.series_ends_at == event.ends_at
    assert event.rrule == ""


def test_default_end_crosses_midnight(calendar):
    event = EventPageFactory(
        parent=calendar, start_date=dt.date(2030, 6, 4), start_time=dt.time(23)
    )
    assert (event.end_date, event.end_time) == (None, None)
    assert event.ends_at == dt.datetime(2030, 6, 4, 23, tzinfo=dt.UTC)  # 01:00 Stockholm


def test_all_day_multi_day(calendar):
    event = EventPageFactory(
        parent=calendar,
        all_day=True,
        start_date=dt.date(2030, 10, 24),
        end_date=dt.date(2030, 10, 26),
    )
    assert event.start_time is None and event.end_time is None
    assert event.starts_at == start_of_day(dt.date(2030, 10, 24))
    assert event.ends_at == start_of_day(dt.date(2030, 10, 27))  # exclusive


def test_validation_messages(english, calendar):
    event = EventPage(
        title="x",
        slug="x",
        start_date=dt.date(2030, 6, 4),
        start_time=dt.time(18),
        end_time=dt.time(17),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["path", "depth", "url_path", "content_type", "locale"])
    assert "must end after it starts" in str(error.value.message_dict["end_time"])
    event = EventPage(title="x", slug="x", start_date=dt.date(2030, 6, 4), start_time=None)
    assert "Give a start time" in event.schedule_errors()["start_time"]
    event = EventPage(
        title="x",
        slug="x",
        all_day=True,
        start_date=dt.date(2030, 6, 4),
        end_date=dt.date(2030, 6, 1),
    )
    assert "before the first day" in event.schedule_errors()["end_date"]
    event = EventPage(
        title="x", slug="x", start_date=dt.date(2030, 3, 31), start_time=dt.time(2, 30)
    )
    assert "does not exist" in event.schedule_errors()["start_time"]
    event = EventPage(
        title="x", slug="x", start_date=dt.date(2030, 6, 4), start_time=dt.time(18), latitude=57.7
    )
    event.normalise_schedule()
    assert "both latitude and longitude" in event.schedule_errors()["longitude"]


# --- the page tree and the organiser contract ----------------------------------------------


def test_events_live_under_any_organiser_page():
    models = organiser_models()
    assert CalendarPage in models and TalkIndexPage in models
    assert all(issubclass(m, EventOrganiserMixin) for m in models)
    hosts = {m for m in models if EventPage in m.allowed_subpage_models()}
    assert set(EventPage.allowed_parent_page_models()) == hosts
    assert EventPage in CalendarPage.allowed_subpage_models()
    assert TalkPage in CalendarPage.allowed_subpage_models()
    assert TalkIndexPage.allowed_subpage_models() == [TalkPage]
    assert EventPage.allowed_subpage_models() == []
    assert TalkPage.allowed_subpage_models() == []
    assert CalendarPage in HomePage.allowed_subpage_models()
    assert TalkIndexPage in HomePage.allowed_subpage_models()


def test_events_cannot_be_created_outside_organisers(home, calendar):
    standard = StandardPageFactory(parent=home)
    assert not EventPage.can_create_at(standard)
    assert not EventPage.can_create_at(home)
    assert EventPage.can_create_at(calendar)


def test_index_pages_are_one_per_language_tree(home, home_en, calendar, talk_index):
    assert not CalendarPage.can_create_at(home)
    assert not TalkIndexPage.can_create_at(home)
    assert CalendarPage.can_create_at(home_en)


def test_default_scope_is_the_descendants(calendar, talk_index):
    mine = EventPageFactory(parent=calendar)
    TalkPageFactory(parent=talk_index)
    assert list(EventOrganiserMixin.feed_events(calendar)) == [mine]


def test_calendar_scope_is_every_event_of_its_language(calendar, talk_index, calendar_en):
    event = EventPageFactory(parent=calendar)
    talk = TalkPageFactory(parent=talk_index)
    EventPageFactory(parent=calendar_en)
    assert {p.pk for p in calendar.feed_events()} == {event.pk, talk.pk}
    assert {p.pk for p in talk_index.feed_events()} == {talk.pk}


def test_feed_and_webcal_urls(calendar, rf):
    request = rf.get("/")
    assert calendar.feed_url(request) == "http://testserver/kalender/calendar.ics"
    assert calendar.webcal_url(request) == "webcal://testserver/kalender/calendar.ics"
    link = calendar.feed_link(
        request, EventFilter(tags=["oppna-data"]), tag_names={"oppna-data": "öppna data"}
    )
    assert link.url == "http://testserver/kalender/calendar.ics?tag=oppna-data"
    with translation.override("sv"):
        everything = gettext("all events")
    assert link.title == f"Civic Tech Sweden – {everything}: öppna data"


# --- UID and SEQUENCE ---------------------------------------------------------------------


def test_uid_is_random_and_stable_on_rename_and_move(home, calendar, talk_index):
    first = EventPageFactory(parent=calendar, title="Träff")
    second = EventPageFactory(parent=calendar, title="Träff")
    assert first.uid != second.uid
    assert "trff" not in first.uid and "Träff" not in first.uid
    uid = first.uid
    first.title, first.slug = "Ny titel", "ny-titel"
    first.save_revision().publish()
    first.refresh_from_db()
    assert first.uid == uid
    other = CalendarPage.objects.get(pk=calendar.pk)
    talk = TalkPageFactory(parent=talk_index)
    talk_uid = talk.uid
    talk.move(other, pos="last-child")
    talk.refresh_from_db()
    assert talk.uid == talk_uid


def test_copy_is_a_new_event_and_revert_keeps_the_uid(calendar):
    event = EventPageFactory(parent=calendar)
    event.save_revision().publish()
    copy = event.copy(update_attrs={"slug": "kopia", "title": "Kopia"})
    assert copy.specific.uid and copy.specific.uid != event.uid
    old = event.latest_revision
    event.title = "Ändrad"
    event.save_revision().publish()
    old.publish()
    event.refresh_from_db()
    assert event.uid == EventPage.objects.get(pk=event.pk).uid


def test_translation_has_its_own_uid_derived_from_the_original(calendar, calendar_en):
    event = EventPageFactory(parent=calendar)
    event.save_revision().publish()
    translation = event.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.save_revision().publish()
    translation = EventPage.objects.get(pk=translation.pk)
    stem = event.uid.split("@")[0]
    assert translation.uid == f"{stem}-en@civictech.se"
    assert translation.translation_key == event.translation_key


def _publish(event, **changes):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def test_sequence_rises_on_time_place_recurrence_or_status_changes(calendar):
    event = _publish(EventPageFactory(parent=calendar))
    assert event.sequence == 0
    event = _publish(event, title="Ny titel", introduction="Mer text")
    assert event.sequence == 0  # wording is not a reschedule
    event = _publish(event, start_time=dt.time(17), end_time=dt.time(19))
    assert event.sequence == 1
    event = _publish(event, venue_name="Folkets hus")
    assert event.sequence == 2
    event = _publish(event, repeat_frequency="WEEKLY", repeat_count=4)
    assert event.sequence == 3
    event = _publish(event, status="cancelled")
    assert event.sequence == 4
    # Drafts do not count; publishing them does.
    event.start_time = dt.time(16)
    event.end_time = dt.time(18)
    event.save_revision()
    assert EventPage.objects.get(pk=event.pk).sequence == 4
    event.get_latest_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == 5


def test_sequence_counts_exception_dates(calendar):
    event = _publish(
        EventPageFactory(
            parent=calendar, start_date=day(7), repeat_frequency="WEEKLY", repeat_count=5
        )
    )
    from events.models import EventExceptionDate

    event.exception_dates.add(EventExceptionDate(date=day(14)))
    event = _publish(event)
    assert event.sequence == 1


def test_unpublish_and_republish_unchanged_keeps_the_sequence(calendar):
    event = _publish(EventPageFactory(parent=calendar))
    event.unpublish()
    event = _publish(EventPage.objects.get(pk=event.pk))
    assert event.sequence == 0


# --- the QuerySet -------------------------------------------------------------------------


def test_today_boundary(calendar):
    now = timezone.now()
    today = local_today(now)
    earlier_today = EventPageFactory(
        parent=calendar, start_date=today, start_time=dt.time(0, 0), end_time=dt.time(0, 1)
    )
    # "now" is pinned: a minute before, then exactly at, the end of happening_now.
    happening_now = EventPageFactory(parent=calendar, start_date=day(-1), start_time=dt.time(8))
    all_day_today = EventPageFactory(parent=calendar, all_day=True, start_date=today)
    later_today = EventPageFactory(parent=calendar, start_date=today, start_time=dt.time(18))
    tomorrow = EventPageFactory(parent=calendar, start_date=day(1), start_time=dt.time(0, 0))

    at = happening_now.ends_at - dt.timedelta(minutes=1)
    upcoming = set(EventPage.objects.upcoming(at))
    past = set(EventPage.objects.past(at))
    assert happening_now in upcoming and happening_now not in past
    at = happening_now.ends_at
    assert happening_now in set(EventPage.objects.past(at))
    assert happening_now not in set(EventPage.objects.upcoming(at))

    at = combine(today, dt.time(12))
    upcoming = set(EventPage.objects.upcoming(at))
    past = set(EventPage.objects.past(at))
    assert all_day_today in upcoming  # an all-day event today is upcoming all day
    assert earlier_today in past
    assert later_today in upcoming and later_today not in past
    assert tomorrow in upcoming
    everything = set(EventPage.objects.all())
    assert upcoming | past == everything and not upcoming & past
    assert all_day_today in set(EventPage.objects.upcoming(combine(today, dt.time(23, 59))))
    assert all_day_today in set(EventPage.objects.past(combine(day(1), dt.time(0, 0))))


def test_series_is_upcoming_until_its_last_occurrence_ends(calendar):
    series = EventPageFactory(
        parent=calendar, start_date=day(-14), repeat_frequency="WEEKLY", repeat_count=4
    )
    assert series in EventPage.objects.upcoming()
    assert series.series_ends_at == combine(day(7), dt.time(20))


def test_in_window_expands_series_and_skips_exception_dates(calendar):
    series = EventPageFactory(
        parent=calendar,
        start_date=day(1),
        repeat_frequency="WEEKLY",
        repeat_count=6,
        exception_dates=[day(15)],
    )
    single = EventPageFactory(parent=calendar, start_date=day(3))
    start, end = start_of_day(day(0)), start_of_day(day(30))
    occurrences = EventPage.objects.in_window(start, end)
    series_days = [o.first_day for o in occurrences if o.event.pk == series.pk]
    assert series_days == [day(1), day(8), day(22), day(29)]
    assert [o.start for o in occurrences] == sorted(o.start for o in occurrences)
    assert any(o.event.pk == single.pk for o in occurrences)
    assert all(o.event.organiser.pk == calendar.pk for o in occurrences)
    narrow = EventPage.objects.in_window(start_of_day(day(8)), start_of_day(day(9)))
    assert [(o.event.pk, o.first_day) for o in narrow] == [(series.pk, day(8))]


def test_in_window_includes_what_overlaps_the_edges(calendar):
    long = EventPageFactory(parent=calendar, all_day=True, start_date=day(-2), end_date=day(2))
    window = EventPage.objects.in_window(start_of_day(day(0)), start_of_day(day(1)))
    assert [o.event.pk for o in window] == [long.pk]
    assert window[0].multi_day and list(window[0].days())[0] == day(-2)


def test_tagged_and_descendant_of(calendar, talk_index):
    tagged = EventPageFactory(parent=calendar, tags=["öppna data"])
    EventPageFactory(parent=calendar, tags=["demokrati"])
    talk = TalkPageFactory(parent=talk_index, tags=["öppna data"])
    slug = Tag.objects.get(name="öppna data").slug
    assert set(EventPage.objects.tagged(slug)) == {tagged, EventPage.objects.get(pk=talk.pk)}
    assert list(EventPage.objects.tagged("okand")) == []
    assert list(EventPage.objects.descendant_of(talk_index)) == [EventPage.objects.get(pk=talk.pk)]


def test_kinds(monkeypatch, calendar, talk_index):
    event = EventPageFactory(parent=calendar)
    talk = TalkPageFactory(parent=talk_index)
    assert set(EventPage.objects.of_kind("event")) == {event}
    assert {p.pk for p in EventPage.objects.of_kind("talk")} == {talk.pk}
    assert list(EventPage.objects.of_kind("lab")) == []
    # Events under an organiser whose kind is "lab" are lab sessions (as under a LabPage).
    monkeypatch.setattr(CalendarPage, "organiser_kind", "lab")
    assert set(EventPage.objects.of_kind("lab")) == {event}
    assert list(EventPage.objects.of_kind("event")) == []
    occurrence = EventPage.objects.filter(pk=event.pk).in_window()[0]
    assert occurrence.event.kind == "lab"


def test_feed_window_keeps_past_and_cancelled_for_a_while(calendar):
    recent = EventPageFactory(parent=calendar, start_date=day(-150))
    old = EventPageFactory(parent=calendar, start_date=day(-200))
    cancelled_recent = EventPageFactory(parent=calendar, start_date=day(-20), status="cancelled")
    cancelled_old = EventPageFactory(parent=calendar, start_date=day(-40), status="cancelled")
    cancelled_future = EventPageFactory(parent=calendar, start_date=day(20), status="cancelled")
    window = set(EventPage.objects.in_feed_window())
    assert {recent, cancelled_recent, cancelled_future} <= window
    assert old not in window and cancelled_old not in window


def test_aliases_are_listed_once_on_the_calendar(calendar, talk_index):
    talk = TalkPageFactory(parent=talk_index)
    alias = talk.create_alias(parent=calendar, update_slug="alias")
    assert EventPage.objects.get(pk=alias.pk).uid == talk.uid  # a mirror is the same event
    assert [p.pk for p in calendar.feed_events()] == [talk.pk]


def test_talk_speakers_in_order(talk_index):
    ada = PersonFactory(name="Ada")
    bo = PersonFactory(name="Bo")
    talk = TalkPageFactory(parent=talk_index, speakers=[bo, ada])
    assert [p.name for p in TalkPage.objects.get(pk=talk.pk).speaker_people] == ["Bo", "Ada"]


def test_every_event_has_a_page_parent_that_hosts_it(calendar):
    event = EventPageFactory(parent=calendar)
    assert isinstance(Page.objects.get(pk=event.get_parent().pk).specific, EventOrganiserMixin)


def test_next_occurrences_matches_a_full_expansion(calendar):
    now = timezone.now()
    EventPageFactory(parent=calendar, start_date=day(9))
    EventPageFactory(parent=calendar, start_date=day(2))
    EventPageFactory(parent=calendar, start_date=day(-1), all_day=True, end_date=day(1))
    EventPageFactory(parent=calendar, start_date=day(1), repeat_frequency="DAILY", repeat_count=30)
    EventPageFactory(parent=calendar, start_date=day(40))
    everything = EventPage.objects.upcoming(now).in_window(now, None)
    for limit in (1, 3, 5, 50):
        fast = EventPage.objects.next_occurrences(limit, now)
        assert [(o.event.pk, o.start) for o in fast] == [
            (o.event.pk, o.start) for o in everything[:limit]
        ]


def test_republishing_unchanged_coordinates_keeps_the_sequence(calendar):
    event = EventPageFactory(parent=calendar, latitude="57.7", longitude="11.97")
    event = _publish(EventPage.objects.get(pk=event.pk))
    event = _publish(event, title="Samma plats")
    assert event.sequence == 0
    event = _publish(event, latitude="57.71")
    assert event.sequence == 1
