"""Civic Tech Labs: national and regional lab series whose sessions are child events."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.models.organisers import EventArchiveMixin
from hub.blocks import BodyStreamBlock
from hub.models.pages import BasePage
from labs.blocks import OutcomesStreamBlock
from labs.geo import County
from labs.publishing import PublishingModeMixin

from .common import PartnerOrderable, localize_pages, next_sitting_of_each


class LabIndexPage(BasePage):
    """All labs: the national series first, then the regional ones."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["labs.LabPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lab index")

    def labs(self):
        """The live, public labs below this index: national first, then by title."""
        return (
            LabPage.objects.live()
            .public()
            .child_of(self)
            .select_related("listing_image")
            .prefetch_related("listing_image__renditions")
            .order_by("scope", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        labs = list(self.labs())
        hosts = LabPage.hosts_by_lab(labs, self.locale_id)
        for lab in labs:
            lab.host_list = hosts.get(lab.pk, [])
        context["national_labs"] = [lab for lab in labs if lab.scope == LabPage.Scope.NATIONAL]
        context["regional_labs"] = [lab for lab in labs if lab.scope == LabPage.Scope.REGIONAL]
        return context


class LabPage(PublishingModeMixin, EventArchiveMixin, BasePage):
    """A lab series: a theme, its hosts and what came out of it; sessions are its children.

    Its past sessions are at `<page url>tidigare-evenemang/` (EventArchiveMixin).
    """

    organiser_kind = "lab"
    UPCOMING_LIMIT = 10
    PAST_LIMIT = 5
    archive_template = "labs/past_events_page.html"

    class Scope(models.TextChoices):
        # Stored values sort national before regional.
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")

    scope = models.CharField(
        _("national or regional"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL
    )
    region = models.CharField(
        _("county (län)"),
        max_length=2,
        choices=County.choices,
        blank=True,
        help_text=_("Only for regional labs."),
    )
    theme = models.CharField(
        _("theme"),
        max_length=200,
        help_text=_("What the lab works on, in a few words, e.g. open data in municipalities."),
    )
    introduction = models.TextField(
        _("description"),
        max_length=1000,
        blank=True,
        help_text=_("What the lab is, who it is for, how it works."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    outcomes = StreamField(
        OutcomesStreamBlock(),
        blank=True,
        verbose_name=_("outcomes"),
        help_text=_("What the lab has produced so far: prototypes, reports, methods, projects."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("scope"), FieldPanel("region")]), FieldPanel("theme")],
            heading=_("Scope and theme"),
        ),
        FieldPanel("introduction"),
        InlinePanel("host_partners", heading=_("Hosts"), label=_("Host partner")),
        FieldPanel("body"),
        FieldPanel("outcomes"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("scope"),
        index.FilterField("region"),
    ]
    api_fields = [
        APIField("scope"),
        APIField("region"),
        APIField("theme"),
        APIField("introduction"),
        APIField("body"),
        APIField("outcomes"),
    ]

    parent_page_types = ["labs.LabIndexPage"]
    subpage_types = ["events.EventPage", "events.TalkPage"]

    class Meta:
        verbose_name = _("lab")
        verbose_name_plural = _("labs")

    def __str__(self):
        return self.title

    @property
    def is_regional(self):
        return self.scope == self.Scope.REGIONAL

    def clean(self):
        super().clean()
        if self.scope == self.Scope.REGIONAL and not self.region:
            raise ValidationError({"region": _("A regional lab needs a county (län).")})
        if self.scope == self.Scope.NATIONAL and self.region:
            raise ValidationError(
                {"region": _("A national lab has no county; clear it or make the lab regional.")}
            )

    @staticmethod
    def hosts_by_lab(labs, locale_id):
        """{lab id: [host PartnerPage, ...]} for many labs in two queries."""
        links = list(
            LabHostPartner.objects.filter(page__in=[lab.pk for lab in labs])
            .select_related("partner")
            .order_by("page_id", "sort_order", "pk")
        )
        partners = localize_pages([link.partner for link in links], locale_id)
        hosts = {}
        for link, partner in zip(links, partners, strict=True):
            hosts.setdefault(link.page_id, []).append(partner)
        return hosts

    def host_pages(self):
        return self.hosts_by_lab([self], self.locale_id).get(self.pk, [])

    def sessions(self, now=None):
        """(upcoming, past) occurrences of the lab's sessions, series expanded.

        Upcoming: the next session of each event, soonest first (an ongoing one included).
        Past: the most recent few, each event once (all of them are in the archive).
        """
        upcoming, past = self.upcoming_and_past_events(self.PAST_LIMIT, now, organisers=False)
        upcoming = next_sitting_of_each(upcoming, self.UPCOMING_LIMIT)
        for occurrence in upcoming + past:
            occurrence.event.organiser = self  # sessions are children of the lab
        return upcoming, past

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.serves_archive(request):
            return context
        context["hosts"] = self.host_pages()
        context["upcoming_sessions"], context["past_sessions"] = self.sessions()
        context["archive_url"] = self.archive_url(request)
        return context


class LabHostPartner(PartnerOrderable):
    page = ParentalKey(LabPage, related_name="host_partners", on_delete=models.CASCADE)

    class Meta(PartnerOrderable.Meta):
        verbose_name = _("host partner")
        verbose_name_plural = _("host partners")
