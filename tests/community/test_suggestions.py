"""Public event suggestions: a draft in moderation, approved in the admin, then public."""

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, WorkflowState

from events.localtime import local_today, to_local
from events.models import EventPage, EventSuggestion
from labs.publishing import PublishingMode

pytestmark = pytest.mark.django_db

SV_URL = "/foresla-evenemang/"
EN_URL = "/en/suggest-event/"


def suggestion(**overrides):
    data = {
        "title": "Öppen data-kväll",
        "start_date": (local_today() + dt.timedelta(days=10)).isoformat(),
        "start_time": "18:00",
        "end_date": "",
        "end_time": "",
        "date_description": "",
        "venue_name": "Stadsbiblioteket, Götaplatsen",
        "online_url": "",
        "description": "Vi pratar om öppna data.\n\nAlla är välkomna.",
        "organiser": "",
        "submitter_name": "Sara Förslag",
        "submitter_email": "sara@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def test_translated_urls():
    with translation.override("sv"):
        assert reverse("events:suggest_event") == SV_URL
        assert reverse("events:suggest_event_done") == SV_URL + "tack/"
    with translation.override("en"):
        assert reverse("events:suggest_event") == EN_URL
        assert reverse("events:suggest_event_done") == EN_URL + "thanks/"


def test_form_lists_live_organisers_of_the_current_language(client, calendar, group_a, lab_index):
    from labs.factories import LabPageFactory

    lab = LabPageFactory(parent=lab_index, title="Labb för öppna data")
    draft = LabPageFactory(parent=lab_index, title="Hemligt labb", live=False)
    response = client.get(SV_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Civic Tech Göteborg" in html and "Labb för öppna data" in html
    assert "Hemligt labb" not in html and str(draft.pk) not in html.split('name="organiser"')[1][:0]
    assert 'name="csrfmiddlewaretoken"' in html
    assert lab.pk


def test_a_suggestion_becomes_a_draft_in_moderation(client, calendar, group_a, coordinator):
    mail.outbox.clear()
    response = client.post(SV_URL, suggestion(organiser=str(group_a.pk)))
    assert response.status_code == 302
    assert response["Location"] == SV_URL + "tack/"
    event = EventPage.objects.get(title="Öppen data-kväll")
    assert not event.live
    assert event.get_parent().pk == group_a.pk
    assert event.introduction == "Vi pratar om öppna data.\n\nAlla är välkomna."
    # No end given: it stays empty and follows the start (two hours later).
    assert event.end_time is None
    assert (to_local(event.ends_at).time(), event.venue_name) == (
        dt.time(20, 0),
        "Stadsbiblioteket, Götaplatsen",
    )
    state = WorkflowState.objects.for_instance(event).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderering"
    stored = EventSuggestion.objects.get()
    assert (stored.event, stored.submitter_email) == (event, "sara@example.org")
    # The email is nowhere on the page's data.
    assert "sara@example.org" not in str(event.get_latest_revision().content)
    assert coordinator.email in {a for m in mail.outbox for a in m.to}
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200


def test_suggestion_without_group_goes_to_the_calendar(client, calendar, coordinator):
    assert client.post(SV_URL, suggestion()).status_code == 302
    assert EventPage.objects.get().get_parent().pk == calendar.pk


def test_trusted_groups_are_moderated_too_and_editors_cannot_publish_it(
    client, calendar, group_a, client_a, coordinator
):
    group_a.publishing_mode = PublishingMode.TRUSTED
    group_a.save_revision().publish()
    client.post(SV_URL, suggestion(organiser=str(group_a.pk)))
    event = EventPage.objects.get()
    assert WorkflowState.objects.for_instance(event).get().status == "in_progress"
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    from tests.admin_forms import event_form

    client_a.post(edit, event_form(title=event.title, slug=event.slug, **{"action-publish": "1"}))
    event.refresh_from_db()
    assert not event.live


def test_approved_in_the_admin_then_on_the_group_page_and_in_its_feed(
    client, calendar, group_a, coordinator_client
):
    client.post(SV_URL, suggestion(organiser=str(group_a.pk)))
    event = EventPage.objects.get()
    assert "Öppen data-kväll" not in client.get(group_a.url).content.decode()

    task_state = WorkflowState.objects.for_instance(event).get().current_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]
    )
    response = coordinator_client.post(url)
    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    assert WorkflowState.objects.for_instance(event).get().status == "approved"

    html = client.get(group_a.url).content.decode()
    assert "Öppen data-kväll" in html
    feed = client.get(group_a.url + "calendar.ics")
    assert feed.status_code == 200
    body = feed.content.decode()
    cal = icalendar.Calendar.from_ical(feed.content)
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert summaries == ["Öppen data-kväll"]
    start = cal.walk("VEVENT")[0].decoded("DTSTART")
    assert (start.hour, start.tzinfo is not None) == (18, True)
    for text in (html, body, client.get(event.url).content.decode()):
        assert "sara@example.org" not in text and "Sara Förslag" not in text
    api = client.get(f"/api/v2/pages/{event.pk}/")
    assert api.status_code == 200 and "sara@example.org" not in api.content.decode()


def test_a_burst_of_100_creates_no_more_drafts_than_the_limit(client, calendar, coordinator):
    statuses = [client.post(SV_URL, suggestion(title=f"Spam {n}")).status_code for n in range(100)]
    assert EventPage.objects.count() == 5
    assert EventSuggestion.objects.count() == 5
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    response = Client().post(SV_URL, suggestion(title="One more"), REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429
    with translation.override("sv"):
        assert translation.gettext("Too many suggestions from your address") in (
            response.content.decode()
        )
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.2").post(SV_URL, suggestion(title="Annan"))
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"online_url": "javascript:alert(1)", "venue_name": ""}, "online_url"),
        ({"online_url": "ftp://example.org/x", "venue_name": ""}, "online_url"),
        ({"title": "x" * 121}, "title"),
        ({"description": "y" * 1001}, "description"),
        ({"title": "<script></script>"}, "title"),
        ({"start_date": "2025-13-45"}, "start_date"),
        ({"start_date": "2001-01-01"}, "start_date"),
        ({"start_time": "25:99"}, "start_time"),
        ({"end_time": "17:00"}, "end_time"),
        ({"venue_name": "", "online_url": ""}, "venue_name"),
        ({"submitter_email": "not-an-address"}, "submitter_email"),
        ({"date_description": "x" * 201}, "date_description"),
        ({"organiser": "999999"}, "organiser"),
    ],
)
def test_hostile_or_bad_input_is_rejected_and_what_was_typed_is_kept(
    client, calendar, overrides, field
):
    response = client.post(SV_URL, suggestion(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert not EventPage.objects.exists()
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Sara Förslag" in html  # what the person typed stays in the form
    assert "<script>" not in html.split("<main", 1)[1]


def test_html_is_stripped_and_nothing_reaches_the_page_as_html(client, calendar, coordinator):
    response = client.post(
        SV_URL,
        suggestion(
            title='<b>Hack</b> <script>alert("x")</script>night',
            description='<img src=x onerror="alert(1)">Kom <a href="javascript:x">hit</a>',
            venue_name="<i>Biblioteket</i>",
            online_url="https://meet.example.org/hack",
        ),
    )
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.title == 'Hack alert("x")night'
    assert event.introduction == "Kom hit"
    assert event.venue_name == "Biblioteket"
    assert event.online_url == "https://meet.example.org/hack"


def test_the_honeypot_creates_nothing_but_looks_the_same(client, calendar):
    response = client.post(SV_URL, suggestion(website="http://spam.example"))
    assert response.status_code == 302
    assert not EventPage.objects.exists() and not EventSuggestion.objects.exists()


def test_csrf_is_enforced(calendar):
    response = Client(enforce_csrf_checks=True).post(SV_URL, suggestion())
    assert response.status_code == 403
    assert not EventPage.objects.exists()


def test_english_form_offers_english_groups(client, calendar_en, group_a, home_en):
    english = Locale.objects.get(language_code="en")
    group_a.get_parent().specific.copy_for_translation(english).save_revision().publish()
    en_group = group_a.copy_for_translation(english)
    en_group.title = "Civic Tech Gothenburg"
    en_group.save_revision().publish()
    html = client.get(EN_URL).content.decode()
    assert "Civic Tech Gothenburg" in html and "Civic Tech Göteborg" not in html
    response = client.post(EN_URL, suggestion(organiser=str(en_group.pk)))
    assert response.status_code == 302
    assert EventPage.objects.get().locale == english


def test_the_date_in_words_reaches_the_draft_and_its_page(client, calendar, coordinator):
    response = client.post(
        SV_URL,
        suggestion(date_description="  Varannan <b>tisdag</b>\n under våren "),
    )
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.date_description == "Varannan tisdag under våren"
    # Shown next to the date when a coordinator previews the draft.
    assert "Varannan tisdag under våren" in event.make_preview_request().content.decode()


def test_the_date_in_words_is_labelled_in_the_when_group(client, calendar):
    html = client.get(SV_URL).content.decode()
    with translation.override("sv"):
        legend = f"<legend>{translation.gettext('When')}</legend>"
    when = html.split(legend, 1)[1].split("</fieldset>", 1)[0]
    assert 'name="date_description"' in when
    assert '<label for="id_date_description"' in when


CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def test_control_characters_are_stripped_from_what_is_sent(client, calendar, coordinator):
    """Text pasted from word processors carries control characters; the suggestion is
    accepted with them removed (and line breaks folded in one-line fields), so the draft
    and every feed it later reaches stay valid."""
    response = client.post(
        SV_URL,
        suggestion(
            title=f"Hack{CONTROLS}\r\nkväll",
            description=f"Första stycket{CONTROLS}.\r\n\r\nAndra stycket.",
            venue_name=f"Stads\nbiblioteket{CONTROLS}",
            date_description=f"Varannan{CONTROLS} tisdag",
            submitter_name=f"Sara{CONTROLS} Förslag",
        ),
    )
    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.title == "Hack kväll"
    assert event.introduction == "Första stycket.\n\nAndra stycket."
    assert event.venue_name == "Stads biblioteket"
    assert event.date_description == "Varannan tisdag"
    assert EventSuggestion.objects.get().submitter_name == "Sara Förslag"


def test_a_control_character_in_the_address_is_refused_with_a_message(client, calendar):
    response = client.post(SV_URL, suggestion(submitter_email="sara\x0b@example.org"))
    assert response.status_code == 400
    assert "submitter_email" in response.context["form"].errors
    assert not EventPage.objects.exists()
