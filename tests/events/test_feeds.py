"""Calendar feeds over HTTP: content through two parsers, headers, 304s, caching, filters."""

import datetime as dt
import time
from email.utils import parsedate_to_datetime

import icalendar
import pytest
from django.utils import translation
from django.utils.http import http_date
from taggit.models import Tag
from wagtail.models import Locale

from events.factories import EventPageFactory, TalkPageFactory
from events.models import EventPage
from hub.factories import StandardPageFactory

from .conftest import day
from .parsers import both, components, vobject_events

UTC = dt.UTC


def last_sunday(year, month):
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    candidate = first_of_next - dt.timedelta(days=1)
    return candidate - dt.timedelta(days=(candidate.weekday() - 6) % 7)


def next_october_change(margin=14):
    """The next last Sunday of October at least `margin` days away."""
    year = day(0).year
    while last_sunday(year, 10) - dt.timedelta(days=margin) <= day(0):
        year += 1
    return last_sunday(year, 10)


def feed_path(page):
    return page.url + "calendar.ics"


def get(client, url, **headers):
    return client.get(url, headers=headers)


# --- content -------------------------------------------------------------------------------


def test_site_feed_across_daylight_saving_changes(client, calendar):
    october = next_october_change()
    march = last_sunday(october.year + 1, 3)
    weekly = EventPageFactory(
        parent=calendar,
        title="Veckoträff",
        start_date=october - dt.timedelta(days=12),  # a Tuesday
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_until=march + dt.timedelta(days=2),
        exception_dates=[october + dt.timedelta(days=58)],  # a Tuesday in December
    )
    night = EventPageFactory(
        parent=calendar,
        title="Nattkodning",
        start_date=october - dt.timedelta(days=1),
        start_time=dt.time(23, 30),
        end_date=october,
        end_time=dt.time(1, 30),
    )
    summer = EventPageFactory(parent=calendar, start_date=march + dt.timedelta(days=60))
    winter = EventPageFactory(parent=calendar, start_date=october + dt.timedelta(days=60))
    hackathon = EventPageFactory(
        parent=calendar,
        all_day=True,
        start_date=october - dt.timedelta(days=2),
        end_date=october,
    )

    response = client.get(feed_path(calendar))
    assert response.status_code == 200
    occurrences = both(response.content)

    def utc_at(d, hour, minute=0):
        return dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=UTC)

    starts = [start for start, _end in occurrences[weekly.uid]]
    assert utc_at(october - dt.timedelta(days=5), 16) in starts  # Tuesday before: CEST
    assert utc_at(october + dt.timedelta(days=2), 17) in starts  # Tuesday after: CET
    assert utc_at(october + dt.timedelta(days=58), 17) not in starts  # exception date
    assert utc_at(march - dt.timedelta(days=5), 17) in starts  # still CET
    assert utc_at(march + dt.timedelta(days=2), 16) == starts[-1]  # CEST again, the last one
    assert len(starts) == len({s.date() for s in starts})

    assert occurrences[night.uid] == [
        (
            utc_at(october - dt.timedelta(days=1), 21, 30),
            utc_at(october - dt.timedelta(days=1), 23, 30),
        )
    ]
    summer_day, winter_day = summer.start_date, winter.start_date
    assert occurrences[summer.uid] == [(utc_at(summer_day, 16), utc_at(summer_day, 18))]
    assert occurrences[winter.uid] == [(utc_at(winter_day, 17), utc_at(winter_day, 19))]
    assert occurrences[hackathon.uid] == [
        (october - dt.timedelta(days=2), october + dt.timedelta(days=1))
    ]

    parsed = components(response.content)[weekly.uid]
    assert (
        "UNTIL=" in parsed["RRULE"].to_ical().decode()
        and parsed["RRULE"]["UNTIL"][0].tzinfo is not None
    )
    assert parsed["DTSTART"].params["TZID"] == "Europe/Stockholm"


def test_event_fields_in_the_feed(client, calendar):
    event = EventPageFactory(
        parent=calendar,
        title="Öppna data, demokrati; och 🎉",
        introduction="Rad ett.\nRad två, med komma; semikolon.",
        venue_name="Kafé Ölstugan",
        address="Storgatan 1\n411 01 Göteborg",
        latitude="57.706900",
        longitude="11.966800",
        online_url="https://meet.example.org/x",
        registration_url="https://anmalan.example.org/x",
        tags=["öppna data", "demokrati"],
        status="postponed",
        status_note="Ny dag kommer.",
    )
    with translation.override("sv"):
        data = client.get(feed_path(calendar)).content
    parsed = components(data)[event.uid]
    page_url = event.get_full_url()
    assert str(parsed["URL"]) == page_url
    assert str(parsed["DESCRIPTION"]).endswith("\n\n" + page_url)
    assert "Rad ett.\nRad två, med komma; semikolon." in str(parsed["DESCRIPTION"])
    assert "https://anmalan.example.org/x" in str(parsed["DESCRIPTION"])
    assert str(parsed["LOCATION"]) == "Kafé Ölstugan, Storgatan 1 411 01 Göteborg"
    assert (parsed["GEO"].latitude, parsed["GEO"].longitude) == (57.7069, 11.9668)
    assert sorted(parsed["CATEGORIES"].cats) == ["demokrati", "öppna data"]
    assert parsed["STATUS"] == "TENTATIVE"
    assert str(parsed["SUMMARY"]).endswith("Öppna data, demokrati; och 🎉")
    assert parsed["ORGANIZER"].params["CN"] == "Civic Tech Sweden"
    assert str(parsed["ORGANIZER"]) == calendar.get_full_url()
    assert parsed["SEQUENCE"] == 0
    assert parsed["DTSTAMP"].dt == parsed["LAST-MODIFIED"].dt
    other = vobject_events(data)[event.uid]
    assert other.summary.value == str(parsed["SUMMARY"])
    assert other.description.value == str(parsed["DESCRIPTION"])


def test_english_feed_uses_english_words_and_its_own_uids(client, calendar, calendar_en):
    event = EventPageFactory(parent=calendar, status="cancelled")
    event.save_revision().publish()
    translated = event.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.title = "Meetup"
    translated.save_revision().publish()
    translated = EventPage.objects.get(pk=translated.pk)
    response = client.get("/en/calendar/calendar.ics")
    assert response.status_code == 200
    parsed = components(response.content)
    assert list(parsed) == [translated.uid]
    assert str(parsed[translated.uid]["SUMMARY"]) == "Cancelled: Meetup"
    assert parsed[translated.uid]["STATUS"] == "CANCELLED"
    assert str(parsed[translated.uid]["URL"]).startswith("http://testserver/en/calendar/")
    sv = components(client.get(feed_path(calendar)).content)
    assert list(sv) == [event.uid]


def test_talks_feed_and_single_event_download(client, calendar, talk_index):
    EventPageFactory(parent=calendar)
    talk = TalkPageFactory(parent=talk_index, title="Föreläsning om öppna data")
    data = client.get(feed_path(talk_index)).content
    assert list(components(data)) == [talk.uid]
    name = f"Civic Tech Sweden – {talk_index.title}"
    assert icalendar.Calendar.from_ical(data)["X-WR-CALNAME"] == name

    response = client.get(talk.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{talk.slug}.ics"'
    assert list(components(response.content)) == [talk.uid]
    assert icalendar.Calendar.from_ical(response.content)["METHOD"] == "PUBLISH"


def test_event_urls_in_the_feed_match_wagtail(client, calendar, talk_index):
    events = [EventPageFactory(parent=calendar), TalkPageFactory(parent=talk_index)]
    data = client.get(feed_path(calendar)).content
    parsed = components(data)
    for event in events:
        assert str(parsed[event.uid]["URL"]) == event.get_full_url()


def test_private_events_stay_out_of_feeds(client, calendar):
    from wagtail.models import PageViewRestriction

    public = EventPageFactory(parent=calendar)
    private = EventPageFactory(parent=calendar)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert list(components(client.get(feed_path(calendar)).content)) == [public.uid]


# --- tags and parameters ---------------------------------------------------------------------


def test_tag_filter(client, calendar):
    tagged = EventPageFactory(parent=calendar, tags=["öppna data"])
    EventPageFactory(parent=calendar, tags=["demokrati"])
    slug = Tag.objects.get(name="öppna data").slug
    response = client.get(feed_path(calendar), {"tag": slug})
    assert response.status_code == 200
    calendar_data = icalendar.Calendar.from_ical(response.content)
    assert list(components(response.content)) == [tagged.uid]
    with translation.override("sv"):
        everything = translation.gettext("all events")
    assert calendar_data["X-WR-CALNAME"] == f"Civic Tech Sweden – {everything}: öppna data"
    assert str(calendar_data["SOURCE"]).endswith("calendar.ics?tag=" + "%C3%B6ppna-data")


def test_unknown_tag_gives_an_empty_calendar(client, calendar):
    EventPageFactory(parent=calendar, tags=["demokrati"])
    response = client.get(feed_path(calendar), {"tag": "finns-inte"})
    assert response.status_code == 200
    calendar_data = icalendar.Calendar.from_ical(response.content)
    assert calendar_data.walk("VEVENT") == []
    assert calendar_data.walk("VTIMEZONE")


@pytest.mark.parametrize(
    "query",
    [
        "?tag=%3Cscript%3E",
        "?tag=a%00b",
        "?tag=" + "x" * 300,
        "?tag=a/b",
    ],
)
def test_malformed_tag_is_a_400_never_a_500(client, calendar, query):
    EventPageFactory(parent=calendar)
    response = client.get(feed_path(calendar) + query)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query", ["?tag=", "?page=abc", "?foo=bar&month=2030-99", "?tag=&tag=", "?%ff=%ff"]
)
def test_other_or_empty_parameters_are_ignored(client, calendar, query):
    event = EventPageFactory(parent=calendar)
    response = client.get(feed_path(calendar) + query)
    assert response.status_code == 200
    assert list(components(response.content)) == [event.uid]


def test_feeds_only_exist_on_organiser_pages_and_events(client, home, calendar):
    standard = StandardPageFactory(parent=home)
    assert client.get(standard.url + "calendar.ics").status_code == 404
    assert client.get(calendar.url + "nothing.ics").status_code == 404
    assert client.post(feed_path(calendar)).status_code == 405


# --- HTTP: headers, conditional GET, caching -------------------------------------------------


def test_headers(client, calendar):
    EventPageFactory(parent=calendar)
    response = client.get(feed_path(calendar))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert parsedate_to_datetime(response["Last-Modified"])
    assert "max-age=" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline;")


def test_conditional_get(client, calendar):
    EventPageFactory(parent=calendar)
    first = client.get(feed_path(calendar))
    etag, modified = first["ETag"], first["Last-Modified"]
    not_modified = get(client, feed_path(calendar), if_none_match=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert get(client, feed_path(calendar), if_modified_since=modified).status_code == 304
    later = http_date(time.time() + 60)
    assert get(client, feed_path(calendar), if_modified_since=later).status_code == 304
    assert get(client, feed_path(calendar), if_none_match='"other"').status_code == 200
    earlier = http_date(parsedate_to_datetime(modified).timestamp() - 3600)
    assert get(client, feed_path(calendar), if_modified_since=earlier).status_code == 200


def test_single_event_conditional_get(client, calendar):
    event = EventPageFactory(parent=calendar)
    first = client.get(event.url + "event.ics")
    assert get(client, event.url + "event.ics", if_none_match=first["ETag"]).status_code == 304


def test_feed_is_cached(client, calendar, django_assert_max_num_queries):
    for _ in range(3):
        EventPageFactory(parent=calendar)
    client.get(feed_path(calendar))
    with django_assert_max_num_queries(0):  # answered from the cache, before page routing
        response = client.get(feed_path(calendar))
    assert response.status_code == 200
    with django_assert_max_num_queries(0):
        assert get(client, feed_path(calendar), if_none_match=response["ETag"]).status_code == 304


def test_private_feeds_are_never_served_from_the_cache_to_others(admin_client, calendar):
    from django.test import Client
    from wagtail.models import PageViewRestriction

    client = Client()  # anonymous
    EventPageFactory(parent=calendar)
    assert client.get(feed_path(calendar)).status_code == 200  # cached while public
    PageViewRestriction.objects.create(page=calendar, restriction_type="login")
    assert client.get(feed_path(calendar)).status_code == 302  # to the login page
    assert admin_client.get(feed_path(calendar)).status_code == 200  # cached, private
    assert client.get(feed_path(calendar)).status_code == 302


def _uids(client, page):
    return set(components(client.get(feed_path(page)).content))


def _etag(client, page):
    return client.get(feed_path(page))["ETag"]


def test_publish_invalidates(client, calendar):
    event = EventPageFactory(parent=calendar)
    etag = _etag(client, calendar)
    event.start_time, event.end_time = dt.time(10), dt.time(12)
    event.save_revision().publish()
    response = get(client, feed_path(calendar), if_none_match=etag)
    assert response.status_code == 200
    parsed = components(response.content)[event.uid]
    assert parsed["DTSTART"].dt.time() == dt.time(10)
    assert parsed["SEQUENCE"] == 1


def test_new_event_unpublish_move_and_delete_invalidate(client, home, calendar, talk_index):
    event = EventPageFactory(parent=calendar)
    assert _uids(client, calendar) == {event.uid}
    added = EventPageFactory(parent=calendar, live=False)
    added.save_revision().publish()
    assert _uids(client, calendar) == {event.uid, added.uid}
    EventPage.objects.get(pk=added.pk).unpublish()
    assert _uids(client, calendar) == {event.uid}

    talk = TalkPageFactory(parent=talk_index)
    assert _uids(client, talk_index) == {talk.uid}
    talk.move(calendar, pos="last-child")
    assert _uids(client, talk_index) == {talk.uid}  # still a talk, wherever it lives
    parsed = components(client.get(feed_path(talk_index)).content)[talk.uid]
    assert str(parsed["URL"]).startswith(calendar.get_full_url())

    event.delete()
    assert _uids(client, calendar) == {talk.uid}


def test_renaming_an_organiser_invalidates(client, talk_index):
    TalkPageFactory(parent=talk_index)
    client.get(feed_path(talk_index))
    talk_index.title = "Föredrag"
    talk_index.save_revision().publish()
    data = client.get(feed_path(talk_index)).content
    assert icalendar.Calendar.from_ical(data)["X-WR-CALNAME"] == "Civic Tech Sweden – Föredrag"


# --- constant queries -------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
def test_feed_queries_do_not_grow_with_events(
    client, calendar, talk_index, count, django_assert_max_num_queries
):
    from hub.factories import PersonFactory

    speaker = PersonFactory()
    for i in range(count):
        if i % 10 == 0:
            TalkPageFactory(parent=talk_index, start_date=day(i % 90), speakers=[speaker])
        elif i % 5 == 0:
            EventPageFactory(
                parent=calendar,
                start_date=day(i % 60),
                repeat_frequency="WEEKLY",
                repeat_count=8,
                exception_dates=[day(i % 60 + 7)],
                tags=["öppna data"],
            )
        else:
            EventPageFactory(parent=calendar, start_date=day(i % 120 - 30), tags=["demokrati"])
    # Routing and privacy (7), the events, their tags, exception dates, parent pages and
    # their specific rows, the site (a handful): the same for 10 and for 200 events.
    with django_assert_max_num_queries(21):
        response = client.get(feed_path(calendar))
    assert len(components(response.content)) == count
    with django_assert_max_num_queries(21):
        client.get(feed_path(talk_index))
    slug = Tag.objects.get(name="öppna data").slug
    with django_assert_max_num_queries(22):
        client.get(feed_path(calendar), {"tag": slug})


def test_the_gc_pause_always_ends():
    import gc

    from events.feeds import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), cyclic_gc_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
