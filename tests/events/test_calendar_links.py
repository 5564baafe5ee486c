"""One-click calendar links: the pure URL builders (parsed back with urllib.parse) and the
event page's "add to" links over HTTP, timed, all-day and across a daylight-saving change."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.utils import translation

from events.calendar_links import (
    MAX_DETAILS,
    event_details,
    event_links,
    google_subscribe_url,
    office365_subscribe_url,
    outlook_subscribe_url,
    webcal_url,
)
from events.factories import EventPageFactory
from events.localtime import combine

from .conftest import day
from .test_feeds import last_sunday, next_october_change

UTC = dt.UTC
FEED = "https://civictech.se/kalender/calendar.ics?organiser=3&tag=ai&tag=%C3%B6ppna-data"


def parsed(url):
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", {k: v[0] for k, v in query.items()}


# --- subscriptions -----------------------------------------------------------------------------


def test_subscription_links_carry_the_whole_feed_address_and_name():
    name = "Civic Tech Sweden – Göteborg: AI & öppna data"
    assert webcal_url(FEED) == FEED.replace("https://", "webcal://")
    assert webcal_url("webcal://x/y.ics") == "webcal://x/y.ics"
    base, query = parsed(google_subscribe_url(FEED))
    assert base == "https://calendar.google.com/calendar/r"
    assert query == {"cid": webcal_url(FEED)}
    for build, host in (
        (outlook_subscribe_url, "outlook.live.com"),
        (office365_subscribe_url, "outlook.office.com"),
    ):
        base, query = parsed(build(FEED, name))
        assert base == f"https://{host}/calendar/0/addfromweb"
        assert query == {"url": FEED, "name": name}


# --- single events -------------------------------------------------------------------------------


def test_timed_event_links_in_utc_across_the_october_change():
    october = next_october_change()
    # Saturday evening before the change is CEST (+02:00); the Sunday after is CET (+01:00).
    before = combine(october - dt.timedelta(days=1), dt.time(18))
    after = combine(october + dt.timedelta(days=7), dt.time(18))
    for start, hour in ((before, 16), (after, 17)):
        end = start + dt.timedelta(hours=2)
        links = event_links(
            "Träff; med & tecken", start, end, details="Text\n\nhttps://x", location="Kafé, Gata 1"
        )
        base, google = parsed(links["google"])
        assert base == "https://calendar.google.com/calendar/render"
        first, last = google["dates"].split("/")
        assert dt.datetime.strptime(first, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) == start
        assert dt.datetime.strptime(last, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) == end
        assert first.endswith(f"T{hour:02d}0000Z")
        assert google["action"] == "TEMPLATE"
        assert google["text"] == "Träff; med & tecken"
        assert google["details"] == "Text\n\nhttps://x"
        assert google["location"] == "Kafé, Gata 1"
        for key, host in (("outlook", "outlook.live.com"), ("office365", "outlook.office.com")):
            base, outlook = parsed(links[key])
            assert base == f"https://{host}/calendar/0/deeplink/compose"
            assert outlook["path"] == "/calendar/action/compose"
            assert outlook["rru"] == "addevent"
            assert dt.datetime.fromisoformat(outlook["startdt"]) == start
            assert dt.datetime.fromisoformat(outlook["enddt"]) == end
            assert outlook["startdt"].endswith(f"T{hour:02d}:00:00Z")
            assert outlook["subject"] == "Träff; med & tecken"
            assert outlook["body"] == "Text\n\nhttps://x"
            assert outlook["location"] == "Kafé, Gata 1"
            assert "allday" not in outlook


def test_all_day_links_use_dates_with_an_exclusive_end():
    first, last = dt.date(2027, 3, 27), dt.date(2027, 3, 28)  # over the March change
    links = event_links("Hackathon", first, last + dt.timedelta(days=1), all_day=True)
    _base, google = parsed(links["google"])
    assert google["dates"] == "20270327/20270329"
    _base, outlook = parsed(links["outlook"])
    assert (outlook["allday"], outlook["startdt"], outlook["enddt"]) == (
        "true",
        "2027-03-27",
        "2027-03-29",
    )
    assert "details" not in google and "location" not in google


def test_details_are_shortened_and_end_with_the_page_link():
    text = event_details("x" * 5000, "https://civictech.se/e/")
    assert text.endswith("…\n\nhttps://civictech.se/e/")
    assert len(text) <= MAX_DETAILS + len("\n\nhttps://civictech.se/e/")
    assert event_details("", "https://p/") == "https://p/"


# --- the event page ------------------------------------------------------------------------


def add_to_links(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    actions = html.find("ul", class_="event__actions")
    links = {}
    for a in actions.find_all("a"):
        href = a["href"]
        if "calendar.google.com" in href:
            links["google"] = parsed(href)[1]
        elif "outlook.live.com" in href:
            links["outlook"] = parsed(href)[1]
        elif "outlook.office.com" in href:
            links["office365"] = parsed(href)[1]
        elif href.endswith("event.ics"):
            links["ics"] = href
    return links, actions.get_text(" ", strip=True)


def test_event_page_links_a_timed_event_in_utc(client, calendar):
    march = last_sunday(day(0).year + 1, 3)
    event = EventPageFactory(
        parent=calendar,
        title="Vårträff",
        start_date=march + dt.timedelta(days=1),  # CEST
        start_time=dt.time(18),
        introduction="Vi pratar öppna data.",
        venue_name="Stadsbiblioteket",
        address="Götaplatsen 3\n412 56 Göteborg",
    )
    links, _text = add_to_links(client, event)
    assert links["ics"] == event.url + "event.ics"
    start = dt.datetime.combine(march + dt.timedelta(days=1), dt.time(16), UTC)
    assert (
        links["google"]["dates"]
        == f"{start:%Y%m%dT%H%M%SZ}/{start.replace(hour=18):%Y%m%dT%H%M%SZ}"
    )
    assert links["google"]["text"] == "Vårträff"
    assert links["google"]["location"] == "Stadsbiblioteket, Götaplatsen 3 412 56 Göteborg"
    assert links["google"]["details"] == f"Vi pratar öppna data.\n\n{event.get_full_url()}"
    for key in ("outlook", "office365"):
        assert links[key]["startdt"] == f"{start:%Y-%m-%dT%H:%M:%SZ}"
        assert links[key]["body"].endswith(event.get_full_url())


def test_event_page_links_an_all_day_event(client, calendar):
    event = EventPageFactory(parent=calendar, all_day=True, start_date=day(10), end_date=day(12))
    links, _text = add_to_links(client, event)
    assert links["google"]["dates"] == f"{day(10):%Y%m%d}/{day(13):%Y%m%d}"
    assert links["outlook"]["startdt"] == day(10).isoformat()
    assert links["outlook"]["enddt"] == day(13).isoformat()


def test_series_links_carry_the_next_sitting_and_point_to_the_ics(client, calendar):
    event = EventPageFactory(
        parent=calendar,
        start_date=day(-14),
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_count=6,
    )
    links, text = add_to_links(client, event)
    next_start = next(o.start for o in event.occurrences() if o.start > combine(day(0), dt.time(0)))
    assert links["google"]["dates"].startswith(f"{next_start.astimezone(UTC):%Y%m%dT%H%M%SZ}/")
    with translation.override("sv"):
        note = translation.gettext(
            "Google Calendar, Outlook.com and Office 365 get the next date only; the .ics file "
            "adds every date of the series."
        )
    assert note in text


def test_cancelled_event_offers_only_the_ics(client, calendar):
    event = EventPageFactory(parent=calendar, status="cancelled")
    links, _text = add_to_links(client, event)
    assert set(links) == {"ics"}


def test_link_texts_are_in_the_page_language(client, calendar):
    event = EventPageFactory(parent=calendar)
    _links, text = add_to_links(client, event)
    with translation.override("sv"):
        for words in ("Add to Google Calendar", "Add to Outlook.com", "Add to Office 365"):
            assert translation.gettext(words) in text
