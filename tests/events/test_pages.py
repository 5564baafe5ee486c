"""Event, talk, calendar and talks pages as HTML: what they show and what they link."""

import datetime as dt
import json
import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from events.factories import EventPageFactory, TalkPageFactory
from events.models import EventPage, TalkIndexPage, TalkPage
from hub.factories import PersonFactory

from .conftest import day


def english(page, **fields):
    """Publish an English translation of `page` (its parent must be translated)."""
    en = Locale.objects.get(language_code="en")
    translated = page.copy_for_translation(en)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return type(page.specific).objects.get(pk=translated.pk)


@pytest.fixture
def talk_index_en(talk_index, home_en):
    return english(talk_index, title="Expert talks", slug="talks")


def jsonld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_event_page(client, calendar, calendar_en):
    event = EventPageFactory(
        parent=calendar,
        start_date=dt.date(2031, 6, 17),
        start_time=dt.time(18),
        venue_name="Stadsbiblioteket",
        address="Götaplatsen 3\n412 56 Göteborg",
        latitude="57.697000",
        longitude="11.979000",
        registration_url="https://anmalan.example.org/x",
        tags=["öppna data"],
    )
    event = english(event, title="Open data meetup", slug="open-data")
    html = client.get(event.url).content.decode()
    assert "<h1>Open data meetup</h1>" in html
    assert "Tuesday 17 June 2031, 18:00" in html  # the day's name, Stockholm time
    assert 'datetime="2031-06-17T18:00:00+02:00"' in html
    assert "Stadsbiblioteket" in html and "Götaplatsen 3<br>412 56 Göteborg" in html
    assert "https://www.openstreetmap.org/?mlat=57.697000&amp;mlon=11.979000" in html
    assert 'href="https://anmalan.example.org/x"' in html and ">Register<" in html
    assert f'href="{event.url}event.ics"' in html
    assert (
        f'<link rel="alternate" type="text/calendar" title="Civic Tech Sweden – all events" '
        f'href="{calendar_en.get_full_url()}calendar.ics">' in html
    )
    assert "?tag=" in html  # topics link to the filtered calendar
    assert "<iframe" not in html and "tile" not in html  # no external map tiles

    data = jsonld(html)
    assert data["@type"] == "Event"
    assert data["name"] == "Open data meetup"
    assert data["startDate"] == "2031-06-17T18:00:00+02:00"
    assert data["endDate"] == "2031-06-17T20:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["geo"]["latitude"] == 57.697
    assert data["organizer"]["name"] == "Civic Tech Sweden"
    assert data["offers"]["url"] == "https://anmalan.example.org/x"
    assert data["url"] == event.get_full_url()


def test_cancelled_online_event(client, calendar, calendar_en):
    event = EventPageFactory(
        parent=calendar,
        venue_name="",
        address="",
        online_url="https://meet.example.org/x",
        registration_url="https://anmalan.example.org/x",
        status="cancelled",
        status_note="The speaker is ill.",
    )
    event = english(event, title="Online talk", slug="online-talk")
    html = client.get(event.url).content.decode()
    assert "Cancelled" in html and "The speaker is ill." in html
    assert 'class="notice notice--warning event-status"' in html
    assert ">Register<" not in html
    assert 'href="https://meet.example.org/x"' in html
    data = jsonld(html)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/x"}


def test_postponed_and_series(client, calendar, calendar_en):
    event = EventPageFactory(
        parent=calendar,
        start_date=day(2),
        repeat_frequency="WEEKLY",
        repeat_count=5,
        status="postponed",
    )
    event = english(event, title="Weekly", slug="weekly")
    html = client.get(event.url).content.decode()
    assert "Postponed" in html
    # The schedule in words, as the editor's summary panel shows it.
    assert "5 times until" in html
    with translation.override("en"):
        assert event.schedule_summary() in html
    assert "Coming dates" in html
    data = jsonld(html)
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventSchedule"]["repeatFrequency"] == "P1W"
    assert data["eventSchedule"]["repeatCount"] == 5


def test_all_day_event_page(client, calendar, calendar_en):
    event = EventPageFactory(
        parent=calendar,
        all_day=True,
        start_date=dt.date(2031, 10, 24),
        end_date=dt.date(2031, 10, 26),
    )
    event = english(event, title="Hackathon", slug="hackathon")
    html = client.get(event.url).content.decode()
    assert "Friday 24 October" in html and "Sunday 26 October 2031" in html and "all day" in html
    data = jsonld(html)
    assert (data["startDate"], data["endDate"]) == ("2031-10-24", "2031-10-26")


def test_jsonld_is_escaped(client, calendar):
    event = EventPageFactory(parent=calendar, title="</script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)["name"] == "</script><script>alert(1)</script>"


def test_talk_page(client, talk_index, talk_index_en):
    from wagtail_factories import DocumentFactory

    ada = PersonFactory(name="Ada Lund", role="Data scientist", bio="Works with open data.")
    slides = DocumentFactory(title="Bilder")
    talk = TalkPageFactory(
        parent=talk_index,
        speakers=[ada],
        recording_url="https://example.org/recordings/42",
        slides=slides,
    )
    talk = english(talk, title="Open data in municipalities", slug="open-data-talk")
    html = client.get(talk.url).content.decode()
    assert "Expert talk" in html
    assert "Ada Lund" in html and "Data scientist" in html and "Works with open data." in html
    assert 'href="https://example.org/recordings/42"' in html and "Watch the recording" in html
    assert slides.url in html and "Download the slides" in html
    data = jsonld(html)
    assert data["performer"] == [
        {"@type": "Person", "name": "Ada Lund", "jobTitle": "Data scientist"}
    ]
    assert data["recordedIn"]["url"] == "https://example.org/recordings/42"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_calendar_page_subscribe_control_and_discovery(client, calendar, calendar_en):
    html = client.get(calendar_en.url).content.decode()
    feed = calendar_en.get_full_url() + "calendar.ics"
    assert (
        f'<link rel="alternate" type="text/calendar" title="Civic Tech Sweden – all events" '
        f'href="{feed}">' in html
    )
    assert f'href="{feed.replace("http://", "webcal://")}"' in html
    assert f'value="{feed}"' in html and "readonly" in html
    assert "Copy address" in html and "data-copy-target" in html
    for client_name in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert f"<summary>{client_name}" in html
    assert "events/subscribe.js" in html


def test_tag_filtered_calendar_offers_the_tag_feed(client, calendar, calendar_en):
    from taggit.models import Tag

    EventPageFactory(parent=calendar_en, tags=["open data"])
    slug = Tag.objects.get(name="open data").slug
    html = client.get(calendar_en.url, {"tag": slug}).content.decode()
    assert f"calendar.ics?tag={slug}" in html
    assert 'title="Civic Tech Sweden – all events: open data"' in html


def test_talk_index_lists_upcoming_and_past_talks(client, talk_index, talk_index_en):
    ada = PersonFactory(name="Ada Lund")
    TalkPageFactory(parent=talk_index_en, title="Future talk", start_date=day(5), speakers=[ada])
    TalkPageFactory(parent=talk_index_en, title="Old talk", start_date=day(-40))
    html = client.get(talk_index_en.url).content.decode()
    upcoming, past = html.split("Past talks", 1)
    assert "Future talk" in upcoming and "Ada Lund" in upcoming
    assert "Old talk" in past
    assert 'type="text/calendar"' in html
    assert TalkIndexPage.objects.get(pk=talk_index_en.pk).feed_events().count() == 2


def test_home_page_shows_upcoming_events(client, home, home_en, calendar, calendar_en):
    EventPageFactory(parent=calendar_en, title="Soon", start_date=day(3))
    EventPageFactory(parent=calendar_en, title="Earlier", start_date=day(-3))
    html = client.get("/en/").content.decode()
    assert "Upcoming events" in html and "Soon" in html and "Earlier" not in html
    assert f'href="{calendar_en.url}"' in html


def test_home_page_without_events_or_calendar(client, home, home_en):
    html = client.get("/en/").content.decode()
    assert "home-events-heading" not in html


def test_home_page_with_calendar_but_no_events(client, home, home_en, calendar, calendar_en):
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    assert "No upcoming events right now." in html


def test_event_under_calendar_lists_and_renders_as_talk(client, calendar):
    talk = TalkPageFactory(parent=calendar)
    assert client.get(talk.url).status_code == 200
    assert TalkPage.objects.filter(pk=talk.pk).exists()
    assert EventPage.objects.filter(pk=talk.pk).exists()


def test_events_are_open_data_in_the_api(client, calendar, talk_index):
    ada = PersonFactory(name="Ada Lund")
    event = EventPageFactory(
        parent=calendar, tags=["öppna data"], repeat_frequency="WEEKLY", repeat_count=3
    )
    TalkPageFactory(parent=talk_index, speakers=[ada])
    response = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "*"})
    assert response.status_code == 200
    items = {item["id"]: item for item in response.json()["items"]}
    assert items[event.pk]["uid"] == event.uid
    assert items[event.pk]["rrule"] == "FREQ=WEEKLY;COUNT=3"
    assert items[event.pk]["tags"] == ["öppna data"]
    response = client.get("/api/v2/pages/", {"type": "events.TalkPage", "fields": "*"})
    assert response.status_code == 200
    talk = response.json()["items"][0]
    assert talk["speakers"][0]["person"]["id"] == ada.pk
    assert talk["speakers"][0]["name"] == "Ada Lund"
