"""Editors reach their own group and nothing else: proven over HTTP through the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from events.models import EventPage
from hub.models import SiteSettings
from labs.models import LocalGroupPage
from labs.publishing import PublishingMode
from tests.admin_forms import event_form, group_form

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers a refusal with a redirect (to the dashboard or login) or a 403."""
    return response.status_code in (302, 403) and (
        response.status_code == 403 or "/admin/" in response["Location"]
    )


def add_event_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_editor_edits_own_group_and_adds_its_events(client_a, group_a):
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[group_a.pk]))
    assert response.status_code == 200
    response = client_a.post(add_event_url(group_a), event_form())
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="hackkvall")
    assert event.get_parent().pk == group_a.pk
    assert not event.live
    # The coordinator-only field is not on the editor's form.
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[group_a.pk]))
    assert "publishing_mode" not in response.context["form"].fields


def test_editor_cannot_edit_another_groups_page(client_a, group_b):
    url = reverse("wagtailadmin_pages:edit", args=[group_b.pk])
    assert refused(client_a.get(url))
    response = client_a.post(url, group_form(group_b, title="Hijacked", **{"action-publish": "1"}))
    assert refused(response)
    group_b.refresh_from_db()
    assert group_b.title == "Civic Tech Malmö"
    assert group_b.get_latest_revision() is None or "Hijacked" not in str(
        group_b.get_latest_revision().content
    )


def test_editor_cannot_add_events_to_another_group_or_the_calendar(client_a, group_b, calendar):
    for parent in (group_b, calendar):
        assert refused(client_a.get(add_event_url(parent)))
        assert refused(client_a.post(add_event_url(parent), event_form()))
    assert not EventPage.objects.filter(slug="hackkvall").exists()


def test_editor_cannot_edit_or_delete_another_groups_events(client_a, group_b):
    from events.factories import EventPageFactory

    event = EventPageFactory(parent=group_b, title="Malmöträff", slug="malmotraff")
    edit = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert refused(client_a.post(edit, event_form(title="Ändrad", slug="malmotraff")))
    delete = reverse("wagtailadmin_pages:delete", args=[event.pk])
    assert refused(client_a.post(delete))
    event.refresh_from_db()
    assert event.title == "Malmöträff" and event.live


def test_editor_cannot_reach_settings_users_groups_or_other_apps(client_a, editor_a, home):
    site_settings = SiteSettings.for_site(home.get_site())
    users_before = get_user_model().objects.count()
    urls = [
        reverse("wagtailsettings:edit", args=["hub", "sitesettings", home.get_site().pk]),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailsnippets_hub_person:list"),
        reverse("wagtailadmin_workflows:index"),
        reverse("event_suggestions:index"),
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
    ]
    for url in urls:
        assert refused(client_a.get(url)), url
    response = client_a.post(
        reverse("wagtailusers_users:add"),
        {"username": "mallory", "email": "m@example.org", "password1": "x", "password2": "x"},
    )
    assert refused(response)
    group_pk = editor_a.groups.get().pk
    response = client_a.post(
        reverse("wagtailusers_groups:edit", args=[group_pk]), {"name": "Redaktörer: allt"}
    )
    assert refused(response)
    assert get_user_model().objects.count() == users_before
    assert Group.objects.get(pk=group_pk).name == "Redaktörer: Civic Tech Göteborg"
    assert SiteSettings.for_site(home.get_site()).pk == site_settings.pk
    # Images and documents: only their own collection (tests/community/test_media.py).
    # Django's own admin is closed to them (not staff).
    assert client_a.get("/django-admin/").status_code == 302


def test_editor_cannot_make_their_own_group_trusted(client_a, group_a):
    url = reverse("wagtailadmin_pages:edit", args=[group_a.pk])
    response = client_a.post(
        url, group_form(group_a, publishing_mode="trusted", **{"action-publish": "1"})
    )
    assert response.status_code in (200, 302)
    page = LocalGroupPage.objects.get(pk=group_a.pk)
    assert page.publishing_mode == PublishingMode.MODERATED
    assert not page.editors_group().permissions.exclude(codename="access_admin").exists()
    assert not GroupPagePermission.objects.filter(
        group=group_a.editors_group(), permission__codename="publish_page"
    ).exists()
    assert not page.has_unpublished_changes or page.title == group_a.title
