"""The admin as a group's editor and a coordinator meet it, in the Swedish admin and real
Chromium: from login to a submitted weekly series in few actions, and from the dashboard to
an approved public suggestion. Axe runs on the public result; each journey leaves screenshots
in $SCREENSHOT_DIR (default .test-artifacts/screenshots/) for review."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, WorkflowState
from wagtail.users.models import UserProfile

from events.factories import CalendarPageFactory
from events.localtime import local_today
from events.models import EventPage, EventSuggestion
from events.suggestions import SuggestEventForm, create_suggestion
from hub.permissions import COORDINATORS_GROUP_NAME, ensure_moderation_workflow
from hub.setup import ensure_home_pages
from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "hemligt-losen-1"
#: The most actions (clicks, fills, selects) after login for a volunteer's weekly series.
MAX_EDITOR_ACTIONS = 12
#: The footer's "Approve and publish" (the one without a comment, so without a modal).
APPROVE_AND_PUBLISH = (
    "footer button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
)


def screenshot(page, name):
    folder = Path(os.environ.get("SCREENSHOT_DIR", ".test-artifacts/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


class Actions:
    """Counts what the user does: every click, fill and select is one action."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def fill(self, locator, value):
        self.count += 1
        locator.fill(value)

    def select(self, locator, value):
        self.count += 1
        locator.select_option(value)


def swedish_user(username, group):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=username.title()
    )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return user


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")


@pytest.fixture
def group():
    home, _en = ensure_home_pages()
    CalendarPageFactory(parent=home)
    index = LocalGroupIndexPageFactory(parent=home)
    ensure_moderation_workflow()
    return LocalGroupPageFactory(parent=index, title="Civic Tech Göteborg", slug="goteborg")


def test_editor_submits_a_weekly_series_with_a_skipped_date(live_server, page, axe, group):
    assert not group.is_trusted  # moderated: the editor submits, a coordinator approves
    swedish_user("anna", group.editors_group())
    log_in(page, live_server, "anna")
    screenshot(page, "editor-dashboard")

    start = local_today() + dt.timedelta(days=8)
    skipped = start + dt.timedelta(days=14)
    act = Actions()
    act.click(page.locator("#group-editor-goteborg-content a.button-primary"))
    page.wait_for_selector("#id_title")
    act.fill(page.locator("#id_title"), "Hackkväll varje vecka")
    act.click(page.get_by_role("tab", name="När"))
    act.fill(page.locator("#id_start_date"), start.isoformat())
    act.fill(page.locator("#id_start_time"), "18:00")
    act.select(page.locator("#id_repeat_frequency"), "WEEKLY")
    act.fill(page.locator("#id_repeat_count"), "6")
    act.click(page.locator("#id_exception_dates-ADD"))
    act.fill(page.locator("#id_exception_dates-0-date"), skipped.isoformat())
    act.click(page.locator("footer [data-w-dropdown-target='toggle']").last)
    with page.expect_navigation():
        act.click(page.locator("footer button[name='action-submit']"))
    assert act.count <= MAX_EDITOR_ACTIONS, f"{act.count} actions"
    screenshot(page, "editor-submitted")

    event = EventPage.objects.get(title="Hackkväll varje vecka")
    assert event.get_parent().pk == group.pk
    assert not event.live
    state = WorkflowState.objects.for_instance(event).get()
    assert (state.status, state.workflow.name) == ("in_progress", "Moderering")
    draft = event.get_latest_revision_as_object()
    assert "FREQ=WEEKLY" in draft.rrule and "COUNT=6" in draft.rrule
    assert [d.date for d in draft.exception_dates.all()] == [skipped]
    assert (draft.start_date, draft.start_time) == (start, dt.time(18, 0))

    # The group's public page, which the draft does not reach until approved.
    page.goto(f"{live_server.url}{group.url}")
    assert page.get_by_text("Hackkväll varje vecka").count() == 0
    axe(page, "the group page")
    screenshot(page, "editor-group-page")


def suggest(group, title, day):
    locale = Locale.objects.get(language_code="sv")
    form = SuggestEventForm(
        {
            "title": title,
            "start_date": day.isoformat(),
            "start_time": "18:30",
            "venue_name": "Stadsbiblioteket, Götaplatsen 3",
            "description": "Vi bygger verktyg på öppna data. Alla välkomna!",
            "organiser": str(group.pk),
            "submitter_name": "Sara Förslag",
            "submitter_email": "sara@example.org",
            "website": "",
        },
        locale=locale,
    )
    assert form.is_valid(), form.errors
    return create_suggestion(form, group)


def test_coordinator_approves_a_suggestion_from_the_dashboard(live_server, page, axe, group):
    day = local_today() + dt.timedelta(days=9)
    suggestion = suggest(group, "Öppen data-kväll", day)
    swedish_user("kim", Group.objects.get(name=COORDINATORS_GROUP_NAME))
    log_in(page, live_server, "kim")

    panel = page.locator("#coordinator-tasks-section")
    assert panel.get_by_text("Öppen data-kväll").first.is_visible()
    screenshot(page, "coordinator-dashboard")
    with page.expect_navigation():
        panel.get_by_role("link", name="Öppen data-kväll").first.click()
    assert page.url.endswith(f"/admin/pages/{suggestion.event_id}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    with page.expect_navigation():
        page.locator(APPROVE_AND_PUBLISH).click()
    message = page.locator(".messages").first
    assert "har blivit publicerad" in message.inner_text()
    screenshot(page, "coordinator-approved")

    event = EventPage.objects.get(pk=suggestion.event_id)
    assert event.live
    assert EventSuggestion.objects.get().decided_at is not None
    page.goto(f"{live_server.url}{event.url}")
    assert page.get_by_role("heading", name="Öppen data-kväll").first.is_visible()
    assert "sara@example.org" not in page.content()
    axe(page, "the approved event's page")
    screenshot(page, "coordinator-public-event")
