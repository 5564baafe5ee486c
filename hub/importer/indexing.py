"""Search and reference indexing once per object, at the end of an import.

Creating and publishing a page saves it three times, and every save would update the
search index and Wagtail's reference index. During an import that is most of the work,
so both are deferred: saved objects are collected and indexed once when the import has
succeeded (still inside its transaction, so a rollback undoes them too).
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


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
        is_child = any(isinstance(field, ParentalKey) for field in model._meta.get_fields())
        tracked = model in ReferenceIndex.tracked_models and not is_child
        if model not in searchable and not tracked:
            continue
        # Objects saved and deleted again in the run (replaced orderables) are gone; child
        # objects (orderables, tags) are indexed with their page, which was saved too.
        for instance in model._default_manager.filter(pk__in=pks):
            if model in searchable:
                search_index.insert_or_update_object(instance)
            if tracked:
                ReferenceIndex.create_or_update_for_object(instance)
