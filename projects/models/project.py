"""The funded project: who, how much, when, where, and what it produced."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, CharField, F, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from hub.blocks import RICH_TEXT_FEATURES
from hub.models.mixins import Ordered
from hub.models.pages import BasePage
from hub.models.querysets import HubPageQuerySet
from hub.tags import with_labels

from ..api import FundingCallField, ThemesField
from ..blocks import ResultStreamBlock, group_results, load_results
from ..choices import ProjectStatus, Region

#: The funder's reference number (diarienummer) in the form Vinnova and most Swedish
#: funders use: the year the application was registered, a hyphen, five digits.
REFERENCE_NUMBER_RE = re.compile(r"^(19|20)\d{2}-\d{5}$")
validate_reference_number = RegexValidator(
    REFERENCE_NUMBER_RE,
    _("Enter the reference number as year-number with five digits, e.g. 2023-01234."),
    code="invalid_reference_number",
)


def status_expression(today):
    """SQL for a project's effective status on `today` (see `ProjectPage.status`)."""
    return Case(
        When(~Q(status_override=""), then=F("status_override")),
        When(end_date__lt=today, then=Value(ProjectStatus.COMPLETED.value)),
        When(
            Q(start_date__isnull=True) | Q(start_date__gt=today),
            then=Value(ProjectStatus.PLANNED.value),
        ),
        default=Value(ProjectStatus.ONGOING.value),
        output_field=CharField(),
    )


def derive_status(start_date, end_date, today):
    """The status a period implies on `today`; mirrors `status_expression`."""
    if end_date and end_date < today:
        return ProjectStatus.COMPLETED
    if start_date is None or start_date > today:
        return ProjectStatus.PLANNED
    return ProjectStatus.ONGOING


class ProjectPageQuerySet(HubPageQuerySet):
    def with_status(self, today=None):
        """Annotate `current_status`, the effective status, so it can be filtered and counted."""
        return self.annotate(current_status=status_expression(today or timezone.localdate()))

    def with_status_in(self, status, today=None):
        return self.with_status(today).filter(current_status=status)

    def active_in_year(self, year):
        """Projects whose period overlaps the calendar year `year`."""
        return self.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )

    def for_listing(self):
        """Everything a project card shows, in a constant number of queries."""
        return self.select_related(
            "funding_call", "lead_organisation", "listing_image"
        ).prefetch_related(
            # One query for the tags (with their names in both languages), not one for the
            # links and one more for the tags.
            Prefetch("tagged_items", queryset=ProjectPageTag.objects.select_related("tag__label"))
        )

    def load_for_api(self):
        """Evaluate for an API v2 listing: what `api_fields` read, in a constant number of
        queries (called by hub's pages endpoint with the requested page of projects).

        Returns a list. Tags come in name order, partners in the editor's order with their
        pages, and the results' documents with one lookup per result type.
        """
        projects = list(
            self.select_related(
                "locale", "funding_call", "lead_organisation", "lead_organisation__locale"
            ).prefetch_related(
                Prefetch(
                    "tagged_items",
                    queryset=ProjectPageTag.objects.select_related("tag").order_by("tag__name"),
                ),
                Prefetch(
                    "project_partners",
                    queryset=ProjectPartner.objects.select_related("partner", "partner__locale"),
                ),
            )
        )
        load_results(projects, "results")
        return projects


ProjectPageManager = PageManager.from_queryset(ProjectPageQuerySet)


class ProjectPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "projects.ProjectPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ProjectPartner(Ordered):
    """An organisation taking part in a project, in the order the coordinator gives."""

    project = ParentalKey(
        "projects.ProjectPage", related_name="project_partners", on_delete=models.CASCADE
    )
    partner = models.ForeignKey(
        "hub.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    role = models.CharField(
        _("role in the project"), max_length=200, blank=True,
        help_text=_("e.g. research partner, pilot municipality"),
    )

    panels = [PageChooserPanel("partner"), FieldPanel("role")]

    class Meta(Ordered.Meta):
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")


class ProjectContact(Ordered):
    project = ParentalKey(
        "projects.ProjectPage", related_name="project_contacts", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "hub.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="project_contacts",
    )
    role = models.CharField(
        _("role in the project"), max_length=200, blank=True, help_text=_("e.g. project lead")
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Ordered.Meta):
        verbose_name = _("project contact")
        verbose_name_plural = _("project contacts")


class ProjectPage(BasePage):
    """A funded project and the documentation of its results."""

    summary = models.TextField(
        _("summary"), max_length=600,
        help_text=_("What the project does, in one or two sentences. Shown on cards and first."),
    )
    funding_call = models.ForeignKey(
        "projects.FundingCall",
        verbose_name=_("funding call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    reference_number = models.CharField(
        _("reference number (diarienummer)"),
        max_length=20,
        blank=True,
        validators=[validate_reference_number],
        help_text=_("The funder's reference, e.g. 2023-01234."),
    )
    granted_amount = models.PositiveBigIntegerField(
        _("granted amount (SEK)"), null=True, blank=True,
        help_text=_("In whole kronor, e.g. 2500000."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status_override = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        blank=True,
        help_text=_("Leave empty to follow the period: planned before the start, ongoing "
                    "during it, completed after the end. Set it if the project ended early "
                    "or has not started on time."),
    )
    lead_organisation = models.ForeignKey(
        "hub.PartnerPage",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )
    tags = ClusterTaggableManager(
        through=ProjectPageTag, blank=True, verbose_name=_("themes"),
        help_text=_("Shared with events and talks, so one theme finds them all."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    website_url = models.URLField(_("website"), blank=True)
    source_code_url = models.URLField(_("source code"), blank=True)
    chat_url = models.URLField(_("chat"), blank=True)

    purpose = RichTextField(_("purpose and goals"), blank=True, features=RICH_TEXT_FEATURES)
    expected_effects = RichTextField(
        _("expected effects and results"), blank=True, features=RICH_TEXT_FEATURES
    )
    approach = RichTextField(
        _("approach and implementation"), blank=True, features=RICH_TEXT_FEATURES
    )
    lessons_learned = RichTextField(
        _("lessons learned"), blank=True, features=RICH_TEXT_FEATURES
    )
    results = StreamField(
        ResultStreamBlock(), blank=True, verbose_name=_("results"),
        help_text=_("Everything the project produced, one block per result."),
    )

    objects = ProjectPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("funding_call"),
                FieldRowPanel([FieldPanel("reference_number"), FieldPanel("granted_amount")]),
            ],
            heading=_("Funding"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("status_override"),
            ],
            heading=_("Period and status"),
        ),
        FieldPanel("lead_organisation"),
        InlinePanel("project_partners", heading=_("Partners"), label=_("Partner")),
        InlinePanel("project_contacts", heading=_("Contacts"), label=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("tags"), FieldPanel("region")], heading=_("Themes and region")
        ),
        MultiFieldPanel(
            [FieldPanel("website_url"), FieldPanel("source_code_url"), FieldPanel("chat_url")],
            heading=_("Links"),
        ),
    ]
    report_panels = [
        FieldPanel("purpose"),
        FieldPanel("expected_effects"),
        FieldPanel("approach"),
        FieldPanel("lessons_learned"),
    ]
    result_panels = [FieldPanel("results")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Project")),
            ObjectList(report_panels, heading=_("Description")),
            ObjectList(result_panels, heading=_("Results")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("expected_effects"),
        index.SearchField("approach"),
        index.SearchField("lessons_learned"),
        index.SearchField("results"),
        index.SearchField("reference_number"),
        index.FilterField("region"),
        index.FilterField("start_date"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("funder"),
        APIField("funding_call", serializer=FundingCallField()),
        APIField("reference_number"),
        APIField("granted_amount"),
        APIField("currency"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status"),
        APIField("region"),
        APIField("tags", serializer=ThemesField()),
        APIField("lead_organisation"),
        APIField("partners"),
        APIField("links"),
        APIField("purpose"),
        APIField("expected_effects"),
        APIField("approach"),
        APIField("lessons_learned"),
        APIField("results"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def full_clean(self, *args, **kwargs):
        # Pasted references often carry spaces; strip them before the format is validated.
        self.reference_number = (self.reference_number or "").strip()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The project cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    # --- Derived facts ------------------------------------------------------------------

    @property
    def status(self):
        """The effective status: the one set explicitly, else what the period implies today."""
        if self.status_override:
            return ProjectStatus(self.status_override)
        return derive_status(self.start_date, self.end_date, timezone.localdate())

    @property
    def status_is_derived(self):
        return not self.status_override

    def get_status_label(self):
        return self.status.label

    @property
    def funder(self):
        return self.funding_call.funder if self.funding_call_id else ""

    currency = "SEK"

    @property
    def links(self):
        return {
            "website": self.website_url,
            "source_code": self.source_code_url,
            "chat": self.chat_url,
        }

    @property
    def partners(self):
        """Lead organisation and partners for the API: [{id, title, url, role, lead}]."""
        rows = []
        if self.lead_organisation_id:
            rows.append({**_partner_summary(self.lead_organisation), "role": "", "lead": True})
        if "project_partners" in getattr(self, "_prefetched_objects_cache", {}):
            links = self.project_partners.all()  # an API listing prefetched them
        else:
            links = self.project_partners.select_related("partner")
        for link in links:
            rows.append({**_partner_summary(link.partner), "role": link.role, "lead": False})
        return rows

    @cached_property
    def result_groups(self):
        return group_results(self.results)

    @cached_property
    def themes(self):
        """Tags in name order; uses the prefetched `tagged_items` when a listing loaded them."""
        if "tagged_items" in getattr(self, "_prefetched_objects_cache", {}):
            tags = [item.tag for item in self.tagged_items.all()]
        else:
            tags = list(with_labels(self.tags.all()))
        return sorted(tags, key=lambda tag: tag.name.lower())

    # --- Rendering ----------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from ..jsonld import project_json_ld
        from ..localization import localize_pages

        context = super().get_context(request, *args, **kwargs)
        partner_links = list(self.project_partners.select_related("partner"))
        organisations = localize_pages(
            ([self.lead_organisation] if self.lead_organisation_id else [])
            + [link.partner for link in partner_links]
        )
        lead = None
        if self.lead_organisation_id:
            lead = organisations.get(self.lead_organisation.translation_key)
        partners = []
        for link in partner_links:
            partner = organisations.get(link.partner.translation_key)
            if partner is not None and partner != lead:
                partners.append({"page": partner, "role": link.role})
        context.update(
            lead_organisation=lead,
            partners=partners,
            contacts=list(self.project_contacts.select_related("person", "person__photo")),
            result_groups=self.result_groups,
            json_ld=project_json_ld(self, request, lead=lead, partners=partners),
        )
        return context


def _partner_summary(partner):
    return {"id": partner.pk, "title": partner.title, "url": partner.full_url or ""}
