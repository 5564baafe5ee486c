from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .mixins import Ordered


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Contact details and footer, editable by the coordinator."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    chat_url = models.URLField(
        _("chat link"), blank=True, help_text=_("Where the network talks, e.g. Slack or Matrix.")
    )
    newsletter_url = models.URLField(_("newsletter link"), blank=True)
    footer_text_sv = models.TextField(_("footer text (Swedish)"), blank=True, max_length=600)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True, max_length=600)
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every page's footer, in the visitor's language."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("chat_url"), FieldPanel("newsletter_url")],
            heading=_("Contact"),
        ),
        InlinePanel("social_links", heading=_("Social links"), label=_("Social link")),
        MultiFieldPanel(
            [
                FieldPanel("footer_text_sv"),
                FieldPanel("footer_text_en"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def footer_text(self, language_code):
        if language_code == "en":
            return self.footer_text_en or self.footer_text_sv
        return self.footer_text_sv


class SocialLink(Ordered):
    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. Mastodon, LinkedIn"))
    url = models.URLField(_("address"))

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name
