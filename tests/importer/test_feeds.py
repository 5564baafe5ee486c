"""Imported events appear in the right calendar feeds, at the intended times."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.models import CalendarPage, EventPage
from hub.importer.run import JekyllImport
from labs.models import LabPage, LocalGroupPage

from .jekyll import upcoming

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def feed(client, page):
    response = client.get(page.url + "calendar.ics")
    assert response.status_code == 200, page.url
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def imported(site_tree):
    return JekyllImport(site_tree).run()


def test_group_feed_has_the_group_s_events_only(imported, client):
    group = LocalGroupPage.objects.get(locale__language_code="sv", title="Civic Tech Stockholm")
    events = feed(client, group)
    assert "Kommande hackkväll" in events
    assert "Kommande nationell träff" not in events and "Kommande labb" not in events
    # Typed with +01:00 whatever the season: it is 18:00 on the wall in Stockholm.
    start = events["Kommande hackkväll"].decoded("DTSTART")
    assert start.astimezone(STOCKHOLM).replace(tzinfo=None) == dt.datetime.combine(
        upcoming(20), dt.time(18, 0))
    event = EventPage.objects.get(title="Kommande hackkväll")
    assert str(events["Kommande hackkväll"]["UID"]) == event.uid


def test_lab_feed_has_the_platform_sessions(imported, client):
    lab = LabPage.objects.get(locale__language_code="sv")
    events = feed(client, lab)
    assert set(events) == {"Kommande labb"}
    start = events["Kommande labb"].decoded("DTSTART")
    assert start.astimezone(STOCKHOLM).replace(tzinfo=None) == dt.datetime.combine(
        upcoming(40), dt.time(13, 0))


def test_site_calendar_feed_has_every_swedish_event(imported, client):
    calendar = CalendarPage.objects.get(locale__language_code="sv")
    events = feed(client, calendar)
    assert {"Kommande hackkväll", "Kommande nationell träff", "Kommande labb"} <= set(events)
    english = feed(client, CalendarPage.objects.get(locale__language_code="en"))
    assert "Kommande hackkväll" not in english  # no English version of it was imported


def test_a_rerun_keeps_the_feed_identity(imported, client, site_tree):
    group = LocalGroupPage.objects.get(locale__language_code="sv", title="Civic Tech Stockholm")
    before = feed(client, group)["Kommande hackkväll"]
    JekyllImport(site_tree).run()
    after = feed(client, group)["Kommande hackkväll"]
    assert after["UID"] == before["UID"] and after.get("SEQUENCE") == before.get("SEQUENCE")
