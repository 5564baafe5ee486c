"""Blocks that only labs use: what a lab series produced."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class OutcomeValue(blocks.StructValue):
    def url(self):
        document = self.get("document")
        if document:
            return document.url
        return self.get("link") or ""


class OutcomeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=1000)
    link = blocks.URLBlock(label=_("Link"), required=False)
    document = DocumentChooserBlock(
        label=_("Document"),
        required=False,
        help_text=_("A report or guide from the lab; used instead of the link when given."),
    )

    class Meta:
        icon = "tick-inverse"
        template = "labs/blocks/outcome.html"
        label = _("Outcome")
        value_class = OutcomeValue
        description = _("Something the lab produced: a prototype, a report, a method, a project.")
        preview_value = {
            "title": "Prototyp för öppna kommunala data",
            "description": "Tre kommuner testade ett gemensamt format för att publicera data.",
            "link": "https://civictech.se/",
        }


class OutcomesStreamBlock(blocks.StreamBlock):
    outcome = OutcomeBlock()

    class Meta:
        block_counts = {}
