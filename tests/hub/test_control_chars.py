"""Every C0 control character (and DEL, and line breaks in titles) through every output that
has rules about characters: the site feed, a group's feed and an event's .ics (read back by
icalendar and vobject), the news Atom feed and the sitemap (read back by an XML parser).

The content is saved the way the importer or a shell would save it, past any form, so what
is proved here is the cleaning at the output.
"""

import icalendar
import pytest
import vobject
from defusedxml import ElementTree

from events.factories import CalendarPageFactory, EventPageFactory
from hub.factories import NewsPageFactory
from hub.text import has_control_chars
from labs.factories import LocalGroupPageFactory

#: C0 controls other than tab, line feed and carriage return, and DEL.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
BREAKS = "\n\r\n\r\u2028"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

pytestmark = pytest.mark.django_db


def dirty(text):
    """`text` with every control character in the middle of it that the database can hold
    (PostgreSQL refuses NUL in text, so from there it never reaches an output)."""
    from django.db import connection

    stored = CONTROLS.replace("\x00", "") if connection.vendor == "postgresql" else CONTROLS
    return f"Före{stored}{text}"


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


@pytest.fixture
def group(home):
    return LocalGroupPageFactory(title=dirty("Civic Tech Umeå"))


def dirty_event(parent, n=0):
    return EventPageFactory(
        parent=parent,
        title=dirty(f"Träff{BREAKS}nummer {n}"),
        introduction=dirty("Ingress\n\nmed stycken\x0bslut"),
        venue_name=dirty(f"Stads{BREAKS}biblioteket"),
        address=dirty("Götaplatsen 3\n412 56 Göteborg"),
        date_description=dirty("varannan tisdag"),
        status_note=dirty("anteckning"),
        tags=[dirty("öppna data")],
    )


def assert_clean_calendar(body):
    """Both parsers read the calendar, and no text in it holds a control character or
    (in one-line properties) a line break."""
    text = body.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert events
    for event in events:
        summary = str(event["SUMMARY"])
        assert summary.startswith("Före") and "nummer" in summary
        assert not has_control_chars(summary)
        assert not any(br in summary for br in "\n\r\u2028")
        location = str(event["LOCATION"])
        assert "Stads biblioteket" in location and "\n" not in location
        assert not has_control_chars(location)
        description = str(event["DESCRIPTION"])
        assert "Ingress\n\nmed stycken" in description  # paragraphs survive
        assert not has_control_chars(description)
        for category in event["CATEGORIES"].cats:
            assert not has_control_chars(str(category))
    # Feeds have a name; the single-event file has none (it is an event, not a calendar).
    assert not has_control_chars(str(calendar.get("X-WR-CALNAME", "")))
    for event in vobject.readOne(text).vevent_list:
        assert not has_control_chars(event.summary.value)
        assert "\n" not in event.summary.value
        assert not has_control_chars(event.description.value)
        assert not has_control_chars(event.location.value)


def test_site_feed(client, calendar):
    dirty_event(calendar, 1)
    dirty_event(calendar, 2)
    response = client.get(calendar.url + "calendar.ics")
    assert response.status_code == 200
    assert_clean_calendar(response.content)


def test_group_feed(client, group):
    dirty_event(group, 3)
    response = client.get(group.url + "calendar.ics")
    assert response.status_code == 200
    assert_clean_calendar(response.content)
    organizer = icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]["ORGANIZER"]
    assert not has_control_chars(organizer.params.get("CN", ""))


def test_single_event_ics(client, calendar):
    event = dirty_event(calendar, 4)
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    assert_clean_calendar(response.content)
    assert "X-WR-CALNAME" not in icalendar.Calendar.from_ical(response.content)


def test_news_atom_feed(client, home):
    NewsPageFactory(
        title=dirty(f"Nyhet{BREAKS}rubrik"),
        introduction=dirty("En ingress\x0bfrån ett ordbehandlingsprogram\x0c."),
        search_description=dirty("sök"),
    )
    response = client.get("/news/feed/")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    entry = root.find(f"{ATOM}entry")
    title = entry.find(f"{ATOM}title").text
    summary = entry.find(f"{ATOM}summary").text
    assert title.startswith("Före") and "rubrik" in title
    assert "ordbehandlingsprogram" in summary
    assert not has_control_chars(title) and not has_control_chars(summary)


def test_sitemap(client, calendar):
    dirty_event(calendar, 5)
    NewsPageFactory(title=dirty(f"Nyhet{BREAKS}rubrik"))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert any(loc.endswith(calendar.url) for loc in locations)
    assert not any(has_control_chars(loc) for loc in locations)


# --- where text enters: the admin -----------------------------------------------------------


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_page_edit_form_strips_control_characters(superuser_client, calendar):
    from django.urls import reverse

    from events.models import EventPage
    from tests.admin_forms import event_form

    event = EventPageFactory(parent=calendar, slug="hackkvall")
    response = superuser_client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        event_form(
            title=dirty(f"Hack{BREAKS}kväll"),
            introduction=dirty("Ingress\n\nandra stycket\x0b."),
            venue_name=dirty(f"Stads{BREAKS}biblioteket"),
            address=dirty("Götaplatsen 3\n412 56 Göteborg"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(pk=event.pk)
    # One-line fields: controls gone, line breaks folded into one space.
    assert event.title == "FöreHack kväll"
    assert event.venue_name == "FöreStads biblioteket"
    # Multi-line fields keep their paragraphs and lose only the controls.
    assert event.introduction == "FöreIngress\n\nandra stycket."
    assert event.address == "FöreGötaplatsen 3\n412 56 Göteborg"
    assert client_ics_ok(superuser_client, event)


def client_ics_ok(client, event):
    response = client.get(event.url + "event.ics")
    return response.status_code == 200 and b"\x0b" not in response.content


def test_admin_snippet_form_strips_control_characters(superuser_client):
    from django.urls import reverse

    from hub.models import Person

    response = superuser_client.post(
        reverse("wagtailsnippets_hub_person:add"),
        {
            "name": dirty("Ada\nLund"),
            "role": dirty("Analytiker"),
            "organisation": "",
            "bio": dirty("Rad ett\nrad två\x0c"),
            "email": "",
            "website": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get()
    assert person.name == "FöreAda Lund"
    assert person.role == "FöreAnalytiker"
    assert person.bio == "FöreRad ett\nrad två"
