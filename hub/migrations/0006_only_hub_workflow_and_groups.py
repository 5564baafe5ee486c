"""Retire Wagtail's default moderation set-up in favour of the hub's own.

Wagtail's migrations leave a "Moderators approval" workflow attached to the root page (so
offered on every page without a workflow of its own, e.g. project pages) and two groups,
"Editors" and "Moderators", beside the hub's "Koordinatorer" and per-group editors. After this
migration:

* the default workflow is attached to no page; it and its task are deleted when no moderation
  history refers to them, else deactivated (the history stays readable);
* members of "Moderators" (who approved) join "Koordinatorer", and the group is deleted;
* "Editors" is deleted when it has no members; otherwise it is renamed "Webbredaktörer" and
  keeps its rights (add and edit drafts site-wide, no publishing), so nobody loses access.

The hub's group and workflow ("Koordinatorer", "Moderering") are completed after every
`migrate` by labs.signals; here only the group is created by name, to receive members.
"""

from django.conf import settings
from django.db import migrations

DEFAULT_WORKFLOW_NAME = "Moderators approval"
COORDINATORS_GROUP_NAME = "Koordinatorer"
SITE_EDITORS_GROUP_NAME = "Webbredaktörer"


def retire_default_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        task_ids = list(
            WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
        )
        if WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.active = False
            workflow.save(update_fields=["active"])
        else:
            workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=DEFAULT_WORKFLOW_NAME):
            if WorkflowTask.objects.filter(task=task).exists():
                continue  # still part of a kept (inactive) workflow or of another one
            if TaskState.objects.filter(task=task).exists():
                task.active = False
                task.save(update_fields=["active"])
            else:
                task.delete()


def retire_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        members = list(User.objects.filter(groups=moderators))
        if members:
            coordinators, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)
            for user in members:
                user.groups.add(coordinators)
        moderators.delete()

    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        members = list(User.objects.filter(groups=editors))
        existing = Group.objects.filter(name=SITE_EDITORS_GROUP_NAME).first()
        if members and existing is None:
            editors.name = SITE_EDITORS_GROUP_NAME
            editors.save(update_fields=["name"])
        else:
            for user in members:  # a rerun after a manual restore: join the renamed group
                user.groups.add(existing)
            editors.delete()


def forwards(apps, schema_editor):
    retire_default_workflow(apps, schema_editor)
    retire_default_groups(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0005_ordered_rows_tie_break"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
