"""The free-text date description: next to the date on pages and cards, first in the iCal
DESCRIPTION, in JSON-LD only for single events, and in the API."""

import html
import json
import re

import icalendar
import pytest
from django.utils import translation

from events.factories import EventPageFactory, TalkPageFactory
from events.jsonld import event_jsonld
from events.models import EventPage

from .conftest import day

pytestmark = pytest.mark.django_db

WHEN = "Varannan tisdag under våren"


def jsonld(text):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def description_of(body, uid):
    calendar = icalendar.Calendar.from_ical(body)
    (event,) = [c for c in calendar.walk("VEVENT") if str(c["UID"]) == uid]
    return str(event["DESCRIPTION"])


def test_the_field_is_optional_and_short(calendar):
    event = EventPageFactory(parent=calendar)
    assert event.date_description == ""
    event.full_clean()  # blank is fine
    field = EventPage._meta.get_field("date_description")
    assert field.blank and field.max_length == 200
    with translation.override("en"):
        assert "Every other Tuesday during spring" in str(field.help_text)


def test_shown_next_to_the_date_on_the_event_page(client, calendar):
    event = EventPageFactory(parent=calendar, date_description=WHEN)
    text = client.get(event.url).content.decode()
    facts = text[text.index('class="event-facts"') :]
    facts = facts[: facts.index("</dl>")]
    assert WHEN in html.unescape(facts)
    # It does not replace the machine-readable date.
    assert "<time datetime=" in facts


def test_shown_in_agenda_cards_and_talk_lists(client, calendar, talk_index):
    EventPageFactory(parent=calendar, title="Med beskrivning", date_description=WHEN)
    EventPageFactory(parent=calendar, title="Utan beskrivning")
    TalkPageFactory(parent=talk_index, date_description="Tre tisdagar i rad")
    agenda = html.unescape(client.get(calendar.url).content.decode())
    assert agenda.count('class="event-card__date-description"') == 2  # the event and the talk
    assert f"({WHEN})" in agenda
    talks = html.unescape(client.get(talk_index.url).content.decode())
    assert "(Tre tisdagar i rad)" in talks


def test_first_line_of_the_ical_description(client, calendar):
    event = EventPageFactory(
        parent=calendar, date_description=WHEN, introduction="Vi ses på biblioteket."
    )
    plain = EventPageFactory(parent=calendar, introduction="Vi ses på biblioteket.")
    feed = client.get(calendar.url + "calendar.ics").content
    described = description_of(feed, event.uid)
    assert described.splitlines()[0] == WHEN
    assert "Vi ses på biblioteket." in described
    assert described.rstrip().endswith(event.full_url)
    assert description_of(feed, plain.uid).splitlines()[0] == "Vi ses på biblioteket."
    single = client.get(event.url + "event.ics").content
    assert description_of(single, event.uid).splitlines()[0] == WHEN


def test_jsonld_uses_it_only_for_single_events(client, calendar):
    single = EventPageFactory(parent=calendar, date_description="Kvällstid", introduction="Kom!")
    data = jsonld(client.get(single.url).content.decode())
    assert data["description"] == "Kvällstid. Kom!"
    assert data["startDate"].startswith(single.start_date.isoformat())  # still ISO 8601
    series = EventPageFactory(
        parent=calendar,
        date_description=WHEN,
        introduction="Kom!",
        start_date=day(7),
        repeat_frequency="WEEKLY",
        repeat_interval=2,
        repeat_count=5,
    )
    data = event_jsonld(series)
    assert data["description"] == "Kom!"  # eventSchedule says it in machine-readable form
    assert "eventSchedule" in data
    plain = EventPageFactory(parent=calendar, introduction="Kom!")
    assert event_jsonld(plain)["description"] == "Kom!"


def test_in_the_api(client, calendar):
    event = EventPageFactory(parent=calendar, date_description=WHEN)
    response = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "*"})
    items = {item["id"]: item for item in response.json()["items"]}
    assert items[event.pk]["date_description"] == WHEN


def test_changing_it_does_not_raise_sequence(calendar):
    # Free text next to the date: the time itself did not change, so calendars need no
    # "updated" notice.
    event = EventPageFactory(parent=calendar)
    event.save_revision().publish()
    event.refresh_from_db()
    sequence = event.sequence
    event.date_description = WHEN
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.sequence == sequence
