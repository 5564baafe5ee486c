"""Community publishing in real Chromium: a public suggestion, a coordinator approving it in
Wagtail's workflow UI, the event on the group page and in its feed; axe on the form, its
error state and the confirmation."""

import datetime as dt

import icalendar
import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from events.factories import CalendarPageFactory
from events.localtime import local_today
from events.models import EventPage, EventSuggestion
from hub.permissions import COORDINATORS_GROUP_NAME, ensure_moderation_workflow
from hub.setup import ensure_home_pages
from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def community_site():
    home, _en = ensure_home_pages()
    CalendarPageFactory(parent=home)
    index = LocalGroupIndexPageFactory(parent=home)
    group = LocalGroupPageFactory(parent=index, title="Civic Tech Göteborg", slug="goteborg")
    ensure_moderation_workflow()
    user = get_user_model().objects.create_user(
        "koordinator", "koordinator@example.org", "hemligt-losen-1", first_name="Kim"
    )
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP_NAME))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return group


def test_suggestion_to_approval_to_group_page_and_feed(live_server, page, axe, community_site):
    group = community_site
    page.goto(f"{live_server.url}/foresla-evenemang/")
    axe(page, "the suggestion form")

    # Nothing filled in: errors, announced and linked, and still accessible.
    page.locator("#id_title").fill("<b>Hackkväll</b> om öppna data")
    page.locator("button[type=submit]").click()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_title").input_value() == "<b>Hackkväll</b> om öppna data"
    axe(page, "the form with errors")

    day = local_today() + dt.timedelta(days=9)
    page.locator("#id_title").fill("Hackkväll om öppna data")
    page.locator("#id_description").fill("Vi bygger verktyg på öppna data. Alla välkomna!")
    page.locator("#id_organiser").select_option(str(group.pk))
    page.locator("#id_start_date").fill(day.isoformat())
    page.locator("#id_start_time").fill("18:30")
    page.locator("#id_venue_name").fill("Stadsbiblioteket, Götaplatsen 3")
    page.locator("#id_submitter_name").fill("Sara Förslag")
    page.locator("#id_submitter_email").fill("sara@example.org")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/foresla-evenemang/tack/")
    axe(page, "the confirmation")

    event = EventPage.objects.get(title="Hackkväll om öppna data")
    assert not event.live
    assert EventSuggestion.objects.get().submitter_email == "sara@example.org"
    assert WorkflowState.objects.for_instance(event).get().status == "in_progress"

    # The coordinator logs in and approves in Wagtail's workflow UI.
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("koordinator")
    page.locator("#id_password").fill("hemligt-losen-1")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/pages/{event.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Approve and Publish", exact=True).click()
    event.refresh_from_db()
    assert event.live
    assert WorkflowState.objects.for_instance(event).get().status == "approved"

    # The event is on the group page and in the group's feed; the submitter is nowhere.
    page.goto(f"{live_server.url}{group.url}")
    assert page.get_by_text("Hackkväll om öppna data").first.is_visible()
    assert "sara@example.org" not in page.content()
    feed = requests.get(f"{live_server.url}{group.url}calendar.ics", timeout=10)
    assert feed.status_code == 200
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Hackkväll om öppna data"]
    start = events[0].decoded("DTSTART")
    assert (start.date(), start.hour, start.minute) == (day, 18, 30)
    assert b"sara@example.org" not in feed.content
