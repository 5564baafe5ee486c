"""Typed project results as StreamField blocks.

Editors document what a project produced as a stream of result blocks, one block type
per kind of result. Every type shares the same fields (title, description, link and/or
document, licence, date, status and progress) and the same cross-field rules; the type
itself is the block's name in `ResultStreamBlock`, which matches `choices.ResultType`.

On save, `projects.results.sync_results()` copies the blocks into the indexed
`ProjectResult` table so that the results catalogue can filter and count in SQL.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from .choices import RESULT_TYPE_PLURALS, Licence, ResultStatus, ResultType, licence_url


class ResultValue(blocks.StructValue):
    """Presentation logic for one result, shared by templates, the API and JSON-LD."""

    @property
    def result_type(self):
        return self.block.result_type

    def type_label(self):
        return ResultType(self.block.result_type).label

    def status_label(self):
        status = self.get("status")
        return ResultStatus(status).label if status in ResultStatus.values else ""

    def is_completed(self):
        return self.get("status") == ResultStatus.COMPLETED

    def effective_progress(self):
        """Progress in per cent: 100 when completed, 0 when planned, else what was entered."""
        return effective_progress(self.get("status"), self.get("progress"))

    def licence_label(self):
        licence = self.get("licence")
        return Licence(licence).label if licence in Licence.values else ""

    def licence_url(self):
        return licence_url(self.get("licence"))

    def url(self):
        """Where the result lives: its link, else its document's download address."""
        if self.get("link"):
            return self.get("link")
        document = self.get("document")
        return document.url if document else ""


def effective_progress(status, progress):
    if status == ResultStatus.COMPLETED:
        return 100
    if status == ResultStatus.PLANNED:
        return 0
    return progress


class ResultBlock(blocks.StructBlock):
    """Fields and rules shared by every kind of result; subclasses set the type."""

    result_type = None
    #: Whether a completed result must point somewhere (a link or a document).
    needs_link_when_completed = True
    #: Whether the date is required whatever the status.
    needs_date = False
    #: Whether a completed result must state its licence (reuse depends on it).
    needs_licence_when_completed = False

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(
        label=_("Description"),
        max_length=2000,
        help_text=_("What it is, who it is for and how it can be reused."),
    )
    link = blocks.URLBlock(
        label=_("Link"), required=False, help_text=_("Where the result can be found or used.")
    )
    document = DocumentChooserBlock(
        label=_("Document"), required=False, help_text=_("A file people can download.")
    )
    licence = blocks.ChoiceBlock(
        label=_("Licence"), choices=Licence.choices, required=False,
        help_text=_("Under which terms others may reuse the result."),
    )
    date = blocks.DateBlock(
        label=_("Date"), required=False,
        help_text=_("When it was published, delivered or decided (or is expected)."),
    )
    status = blocks.ChoiceBlock(
        label=_("Status"), choices=ResultStatus.choices, default=ResultStatus.COMPLETED,
    )
    progress = blocks.IntegerBlock(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100,
        help_text=_("For results in progress. Completed results count as 100 %."),
    )

    class Meta:
        value_class = ResultValue
        template = "projects/blocks/result.html"
        preview_template = "projects/blocks/result_preview.html"
        form_classname = "struct-block project-result-block"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        non_block_errors = []
        status = value.get("status")
        progress = value.get("progress")
        date = value.get("date")

        if status == ResultStatus.COMPLETED and progress not in (None, 100):
            errors["progress"] = ValidationError(
                _("A completed result is finished: clear the progress or set it to 100.")
            )
        if status == ResultStatus.PLANNED and progress:
            errors["progress"] = ValidationError(
                _("A planned result has not started: set the status to “In progress” "
                  "or clear the progress.")
            )
        if status == ResultStatus.COMPLETED and date and date > timezone.localdate():
            errors["date"] = ValidationError(
                _("A completed result cannot be dated in the future.")
            )
        if self.needs_date and not date:
            errors["date"] = ValidationError(_("Give the date of the event."))
        if (
            self.needs_licence_when_completed
            and status == ResultStatus.COMPLETED
            and not value.get("licence")
        ):
            errors["licence"] = ValidationError(
                _("A published dataset needs a licence, so that others know they may reuse it.")
            )
        if (
            self.needs_link_when_completed
            and status == ResultStatus.COMPLETED
            and not value.get("link")
            and not value.get("document")
        ):
            non_block_errors.append(
                ValidationError(
                    _("Add a link or a document, so that people can find the completed result.")
                )
            )
        if errors or non_block_errors:
            raise blocks.StructBlockValidationError(
                block_errors=errors, non_block_errors=non_block_errors
            )
        return value

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context=context)
        document = value.get("document")
        data["document"] = None
        if document is not None:
            request = (context or {}).get("request")
            url = document.url
            data["document"] = {
                "id": document.pk,
                "title": document.title,
                "url": request.build_absolute_uri(url) if request else url,
                "file_extension": document.file_extension,
                "file_size": document.file_size,
            }
        data["licence_url"] = value.licence_url()
        data["progress"] = value.effective_progress()
        return data


def _preview(title, description, **extra):
    return {
        "title": title,
        "description": description,
        "status": ResultStatus.COMPLETED,
        "date": "2024-11-30",
        **extra,
    }


def result_block(result_type, icon, description, preview, **rules):
    """A `ResultBlock` subclass for one `ResultType`, stating only what differs.

    The label is the type's own label; `rules` override `ResultBlock`'s rule flags
    (`needs_link_when_completed`, `needs_date`, `needs_licence_when_completed`). The class
    is named after the type (`policy_change` -> `PolicyChangeResultBlock`) and lives in
    this module. StructBlocks deconstruct as plain StructBlocks, so neither the stored JSON
    nor the migrations depend on these classes.
    """
    name = "".join(part.capitalize() for part in result_type.split("_")) + "ResultBlock"
    meta = type("Meta", (), {
        "icon": icon,
        "label": ResultType(result_type).label,
        "description": description,
        "preview_value": preview,
    })
    attrs = {"__module__": __name__, "__qualname__": name, "result_type": result_type}
    return type(name, (ResultBlock,), {**attrs, **rules, "Meta": meta})


SoftwareResultBlock = result_block(
    ResultType.SOFTWARE, "code", _("Source code, an app or a tool the project built."),
    _preview("Medborgarförslag-appen",
             "En öppen app för att lämna och stötta medborgarförslag i kommunen.",
             link="https://example.org/kod", licence=Licence.AGPL_3),
)
ReportResultBlock = result_block(
    ResultType.REPORT, "doc-full", _("A final report, study or evaluation."),
    _preview("Slutrapport", "Vad projektet gjorde, vad det lärde sig och vad som händer sedan.",
             link="https://example.org/rapport", licence=Licence.CC_BY_4),
)
DatasetResultBlock = result_block(
    ResultType.DATASET, "table", _("Open data the project collected or published."),
    _preview("Cykelställ i Göteborg", "Alla kommunala cykelställ med position och antal platser.",
             link="https://example.org/data", licence=Licence.CC0),
    needs_licence_when_completed=True,
)
MethodResultBlock = result_block(
    ResultType.METHOD, "list-ol", _("A method, toolkit or guide others can follow."),
    _preview("Metodstöd för medborgardialog", "Steg för steg: så planerar ni en digital dialog.",
             link="https://example.org/metod", licence=Licence.CC_BY_SA_4),
)
ServiceResultBlock = result_block(
    ResultType.SERVICE, "site", _("A service that is up and running for people to use."),
    _preview("Fråga kommunen", "En tjänst där invånare får svar på frågor om kommunens beslut.",
             link="https://example.org/tjanst"),
)
PolicyChangeResultBlock = result_block(
    ResultType.POLICY_CHANGE, "tasks",
    _("A decision, rule or way of working that changed because of the project."),
    _preview("Öppna data som standard",
             "Kommunfullmäktige beslutade att publicera data öppet som standard.",
             link="https://example.org/beslut"),
)
EventResultBlock = result_block(
    ResultType.EVENT, "date", _("A hackathon, workshop or conference the project held."),
    _preview("Hackathon om öppna data",
             "Två dagar med 60 deltagare från kommun, föreningar och näringsliv."),
    needs_link_when_completed=False,
    needs_date=True,
)


class ResultStreamBlock(blocks.StreamBlock):
    """The `results` of a project: one child block per `ResultType`, in the same order."""

    software = SoftwareResultBlock()
    report = ReportResultBlock()
    dataset = DatasetResultBlock()
    method = MethodResultBlock()
    service = ServiceResultBlock()
    policy_change = PolicyChangeResultBlock()
    event = EventResultBlock()

    class Meta:
        block_counts = {}


def load_results(pages, field_name):
    """Convert the stream `field_name` of many pages at once, one lookup per block type.

    A StreamField converts its blocks page by page (a document lookup for each project);
    a listing that shows every project's results calls this first. Each page's stream is
    replaced by an equal, already converted `StreamValue`.
    """
    if not pages:
        return
    stream_block = getattr(pages[0], field_name).stream_block
    children = {page.pk: [None] * len(getattr(page, field_name)) for page in pages}
    pending = defaultdict(list)  # block type -> [(page pk, position, raw item)]
    for page in pages:
        for position, item in enumerate(getattr(page, field_name).raw_data):
            pending[item["type"]].append((page.pk, position, item))
    for type_name, items in pending.items():
        child_block = stream_block.child_blocks[type_name]
        values = child_block.bulk_to_python([item["value"] for _pk, _pos, item in items])
        for (pk, position, item), value in zip(items, values, strict=True):
            children[pk][position] = (type_name, value, item.get("id"))
    for page in pages:
        setattr(page, field_name, blocks.StreamValue(stream_block, children[page.pk]))


def group_results(stream_value):
    """Group a project's results by type, in `ResultType` order.

    Returns a list of dicts: `type`, `label` (plural heading) and `results` (the bound
    blocks, in the editor's order). Types without results are left out.
    """
    groups = {value: [] for value in ResultType.values}
    for child in stream_value or []:
        if child.block_type in groups:
            groups[child.block_type].append(child)
    return [
        {"type": value, "label": RESULT_TYPE_PLURALS[value], "results": children}
        for value, children in groups.items()
        if children
    ]


__all__ = [
    "DatasetResultBlock",
    "EventResultBlock",
    "MethodResultBlock",
    "PolicyChangeResultBlock",
    "ReportResultBlock",
    "ResultBlock",
    "ResultStreamBlock",
    "ResultValue",
    "ServiceResultBlock",
    "SoftwareResultBlock",
    "group_results",
    "load_results",
    "result_block",
]
