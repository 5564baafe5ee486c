"""Funding calls: who funds projects, under which call."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class FundingCall(index.Indexed, models.Model):
    """A funder's call for proposals, e.g. Vinnova's civic tech call of 2023.

    A snippet rather than a page: it has no page of its own, it is chosen on projects
    and filtered on in the project index. The call's name is a proper name in Swedish;
    an optional English name is shown on the English site.
    """

    funder = models.CharField(_("funder"), max_length=200, help_text=_("e.g. Vinnova"))
    funder_page = models.ForeignKey(
        "hub.PartnerPage",
        verbose_name=_("funder's partner page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_calls",
        help_text=_("Optional: the funder's page on this site, which then lists the projects."),
    )
    name = models.CharField(_("name of the call"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    url = models.URLField(_("link"), blank=True, help_text=_("The call on the funder's site."))

    panels = [
        MultiFieldPanel(
            [FieldPanel("funder"), FieldPanel("funder_page")], heading=_("Funder")
        ),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("year"),
        FieldPanel("url"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.SearchField("funder"),
        index.AutocompleteField("name"),
        index.FilterField("year"),
    ]

    class Meta:
        ordering = ["-year", "funder", "name"]
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")

    def __str__(self):
        return f"{self.funder}: {self.display_name} ({self.year})"

    @property
    def display_name(self):
        """The call's name in the active language (English falls back to Swedish)."""
        if self.name_en and translation.get_language() == "en":
            return self.name_en
        return self.name
