"""Showcases: the coordinator's ordered selection of projects, each with a note."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.blocks import RICH_TEXT_FEATURES
from hub.models.mixins import Ordered
from hub.models.pages import BasePage

from ..forms import ShowcasePageForm
from ..localization import localize_pages


class ShowcasePage(BasePage):
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "items",
            heading=_("Projects"),
            label=_("Project"),
            min_num=1,
            help_text=_("Shown in this order. Drag or use the arrows to reorder."),
        ),
    ]

    base_form_class = ShowcasePageForm
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("showcase")
        verbose_name_plural = _("showcases")

    def entries(self):
        """The chosen projects in the coordinator's order, in the visitor's language.

        Works on previews too: `self.items` then holds the unsaved, in-memory rows.
        Projects that are not live are left out.
        """
        items = [item for item in self.items.select_related("project") if item.project_id]
        projects = localize_pages([item.project for item in items])
        from .project import ProjectPage

        # Reload the localized projects with what their cards show, in one more query.
        cards = ProjectPage.objects.filter(
            pk__in=[page.pk for page in projects.values()]
        ).for_listing().in_bulk()
        entries = []
        for item in items:
            project = projects.get(item.project.translation_key)
            if project is not None and project.pk in cards:
                entries.append({"project": cards[project.pk], "note": item.note})
        return entries

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries()
        return context


class ShowcaseItem(Ordered):
    showcase = ParentalKey(ShowcasePage, related_name="items", on_delete=models.CASCADE)
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="showcase_items",
    )
    note = models.TextField(
        _("editorial note"),
        blank=True,
        max_length=1000,
        help_text=_("Why this project is here: what stands out, what others can learn."),
    )

    panels = [PageChooserPanel("project", page_type="projects.ProjectPage"), FieldPanel("note")]

    class Meta(Ordered.Meta):
        verbose_name = _("showcased project")
        verbose_name_plural = _("showcased projects")
