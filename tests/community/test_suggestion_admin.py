"""What a coordinator sees of a suggestion in the (Swedish) admin, and what approving says."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from events.models import EventPage, EventSuggestion
from tests.admin_forms import event_form
from tests.community.test_suggestions import SV_URL, suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_coordinator(coordinator):
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "sv"
    profile.save()
    c = Client()
    c.force_login(coordinator)
    return c


@pytest.fixture
def submitted(client, calendar, group_a, coordinator):
    response = client.post(SV_URL, suggestion(organiser=str(group_a.pk)))
    assert response.status_code == 302
    return EventSuggestion.objects.get()


def details(html):
    """The inspect view's list of fields."""
    return html.split("<dl>", 1)[1].split("</dl>", 1)[0]


def inspect(client, suggestion):
    url = reverse("event_suggestions:inspect", args=[suggestion.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_inspect_links_the_draft_editor_and_preview(swedish_coordinator, submitted):
    html = inspect(swedish_coordinator, submitted)
    event = submitted.event
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[event.pk])}"' in html
    assert f'href="{reverse("wagtailadmin_pages:view_draft", args=[event.pk])}"' in html
    # The preview link answers with the draft.
    preview = swedish_coordinator.get(reverse("wagtailadmin_pages:view_draft", args=[event.pk]))
    assert preview.status_code == 200 and "Öppen data-kväll" in preview.content.decode()


def test_inspect_shows_language_by_name_local_times_and_nothing_for_empty(
    swedish_coordinator, submitted
):
    # Sent at 23:30 UTC on a summer night: 01:30 the next day in Stockholm.
    sent = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)
    EventSuggestion.objects.filter(pk=submitted.pk).update(created_at=sent, submitter_name="")
    html = inspect(swedish_coordinator, submitted)
    fields = {
        re.sub(r"\s+", " ", dt_).strip(): re.sub(r"<[^>]+>|\s+", " ", dd).strip()
        for dt_, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    }
    assert "None" not in fields.values()
    assert "Svenska" in fields.values()
    assert "sv" not in fields.values()
    values = " ".join(fields.values())
    assert "01:30" in values and "23:30" not in values
    # The empty name, the undecided decision and the never-erased contact details: empty.
    assert len([value for value in fields.values() if value == ""]) == 4
    assert "None" not in details(html)


def test_inspect_of_a_suggestion_whose_draft_was_deleted(swedish_coordinator, submitted):
    submitted.event.delete()
    submitted.refresh_from_db()
    html = inspect(swedish_coordinator, submitted)
    assert "None" not in details(html)


def approve_in_editor(client, event):
    data = event_form(
        title=event.title,
        slug=event.slug,
        start_date=event.start_date.isoformat(),
        start_time=event.start_time.strftime("%H:%M"),
        venue_name=event.venue_name,
        address=event.address,
        introduction=event.introduction,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data, follow=True)


def test_approving_in_the_editor_says_published(swedish_coordinator, submitted):
    event = submitted.event
    response = approve_in_editor(swedish_coordinator, event)
    event.refresh_from_db()
    assert event.live
    assert WorkflowState.objects.for_instance(event).get().status == "approved"
    html = response.content.decode()
    assert "har blivit publicerad" in html
    assert "har blivit uppdaterad" not in html


def test_approving_from_the_dashboard_says_published(swedish_coordinator, submitted):
    event = submitted.event
    task_state = WorkflowState.objects.for_instance(event).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk])
    response = swedish_coordinator.post(url, {"comment": ""}, follow=True)
    event.refresh_from_db()
    assert event.live
    assert "har blivit publicerad" in response.content.decode()


def test_rejecting_does_not_say_published(swedish_coordinator, submitted):
    event = submitted.event
    task_state = WorkflowState.objects.for_instance(event).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "reject", task_state.pk])
    response = swedish_coordinator.post(url, {"comment": ""}, follow=True)
    assert not EventPage.objects.get(pk=event.pk).live
    assert "har blivit publicerad" not in response.content.decode()


def test_only_coordinators_reach_the_inspect_view(client_a, submitted):
    response = client_a.get(reverse("event_suggestions:inspect", args=[submitted.pk]))
    assert response.status_code in (302, 403)
