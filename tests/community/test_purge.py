"""Contact details go some days after the decision; undecided suggestions keep them."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from events.models import EventPage, EventSuggestion

from .test_suggestions import SV_URL, suggestion

pytestmark = pytest.mark.django_db


def purge(**kwargs):
    out = io.StringIO()
    call_command("purge_suggestions", stdout=out, **kwargs)
    return out.getvalue()


def test_purge_after_the_decision_only(client, calendar, coordinator_client):
    client.post(SV_URL, suggestion())
    client.post(SV_URL, suggestion(title="Väntar", submitter_email="vantar@example.org"))
    approved = EventPage.objects.get(title="Öppen data-kväll")

    purge()
    assert EventSuggestion.objects.filter(purged_at__isnull=True).count() == 2

    task_state = WorkflowState.objects.for_instance(approved).get().current_task_state
    coordinator_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[approved.pk, "approve", task_state.pk])
    )
    assert "0 suggestion(s)" in purge()  # decided today: kept for now
    decided = EventSuggestion.objects.get(event=approved)
    assert decided.decided_at is not None and decided.submitter_email

    EventSuggestion.objects.filter(pk=decided.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=31)
    )
    assert "Would erase contact details of 1" in purge(dry_run=True)
    assert "Erased contact details of 1" in purge()
    decided.refresh_from_db()
    assert (decided.submitter_email, decided.submitter_name) == ("", "")
    assert decided.purged_at is not None
    waiting = EventSuggestion.objects.get(title="Väntar")
    assert waiting.submitter_email == "vantar@example.org"


def test_deleted_drafts_count_as_decided(client, calendar, coordinator):
    client.post(SV_URL, suggestion())
    EventPage.objects.get().delete()
    purge()
    assert EventSuggestion.objects.get().decided_at is not None
    assert "Erased contact details of 1" in purge(days=0)


def test_only_coordinators_see_the_suggestions(client, calendar, coordinator_client, client_a):
    client.post(SV_URL, suggestion())
    url = reverse("event_suggestions:index")
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "sara@example.org" in response.content.decode()
    inspect = reverse("event_suggestions:inspect", args=[EventSuggestion.objects.get().pk])
    assert "sara@example.org" in coordinator_client.get(inspect).content.decode()
    for target in (url, inspect):
        response = client_a.get(target)
        assert response.status_code in (302, 403)
        assert b"sara@example.org" not in response.content
    # Nobody edits a suggestion through the admin.
    edit = reverse("event_suggestions:edit", args=[EventSuggestion.objects.get().pk])
    assert coordinator_client.get(edit).status_code in (302, 403)
