"""Only the hub's workflow and groups: Wagtail's default "Moderators approval" workflow and its
"Editors" and "Moderators" groups are retired by hub migration 0006, on a fresh database and on
a site that already used them."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from hub.permissions import COORDINATORS_GROUP_NAME, MODERATION_WORKFLOW_NAME
from projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.community.conftest import make_user

pytestmark = pytest.mark.django_db

retirement = importlib.import_module("hub.migrations.0006_only_hub_workflow_and_groups")
DEFAULT = retirement.DEFAULT_WORKFLOW_NAME


def wagtail_default_setup():
    """What Wagtail's migrations create: the groups and a workflow attached at the root."""
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    editors, _ = Group.objects.get_or_create(name="Editors")
    task = GroupApprovalTask.objects.create(name=DEFAULT, active=True)
    task.groups.add(moderators)
    workflow = Workflow.objects.create(name=DEFAULT, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return moderators, editors, workflow, task


def test_after_migrate_the_default_workflow_is_attached_nowhere_and_its_groups_are_gone(home):
    assert not WorkflowPage.objects.filter(workflow__name=DEFAULT).exists()
    assert not Workflow.objects.filter(name=DEFAULT, active=True).exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_existing_site_keeps_its_people_with_sensible_rights(home, django_user_model):
    moderators, editors, workflow, task = wagtail_default_setup()
    approver = make_user(django_user_model, "mona", moderators)
    writer = make_user(django_user_model, "erik", editors)

    retirement.forwards(apps, None)

    assert not WorkflowPage.objects.filter(workflow__name=DEFAULT).exists()
    # Nothing referred to them, so they are gone rather than kept inactive.
    assert not Workflow.objects.filter(pk=workflow.pk).exists()
    assert not GroupApprovalTask.objects.filter(pk=task.pk).exists()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    # The approver became a coordinator; the writer keeps the same group, renamed.
    assert approver.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert list(writer.groups.values_list("pk", "name")) == [
        (editors.pk, retirement.SITE_EDITORS_GROUP_NAME)
    ]
    # Running it again changes nothing.
    retirement.forwards(apps, None)
    assert list(writer.groups.values_list("name", flat=True)) == ["Webbredaktörer"]


def test_a_default_workflow_with_history_is_kept_inactive(home, django_user_model):
    _moderators, _editors, workflow, _task = wagtail_default_setup()
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home))
    user = make_user(django_user_model, "mona")
    project.save_revision(user=user)
    workflow.start(project, user)
    assert WorkflowState.objects.filter(workflow=workflow).exists()

    retirement.forwards(apps, None)

    workflow.refresh_from_db()
    assert not workflow.active
    assert not WorkflowPage.objects.filter(workflow=workflow).exists()
    assert WorkflowState.objects.filter(workflow=workflow).count() == 1


def test_coordinator_is_not_offered_the_default_workflow_on_a_project_page(
    home, coordinator_client
):
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home))
    response = coordinator_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Moderators approval" not in content
    assert project.get_workflow() is None or project.get_workflow().name == MODERATION_WORKFLOW_NAME
