"""Bookkeeping that makes the Jekyll import repeatable.

Registered as `hub.ImportRecord` (imported by `hub.models`). This module must stay free of
imports from the rest of the importer, which needs a ready app registry.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One imported source file and the page it became.

    `content_hash` tells whether the file (and the files it refers to) changed since the
    last run; `revision_id` is the revision the import published, so that a page whose
    latest revision is another one is known to have been edited in the hub since.
    """

    source = models.CharField(
        _("source site"), max_length=100, help_text=_("e.g. civictech.se or digidemlab.org")
    )
    source_path = models.CharField(_("source file"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20)
    ref = models.CharField(_("ref"), max_length=200, blank=True)
    lang = models.CharField(_("language"), max_length=8, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        # Deleting a page never touches the import records: the record keeps saying that
        # the file was imported, so that a page deleted in the hub is not silently
        # re-created (see the importer). Hence no database constraint either.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    revision_id = models.BigIntegerField(_("imported revision"), null=True, blank=True)
    first_imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    last_imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        app_label = "hub"
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_path"], name="hub_importrecord_unique_source_path"
            )
        ]

    def __str__(self):
        return f"{self.source}:{self.source_path}"
