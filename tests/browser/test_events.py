"""Events in real Chromium: the calendar, an event, a talk, the subscribe control by keyboard,
and axe (WCAG 2.1 A/AA) with zero violations in Swedish and English."""

import datetime as dt

import pytest

from events.factories import (
    CalendarPageFactory,
    EventPageFactory,
    TalkIndexPageFactory,
    TalkPageFactory,
)
from events.localtime import local_today
from hub.factories import PersonFactory, translate
from hub.setup import ensure_home_pages

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.timedelta(days=1)


@pytest.fixture
def events_site():
    home, home_en = ensure_home_pages()
    today = local_today()
    calendar = CalendarPageFactory(parent=home)
    talks = TalkIndexPageFactory(parent=home)
    calendar_en = translate(calendar, title="Calendar", slug="calendar")
    talks_en = translate(talks, title="Expert talks", slug="talks")
    speaker = PersonFactory(
        name="Ada Lund", role="Dataanalytiker", organisation="Göteborgs stad", bio="Öppna data."
    )
    meetup = EventPageFactory(
        parent=calendar,
        title="Öppen data-träff",
        start_date=today + 3 * DAY,
        repeat_frequency="WEEKLY",
        repeat_count=6,
        exception_dates=[today + 10 * DAY],
        # Changed sessions, so that their markup meets axe too.
        occurrence_overrides=[
            {"original_date": today + 17 * DAY, "start_time": dt.time(19)},
            {"original_date": today + 24 * DAY, "cancelled": True, "note": "Lokalen är stängd."},
            {"original_date": today + 31 * DAY, "venue_name": "Rum 2", "title": "Träff i rum 2"},
        ],
        latitude="57.697000",
        longitude="11.979000",
        registration_url="https://anmalan.example.org/",
        tags=["öppna data"],
        with_body=True,
    )
    cancelled = EventPageFactory(
        parent=calendar,
        title="Inställd workshop",
        start_date=today + 5 * DAY,
        status="cancelled",
        status_note="Talaren är sjuk.",
    )
    hackathon = EventPageFactory(
        parent=calendar,
        title="Hackathon",
        all_day=True,
        start_date=today + 12 * DAY,
        end_date=today + 14 * DAY,
    )
    talk = TalkPageFactory(
        parent=talks,
        title="Öppna data i kommunen",
        start_date=today + 8 * DAY,
        speakers=[speaker],
        recording_url="https://example.org/inspelning",
    )
    translated = {
        "meetup": translate(meetup, title="Open data meetup", slug="open-data-meetup"),
        "cancelled": translate(cancelled, title="Cancelled workshop", slug="cancelled"),
        "hackathon": translate(hackathon, title="Hackathon", slug="hackathon"),
    }
    talk_en = translate(talk, title="Open data in the municipality", slug="open-data-talk")
    return {
        "sv": {"calendar": calendar, "talks": talks, "event": meetup, "talk": talk},
        "en": {
            "calendar": calendar_en,
            "talks": talks_en,
            "event": translated["meetup"],
            "talk": talk_en,
        },
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_pages_have_no_axe_violations(page, axe, live_server, events_site, language):
    pages = events_site[language]
    urls = [
        pages["calendar"].url,
        pages["calendar"].url + "?view=month",
        pages["calendar"].url + "?when=past",
        pages["event"].url,
        pages["talk"].url,
        pages["talks"].url,
        "/" if language == "sv" else "/en/",
    ]
    for url in urls:
        page.goto(live_server.url + url)
        assert page.locator("html").get_attribute("lang") == language
        axe(page, context=url)


def test_calendar_page(page, live_server, events_site):
    calendar = events_site["en"]["calendar"]
    page.goto(live_server.url + calendar.url)
    assert page.locator("h1").inner_text() == "Calendar"
    cards = page.locator(".event-list .card__title")
    assert cards.first.inner_text() == "Open data meetup"
    # The cancelled workshop, and the meetup's one cancelled session with its note.
    assert page.locator(".event-card--cancelled").count() == 2
    assert "Lokalen är stängd." in page.locator(".event-card--cancelled").nth(1).inner_text()
    # Filters work without JavaScript: choose a kind and submit.
    page.select_option("#id_kind", "talk")
    page.click(".calendar__filters button[type=submit]")
    assert page.locator(".event-list .card__title").all_inner_texts() == [
        "Open data in the municipality"
    ]
    # Month view with previous/next links.
    page.click("text=Month")
    assert page.locator("table.month__table").count() == 1
    page.click("a[rel=next]")
    assert "month=" in page.url


def test_event_page(page, live_server, events_site):
    event = events_site["en"]["event"]
    page.goto(live_server.url + event.url)
    assert page.locator("h1").inner_text() == "Open data meetup"
    facts = page.locator(".event-facts").inner_text()
    # The schedule in words: six in the series, one of them skipped (RFC 5545 counts it).
    assert "6 times until" in facts and "5 sessions in all" in facts
    assert page.locator("a[href$='event.ics']").count() == 1
    assert page.locator("link[rel=alternate][type='text/calendar']").count() == 1
    assert page.locator("script[type='application/ld+json']").count() == 1
    with page.expect_download() as download:
        page.click("a[href$='event.ics']")
    assert download.value.suggested_filename.endswith(".ics")


def test_talk_page(page, live_server, events_site):
    talk = events_site["en"]["talk"]
    page.goto(live_server.url + talk.url)
    assert page.locator(".speaker__name").inner_text() == "Ada Lund"
    assert page.locator("a", has_text="Watch the recording").count() == 1


def test_subscribe_control_by_keyboard(page, live_server, events_site):
    calendar = events_site["en"]["calendar"]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + calendar.url)
    feed_url = calendar.get_full_url() + "calendar.ics"
    subscribe = page.locator(".subscribe")
    assert subscribe.locator("a[href^='webcal://']").get_attribute("href") == feed_url.replace(
        "http://", "webcal://"
    )
    field = subscribe.locator("input.subscribe__url")
    assert field.input_value() == feed_url
    # Keyboard only: from the address field, Tab reaches the copy button; Enter copies.
    field.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "subscribe__button" in focused
    page.keyboard.press("Enter")
    status = subscribe.locator(".subscribe__status")
    status.filter(has_text="Address copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == feed_url
    # The help for each client opens from the keyboard too.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert subscribe.locator("details").first.get_attribute("open") is not None
