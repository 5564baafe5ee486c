"""Search and reference indexing once per object, at the end of an import.

Creating and publishing a page saves it three times, and every save would update the
search index and Wagtail's reference index. During an import that is most of the work,
so both are deferred: saved objects are collected and indexed once when the import has
succeeded (still inside its transaction, so a rollback undoes them too).
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextmanager
def deferred_indexing():
    """Within the block, saves do not update the indexes; on a normal exit, every object
    saved in the block is indexed once."""
    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk is not None:
            saved[(sender, instance.pk)] = sender

    paused = [
        model for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    post_save.connect(remember, weak=False, dispatch_uid="hub.importer.deferred_indexing")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="hub.importer.deferred_indexing")
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    _index(saved)


def _index(saved):
    by_model = {}
    for (model, pk) in saved:
        by_model.setdefault(model, set()).add(pk)
    searchable = set(search_index.get_indexed_models())
    for model, pks in by_model.items():
        if model in searchable:
            for instance in model._default_manager.filter(pk__in=pks):
                search_index.insert_or_update_object(instance)
        if model in ReferenceIndex.tracked_models:
            # Objects saved and deleted again in the run (replaced orderables) are gone.
            for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True):
                # The task itself finds the parent of child objects (orderables, tags).
                update_reference_index_task.call(model._meta.app_label, model._meta.model_name,
                                                 str(pk))
