"""Site-wide page types: home, standard pages, news and partner profiles."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from hub.blocks import BodyStreamBlock

from .mixins import ListingMixin, Ordered
from .querysets import HubPageManager, language_codes, private_condition


def paginate(request, queryset, per_page):
    """Return the requested page of `queryset`; malformed page numbers fall back sensibly."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class BasePage(ListingMixin, Page):
    """Common ground for the project's pages: listing fields on the promote tab."""

    promote_panels = Page.promote_panels + ListingMixin.listing_panels

    objects = HubPageManager()

    class Meta:
        abstract = True


class HomePage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        InlinePanel(
            "featured_projects",
            heading=_("Featured projects"),
            label=_("Featured project"),
            help_text=_("Shown on the home page in this order."),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "hub.StandardPage",
        "hub.NewsIndexPage",
        "hub.PartnerIndexPage",
        # Each app adds its index pages here, one label a line.
        "events.CalendarPage",
        "events.TalkIndexPage",
        "projects.ProjectIndexPage",
        "labs.LocalGroupIndexPage",
        "labs.LabIndexPage",
    ]
    # One home page per locale: the English home is the translation of the Swedish one.
    max_count_per_parent = 2

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction"), APIField("body")]

    latest_news_count = 3

    class Meta:
        verbose_name = _("home page")

    def news_index(self, request=None):
        # No .public(): when the index is private its items are too, and then the home page
        # has no news to link from. With a request, the page chrome has it already.
        if request is not None:
            from hub.templatetags.hub_tags import home_section

            return home_section(request, NewsIndexPage, page=self)
        return NewsIndexPage.objects.child_of(self).live().first()

    def latest_news(self):
        """The newest news items in this home page's language tree."""
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("listing_image")
            .order_by("-date", "-pk")[: self.latest_news_count]
        )

    def get_sitemap_urls(self, request=None):
        """Add the other languages' trees to the sitemap.

        Wagtail's sitemap lists the descendants of the site's root page, which is the
        Swedish home page; the English home page is its sibling (a translation), so its tree
        would be missing. The root home page therefore contributes every live, public page
        of its translations, each through that page's own get_sitemap_urls().
        """
        urls = super().get_sitemap_urls(request)
        if language_codes(request).get(self.locale_id) != settings.LANGUAGE_CODE:
            return urls
        for home in self.get_translations().live().order_by("locale__language_code"):
            pages = (
                home.get_descendants(inclusive=True)
                .live()
                .exclude(private_condition())
                .order_by("path")
                # Specific classes with the generic fields only: no query per page type
                # (get_sitemap_urls needs no more).
                .specific(defer=True)
            )
            for page in pages:
                urls.extend(page.get_sitemap_urls(request))
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = list(self.latest_news())
        context["news_index"] = self.news_index(request) if context["latest_news"] else None
        return context


class HomeFeaturedProject(Ordered):
    """A project the coordinator chose for the home page, in their order."""

    home_page = ParentalKey(HomePage, related_name="featured_projects", on_delete=models.CASCADE)
    project = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    # The projects app narrows this chooser to ProjectPage once it defines it.
    panels = [PageChooserPanel("project", page_type="projects.ProjectPage")]

    class Meta(Ordered.Meta):
        verbose_name = _("featured project")


class StandardPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [APIField("introduction"), APIField("body")]

    parent_page_types = ["hub.HomePage", "hub.StandardPage"]
    subpage_types = ["hub.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def child_pages(self):
        return self.get_children().live().public().order_by("path")


class NewsIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.NewsPage"]
    max_count_per_parent = 1
    page_size = 12

    class Meta:
        verbose_name = _("news index")

    def news_items(self):
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .select_related("listing_image")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_page"] = paginate(request, self.news_items(), self.page_size)
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "hub.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("introduction"),
        APIField("body"),
        APIField("tags"),
    ]

    parent_page_types = ["hub.NewsIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class PartnerIndexPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["hub.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners())
        context["partners"] = partners
        # Grouped by kind, in the order the kinds are declared (coordinator first).
        order = {value: position for position, value in enumerate(PartnerPage.Kind.values)}
        groups = {}
        for partner in sorted(partners, key=lambda p: order.get(p.kind, len(order))):
            groups.setdefault(partner.kind, []).append(partner)
        context["partner_groups"] = [
            (PartnerPage.Kind(kind).label if kind in order else kind, members)
            for kind, members in groups.items()
        ]
        return context

    def partners(self):
        return (
            PartnerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("logo")
            .order_by("title")
        )


class PartnerPage(BasePage):
    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        FUNDER = "funder", _("Funder")
        RESEARCH = "research", _("Research institute or university")
        PUBLIC_SECTOR = "public_sector", _("Public sector")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        BUSINESS = "business", _("Business or cooperative")
        NETWORK = "network", _("Network")

    kind = models.CharField(_("kind of partner"), max_length=20, choices=Kind.choices)
    role = models.CharField(
        _("role in the network"),
        max_length=200,
        blank=True,
        help_text=_("e.g. coordinates the national civic tech platform"),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True, max_length=1000)
    website = models.URLField(_("website"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("role"), FieldPanel("website")],
            heading=_("About the organisation"),
        ),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("role"),
        APIField("logo"),
        APIField("description"),
        APIField("website"),
        APIField("body"),
    ]

    parent_page_types = ["hub.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def contacts(self):
        """People whose organisation is this partner, in whichever language they chose it."""
        from .people import Person

        return (
            Person.objects.filter(organisation_page__translation_key=self.translation_key)
            .select_related("photo")
            .order_by("name")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = list(self.contacts())
        return context
