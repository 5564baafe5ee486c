from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from hub.languages import is_source_language


class Person(index.Indexed, models.Model):
    """A speaker, organiser or contact. Shown on talks, groups and projects."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    role_en = models.CharField(
        _("role in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the English pages. Leave empty to show the role above there too."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_page = models.ForeignKey(
        "hub.PartnerPage",
        verbose_name=_("organisation's partner page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)
    email = models.EmailField(_("email"), blank=True)
    show_email = models.BooleanField(
        _("show email publicly"),
        default=False,
        help_text=_("Only when ticked is the address shown on the site."),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("role_en"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("organisation_page")],
            heading=_("Organisation"),
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("show_email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        # The admin's listing search is an autocomplete search.
        index.AutocompleteField("organisation"),
        index.AutocompleteField("role"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    @property
    def public_email(self):
        return self.email if self.show_email else ""

    @property
    def localized_role(self):
        """The role in the active language: English on English pages when given."""
        if self.role_en and not is_source_language():
            return self.role_en
        return self.role
