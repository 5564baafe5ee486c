"""Shared StreamField blocks, used by every app's body fields."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# The block picker previews a block in this page, with the site's stylesheet. Blocks whose
# preview would need the editor's own content (an image, a document) or the network (an
# embed) have a description only.
PREVIEW_TEMPLATE = "components/blocks/preview.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading, so that the page has a clear outline.")
        preview_value = {"text": "Så arbetar vi", "level": "h2"}
        preview_template = PREVIEW_TEMPLATE


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text, an optional caption and credit.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"
        label = _("Quote")
        description = _("A quotation with who said it.")
        preview_value = {
            "quote": "Teknik för det gemensamma byggs bäst tillsammans.",
            "attribution": "Civic Tech Sweden",
        }
        preview_template = PREVIEW_TEMPLATE


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200,
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document.html"
        label = _("Document")
        description = _("A downloadable document, shown with its format and size.")


class LinkValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("external_url") or ""

    def text(self):
        if self.get("title"):
            return self.get("title")
        page = self.get("page")
        return page.localized.title if page else self.get("external_url")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    external_url = blocks.URLBlock(label=_("Or an external address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "external_url": ValidationError(
                        _("Choose either a page on this site or an external address.")
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        value_class = LinkValue
        label = _("Link")
        template = "components/blocks/link.html"
        description = _("A link to a page on this site or another site.")
        preview_value = {"title": "Civic Tech Sweden", "external_url": "https://civictech.se/"}
        preview_template = PREVIEW_TEMPLATE


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=600)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"
        label = _("Call to action")
        description = _("A highlighted box inviting the reader to do one thing.")
        preview_value = {
            "heading": "Vill du vara med?",
            "text": "Lokala grupper träffas varje månad. Alla är välkomna, ingen förkunskap krävs.",
            "link": {"title": "Hitta en grupp nära dig", "external_url": "https://civictech.se/"},
        }
        preview_template = PREVIEW_TEMPLATE


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/link_list.html"
        label = _("Link list")
        description = _("A short list of related links.")
        preview_value = {
            "heading": "Läs mer",
            "links": [
                {"title": "Civic Tech Sweden", "external_url": "https://civictech.se/"},
                {"title": "Digidem Lab", "external_url": "https://digidemlab.org/"},
            ],
        }
        preview_template = PREVIEW_TEMPLATE


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(
        label=_("Address of the video or post"),
        help_text=_("For example a YouTube, Vimeo or PeerTube address."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "components/blocks/embed.html"
        label = _("Embedded media")
        description = _("A video, recording or post from another site.")


RICH_TEXT_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote",
]


class BodyStreamBlock(blocks.StreamBlock):
    """The body used by every page type that has free-form content."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow",
        template="components/blocks/paragraph.html",
        description=_("Running text with links, lists and subheadings."),
        preview_value=(
            "<p>Civic tech är teknik som gör det lättare att <b>delta i samhället</b>: "
            "öppna data, digitala verktyg för dialog och tjänster byggda tillsammans med "
            "dem som ska använda dem.</p>"
        ),
        preview_template=PREVIEW_TEMPLATE,
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedWithCaptionBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    link_list = LinkListBlock()

    class Meta:
        block_counts = {}


__all__ = [
    "RICH_TEXT_FEATURES",
    "BodyStreamBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "DocumentBlock",
    "EmbedWithCaptionBlock",
    "HeadingBlock",
    "LinkBlock",
    "LinkListBlock",
    "QuoteBlock",
]
