"""Editors groups follow their page: created, granted, renamed, translated, switched, deleted."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, WorkflowPage

from hub.permissions import (
    COORDINATORS_GROUP_NAME,
    MODERATION_WORKFLOW_NAME,
    ensure_coordinators_group,
    ensure_moderation_workflow,
)
from labs.factories import LabPageFactory
from labs.models import LabPage, LocalGroupPage
from labs.publishing import EditorGroup, PublishingMode
from tests.admin_forms import group_form

pytestmark = pytest.mark.django_db


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_a_new_group_page_gets_its_moderated_editors_group(group_a):
    group = Group.objects.get(name="Redaktörer: Civic Tech Göteborg")
    assert group_a.editors_group() == group
    assert page_codenames(group, group_a) == {"add_page", "change_page"}
    assert list(group.permissions.values_list("codename", flat=True)) == ["access_admin"]
    assert GroupPagePermission.objects.filter(group=group).count() == 2  # this page only
    assert WorkflowPage.objects.get(page=group_a).workflow.name == MODERATION_WORKFLOW_NAME
    task = WorkflowPage.objects.get(page=group_a).workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [COORDINATORS_GROUP_NAME]


def test_a_lab_gets_one_too(lab_index):
    lab = LabPageFactory(parent=lab_index, title="Labb för öppna data")
    assert lab.editors_group().name == "Redaktörer: Labb för öppna data"
    assert page_codenames(lab.editors_group(), lab) == {"add_page", "change_page"}


def test_the_coordinator_creating_a_group_in_the_admin_creates_its_editors_group(
    coordinator_client, group_index
):
    data = group_form(publishing_mode="trusted", **{"action-publish": "action-publish"})
    url = reverse("wagtailadmin_pages:add", args=["labs", "localgrouppage", group_index.pk])
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = LocalGroupPage.objects.get(slug="umea")
    assert page.live and page.publishing_mode == PublishingMode.TRUSTED
    group = Group.objects.get(name="Redaktörer: Civic Tech Umeå")
    assert page_codenames(group, page) == {"add_page", "change_page", "publish_page"}
    assert not WorkflowPage.objects.filter(page=page).exists()


def test_renaming_the_page_renames_the_group(group_a):
    group = group_a.editors_group()
    group_a.title = "Civic Tech Västra Götaland"
    group_a.save_revision().publish()
    group.refresh_from_db()
    assert group.name == "Redaktörer: Civic Tech Västra Götaland"
    assert EditorGroup.objects.count() == 1


def test_same_titles_get_distinct_group_names(group_index):
    from labs.factories import LocalGroupPageFactory

    one = LocalGroupPageFactory(parent=group_index, title="Civic Tech Lund", slug="lund")
    two = LocalGroupPageFactory(parent=group_index, title="Civic Tech Lund", slug="lund-2")
    assert one.editors_group() != two.editors_group()
    assert two.editors_group().name == "Redaktörer: Civic Tech Lund (2)"


def test_a_translation_shares_the_group(group_a, home_en):
    english = Locale.objects.get(language_code="en")
    group_a.get_parent().specific.copy_for_translation(english).save_revision().publish()
    en = group_a.copy_for_translation(english)
    en.title = "Civic Tech Gothenburg"
    en.save_revision().publish()
    group = group_a.editors_group()
    assert group.name == "Redaktörer: Civic Tech Göteborg"  # named after the Swedish page
    assert page_codenames(group, en) == {"add_page", "change_page"}
    assert WorkflowPage.objects.filter(page=en).exists()


def test_deleting_the_page_deletes_the_group(group_a, django_capture_on_commit_callbacks):
    group_pk = group_a.editors_group().pk
    with django_capture_on_commit_callbacks(execute=True):
        group_a.delete()
    assert not Group.objects.filter(pk=group_pk).exists()
    assert not EditorGroup.objects.exists()


def test_switching_mode_updates_permissions_and_workflow(group_a):
    group = group_a.editors_group()
    group_a.publishing_mode = PublishingMode.TRUSTED
    group_a.save_revision().publish()
    assert page_codenames(group, group_a) == {"add_page", "change_page", "publish_page"}
    assert not WorkflowPage.objects.filter(page=group_a).exists()

    page = LocalGroupPage.objects.get(pk=group_a.pk)
    page.publishing_mode = PublishingMode.MODERATED
    page.save_revision().publish()
    assert page_codenames(group, group_a) == {"add_page", "change_page"}
    assert WorkflowPage.objects.filter(page=group_a).exists()


def test_coordinators_setup_is_idempotent(db):
    first = ensure_moderation_workflow()
    group = ensure_coordinators_group()
    counts = (group.permissions.count(), GroupPagePermission.objects.filter(group=group).count())
    assert ensure_moderation_workflow() == first
    assert ensure_coordinators_group() == group
    assert counts == (
        group.permissions.count(),
        GroupPagePermission.objects.filter(group=group).count(),
    )
    assert first.tasks.count() == 1
    assert group.permissions.filter(codename="change_user").exists()
    assert group.permissions.filter(codename="set_publishing_mode").exists()
    assert LabPage  # imported for the model registry
