"""The submitter is told the decision once, by email, in the language they wrote in."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from events.models import EventPage, EventSuggestion
from events.suggestions import purge_days

from .test_suggestions import EN_URL, SV_URL, suggestion

pytestmark = pytest.mark.django_db


def workflow_action(client, event, action, **data):
    task_state = WorkflowState.objects.for_instance(event).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[event.pk, action, task_state.pk])
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    return response


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def submitted(client, calendar, group_a, coordinator):
    client.post(SV_URL, suggestion(organiser=str(group_a.pk)))
    mail.outbox.clear()
    return EventPage.objects.get()


def test_approval_emails_the_submitter_once_with_the_link(
    submitted, coordinator_client, django_capture_on_commit_callbacks
):
    assert EventSuggestion.objects.get().language == "sv"
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(coordinator_client, submitted, "approve", comment="Intern anteckning")
    submitted.refresh_from_db()
    assert submitted.live
    [message] = emails_to("sara@example.org")
    assert message.to == ["sara@example.org"]  # to the submitter alone
    with translation.override("sv"):
        expected = translation.gettext("Your event is in the calendar: %(title)s")
    assert message.subject == expected % {"title": "Öppen data-kväll"}
    assert submitted.get_full_url() in message.body
    assert "Sara Förslag" in message.body
    # Nothing else: not the coordinator's comment, nor who decided.
    assert "Intern anteckning" not in message.body
    # (the deciding user is "koordinator"; the Swedish text may say "Koordinatorerna")
    assert not re.search(r"\bkoordinator\b|koordinator@", message.body, re.IGNORECASE)
    stored = EventSuggestion.objects.get()
    assert stored.decided_at is not None and stored.notified_at is not None

    # Publishing again (an edit later on) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        submitted.title = "Öppen data-kväll (ny lokal)"
        submitted.save_revision().publish()
    assert len(emails_to("sara@example.org")) == 1


def test_rejection_sends_a_neutral_email_without_link(
    submitted, coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(coordinator_client, submitted, "reject", comment="Ser ut som reklam")
    submitted.refresh_from_db()
    assert not submitted.live
    [message] = emails_to("sara@example.org")
    with translation.override("sv"):
        assert message.subject == translation.gettext("Your event suggestion: %(title)s") % {
            "title": "Öppen data-kväll"
        }
        assert (
            translation.gettext(
                "Thank you for suggesting “%(title)s”. The coordinators have decided not to "
                "publish it in the calendar."
            )
            % {"title": "Öppen data-kväll"}
            in message.body
        )
    assert "Ser ut som reklam" not in message.body
    assert "http" not in message.body and submitted.slug not in message.body
    assert EventSuggestion.objects.get().decided_at is not None


def test_english_submitters_are_answered_in_english(
    client,
    calendar_en,
    home_en,
    coordinator,
    coordinator_client,
    django_capture_on_commit_callbacks,
):
    # The coordinator works in Swedish; the answer follows the submitter's language.
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "sv"
    profile.save()
    client.post(EN_URL, suggestion(title="Open data night", submitter_email="sam@example.org"))
    stored = EventSuggestion.objects.get()
    assert stored.language == "en"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(coordinator_client, stored.event, "approve")
    [message] = emails_to("sam@example.org")
    assert message.subject == "Your event is in the calendar: Open data night"
    assert message.body.startswith("Hello Sara Förslag,")
    assert "/en/" in message.body
    assert f"deleted {purge_days()} days after this decision" in message.body


def test_nothing_is_sent_before_the_transaction_commits_or_for_a_deleted_draft(
    submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submitted.save_revision().publish()
    assert not emails_to("sara@example.org")  # a rolled-back decision would send nothing
    assert len(callbacks) >= 1

    EventSuggestion.objects.update(notified_at=None, decided_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get().delete()
    assert not emails_to("sara@example.org")
    assert EventSuggestion.objects.get().decided_at is not None


def test_purge_counts_from_the_recorded_decision(
    submitted, coordinator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(coordinator_client, submitted, "reject")
    stored = EventSuggestion.objects.get()
    decided = stored.decided_at
    assert timezone.now() - decided < dt.timedelta(minutes=5)
    # Later activity on the draft does not move the decision.
    with django_capture_on_commit_callbacks(execute=True):
        submitted.save_revision().publish()
    stored.refresh_from_db()
    assert stored.decided_at == decided
    assert len(emails_to("sara@example.org")) == 1  # told once: the first decision

    def purge():
        out = io.StringIO()
        call_command("purge_suggestions", stdout=out)
        return out.getvalue()

    assert "Erased contact details of 0" in purge()
    EventSuggestion.objects.update(decided_at=decided - dt.timedelta(days=purge_days() + 1))
    assert "Erased contact details of 1" in purge()
