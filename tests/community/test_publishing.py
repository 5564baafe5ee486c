"""Moderated groups submit to the coordinators; trusted groups publish. Over HTTP."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from events.models import EventPage
from labs.publishing import PublishingMode
from tests.admin_forms import event_form

pytestmark = pytest.mark.django_db


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_moderated_editor_cannot_publish_but_can_submit(client_a, group_a, coordinator):
    response = client_a.post(add_event_url(group_a), event_form(**{"action-publish": "1"}))
    assert response.status_code in (200, 302)
    event = EventPage.objects.filter(slug="hackkvall").first()
    assert event is None or not event.live

    mail.outbox.clear()
    response = client_a.post(
        add_event_url(group_a),
        event_form(slug="hackkvall-2", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    event = EventPage.objects.get(slug="hackkvall-2")
    assert not event.live
    state = WorkflowState.objects.for_instance(event).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Moderering"
    # Wagtail's own notification reaches the coordinator.
    assert coordinator.email in {address for m in mail.outbox for address in m.to}
    assert any("Hackkväll" in m.subject or "Hackkväll" in m.body for m in mail.outbox)


def test_trusted_editor_publishes_directly(client_a, group_a):
    group_a.publishing_mode = PublishingMode.TRUSTED
    group_a.save_revision().publish()
    response = client_a.post(add_event_url(group_a), event_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    event = EventPage.objects.get(slug="hackkvall")
    assert event.live
    assert client_a.get(group_a.url).content.decode().count("Hackkväll") >= 1


def test_coordinator_switches_mode_in_the_admin(coordinator_client, group_a, client_a):
    from tests.admin_forms import group_form

    url = reverse("wagtailadmin_pages:edit", args=[group_a.pk])
    assert "publishing_mode" in coordinator_client.get(url).context["form"].fields
    response = coordinator_client.post(
        url, group_form(group_a, publishing_mode="trusted", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    response = client_a.post(add_event_url(group_a), event_form(**{"action-publish": "1"}))
    assert EventPage.objects.get(slug="hackkvall").live
