"""Keep the indexed `ProjectResult` rows in step with the projects' result blocks."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import ProjectPage
from .models.results import sync_results


@receiver(post_save, sender=ProjectPage, dispatch_uid="projects_sync_results")
def sync_results_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Copy result blocks when the page row's content is written.

    A page's row holds its live content (or, before first publication, its draft);
    draft revisions of a live page only touch bookkeeping fields via `update_fields`,
    so they never leak into the catalogue. Fixture loading (`raw`) is skipped; run
    `manage.py sync_project_results` afterwards.
    """
    if raw:
        return
    if update_fields is not None and "results" not in update_fields:
        return
    sync_results(instance)
