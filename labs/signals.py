"""Keep each group's and lab's editors group in step with its page.

Connected in `LabsConfig.ready()`. A page saved (created, renamed,
translated, published with another publishing mode) syncs its editors group; a page deleted
takes its editors group with it once no translation of it is left.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save


def _page_saved(sender, instance, raw=False, **kwargs):
    from labs.publishing import PublishingModeMixin, sync_editors_group

    if raw or not isinstance(instance, PublishingModeMixin) or not instance.pk:
        return
    if instance.alias_of_id:
        return  # aliases follow their original
    sync_editors_group(instance)


def _page_deleted(sender, instance, **kwargs):
    from labs.publishing import PublishingModeMixin, delete_orphaned_editors_group

    if not isinstance(instance, PublishingModeMixin):
        return
    key = instance.translation_key
    transaction.on_commit(lambda: delete_orphaned_editors_group(key))


def _migrated(sender, app_config=None, using="default", **kwargs):
    # Create the Coordinators group and the Moderation workflow on a fresh database (the
    # content types and permissions exist once the last app has had its post_migrate), and
    # give editors groups that predate their collections one.
    from django.apps import apps

    if app_config is None or app_config is not list(apps.get_app_configs())[-1]:
        return
    from labs.publishing import ensure_editors_collections, ensure_moderation_workflow

    ensure_moderation_workflow()
    ensure_editors_collections()


def connect():
    post_save.connect(_page_saved, dispatch_uid="labs-editors-group-sync")
    post_delete.connect(_page_deleted, dispatch_uid="labs-editors-group-delete")
    post_migrate.connect(_migrated, dispatch_uid="labs-coordinators-setup")
