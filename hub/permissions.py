"""The Coordinators group: the national team, with rights over the whole site.

`ensure_coordinators_group()` is idempotent and is called wherever the group must exist
(when a group editors' group is set up, when a public suggestion starts moderation, after
migrations). `ensure_moderation_workflow()` likewise creates the "Moderering" workflow.
Coordinators get:

* every page permission on the root page (so on every page, in every language), including
  publishing; approving moderation comes from the Moderation workflow's task (labs.publishing);
* every model permission of the project's apps and of the Wagtail and Django apps an
  administrator uses (users and groups, snippets, settings, images, documents, redirects,
  workflows, locales, translations), plus access to the admin;
* every collection permission on the root collection (images and documents).

Page permissions deliberately come only from `GroupPagePermission`; the model-level
`wagtailcore.*_page` permissions are not used by Wagtail's page policy and are left out.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

COORDINATORS_GROUP_NAME = "Koordinatorer"
MODERATION_WORKFLOW_NAME = "Moderering"
MODERATION_TASK_NAME = "Godkännande av koordinator"

# Apps whose model permissions coordinators hold in full.
COORDINATOR_APPS = (
    "hub",
    "labs",
    "events",
    "projects",
    "auth",
    "taggit",
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtailforms",
    "simple_translation",
)
PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
)


def page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_coordinators_group():
    """Create or complete the Coordinators group; return it. Safe to call any number of times."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=COORDINATORS_GROUP_NAME)

    model_permissions = Permission.objects.filter(
        content_type__app_label__in=COORDINATOR_APPS
    ).exclude(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS)
    group.permissions.add(*model_permissions)

    root = Page.get_first_root_node()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=page_permission(codename)
            )

    collection = Collection.get_first_root_node()
    if collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group


def is_coordinator(user):
    """True for superusers and members of the Coordinators group."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATORS_GROUP_NAME).exists()


@transaction.atomic
def ensure_moderation_workflow():
    """The "Moderering" workflow: one approval task for the Coordinators group (idempotent).

    Moderated groups' pages are assigned to it (labs.publishing), and every public event
    suggestion is put into it (events.suggestions), so coordinators approve in Wagtail's own
    workflow UI and get its notification emails.
    """
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    coordinators = ensure_coordinators_group()
    workflow = Workflow.objects.filter(name=MODERATION_WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=MODERATION_WORKFLOW_NAME, active=True)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=MODERATION_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION_TASK_NAME, active=True)
    task.groups.add(coordinators)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow
