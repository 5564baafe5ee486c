"""An indexed copy of every project's result blocks, for the results catalogue.

Results are edited as StreamField blocks on the project (`ProjectPage.results`): that
keeps the editor's experience whole (one form, ordering, previews, revisions). A
StreamField is JSON, though, and cannot be filtered, counted or joined in SQL portably.
So whenever a project's row is written with its content (creation, publishing, a
translation copy; not a draft revision, which only touches revision bookkeeping) the
blocks are copied into `ProjectResult`, one row per block. The catalogue then reads
this table in a constant number of queries. The rows are derived data: never edited
directly, rebuilt by `manage.py sync_project_results`.
"""

from django.db import models, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _

from ..blocks import effective_progress
from ..choices import RESULT_TYPE_PLURALS, Licence, ResultStatus, ResultType, licence_url


class ProjectResultQuerySet(models.QuerySet):
    def in_type_order(self):
        """Order by `ResultType` (the order the project page uses), then newest first."""
        order = Case(
            *[When(result_type=value, then=Value(i)) for i, value in enumerate(ResultType.values)],
            default=Value(len(ResultType.values)),
            output_field=IntegerField(),
        )
        return self.annotate(type_order=order).order_by(
            "type_order", models.F("date").desc(nulls_last=True), "title", "pk"
        )


class ProjectResult(models.Model):
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="result_records",
    )
    block_id = models.CharField(_("block id"), max_length=64)
    sort_order = models.PositiveIntegerField(_("position on the project page"), default=0)
    result_type = models.CharField(_("type"), max_length=20, choices=ResultType.choices)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    licence = models.CharField(_("licence"), max_length=30, choices=Licence.choices, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ResultStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)

    objects = ProjectResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("project result")
        verbose_name_plural = _("project results")
        ordering = ["project", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "block_id"], name="unique_result_block"),
        ]
        indexes = [
            models.Index(fields=["result_type"], name="projectresult_type_idx"),
            models.Index(fields=["status"], name="projectresult_status_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def type_label(self):
        return self.get_result_type_display()

    @property
    def type_plural(self):
        return RESULT_TYPE_PLURALS.get(self.result_type, self.type_label)

    @property
    def status_label(self):
        return self.get_status_display()

    @property
    def licence_label(self):
        return self.get_licence_display() if self.licence else ""

    @property
    def licence_url(self):
        return licence_url(self.licence)

    def effective_progress(self):
        return effective_progress(self.status, self.progress)

    def url(self):
        """Where the result lives: its link, else its document's download address."""
        if self.link:
            return self.link
        return self.document.url if self.document_id else ""


def result_rows(project):
    """`ProjectResult` objects (unsaved) for the result blocks of `project`."""
    rows = []
    seen = set()
    for position, child in enumerate(project.results or []):
        if child.block_type not in ResultType.values:
            continue
        block_id = str(child.id or position)
        if block_id in seen:  # copied blocks may share an id; rows must not
            block_id = f"{block_id}-{position}"
        seen.add(block_id)
        value = child.value
        document = value.get("document")
        rows.append(
            ProjectResult(
                project=project,
                block_id=block_id,
                sort_order=position,
                result_type=child.block_type,
                title=(value.get("title") or "")[:255],
                description=value.get("description") or "",
                link=value.get("link") or "",
                document_id=document.pk if document else None,
                licence=value.get("licence") or "",
                date=value.get("date"),
                status=value.get("status") or ResultStatus.COMPLETED,
                progress=value.get("progress"),
            )
        )
    return rows


@transaction.atomic
def sync_results(project):
    """Make `ProjectResult` mirror the result blocks stored on `project`'s row."""
    ProjectResult.objects.filter(project=project).delete()
    ProjectResult.objects.bulk_create(result_rows(project))
