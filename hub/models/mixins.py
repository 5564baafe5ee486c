"""Small abstract page mixins that contribute their own fields and panels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable


class ListingMixin(models.Model):
    """What a page looks like when it is listed elsewhere (cards, Open Graph, search)."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the page is shared on social media."),
    )
    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        max_length=300,
        help_text=_("One or two sentences shown on cards. Falls back to the search description."),
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_image"), FieldPanel("listing_summary")],
            heading=_("Listings and sharing"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description or ""

    @property
    def social_image(self):
        return self.listing_image


class Ordered(Orderable):
    """An inline row in an editor's order, and in creation order where that order is unset.

    Only the admin's formset numbers `sort_order`; rows created in code (demo content, the
    importer) leave it empty, and PostgreSQL returns rows with equal keys in any order. The
    primary key breaks the tie, so such rows keep the order they were given in.
    """

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]
