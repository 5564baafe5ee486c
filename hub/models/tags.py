"""English names for the shared tags.

Tags are one vocabulary across events, talks, projects and news (django-taggit's `Tag`),
named in Swedish, the content's source language. A `TagLabel` gives a tag its English name
for the English pages; the slug, and so every filter value and feed URL, stays the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TagLabel(index.Indexed, models.Model):
    tag = models.OneToOneField(
        Tag,
        verbose_name=_("tag"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="label",
    )
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown on the English pages. Leave empty to show the Swedish name there too."),
    )

    panels = [FieldPanel("tag"), FieldPanel("name_en")]
    search_fields = [
        index.SearchField("name_en"),
        index.AutocompleteField("name_en"),
        index.RelatedFields("tag", [index.SearchField("name"), index.AutocompleteField("name")]),
    ]

    class Meta:
        ordering = ["tag__name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return f"{self.tag.name} / {self.name_en}" if self.name_en else self.tag.name
