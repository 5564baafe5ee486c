"""Local groups: the network's city chapters, each hosting its own events."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.models.organisers import EventArchiveMixin
from hub.blocks import BodyStreamBlock
from hub.geo import SWEDEN_BOUNDS, map_size, outline_path, project
from hub.models.pages import BasePage
from labs.geo import County
from labs.publishing import PublishingModeMixin

from .common import PartnerOrderable, PersonOrderable, localize_pages, next_sitting_of_each

COORDINATES_HELP = _(
    "Decimal degrees, e.g. 57.70887 and 11.97456 for Göteborg. Used to place the group on the map."
)


def _bounds_message():
    return _(
        "Coordinates must lie within Sweden: latitude %(south)s–%(north)s, "
        "longitude %(west)s–%(east)s."
    ) % {
        "south": SWEDEN_BOUNDS.south,
        "north": SWEDEN_BOUNDS.north,
        "west": SWEDEN_BOUNDS.west,
        "east": SWEDEN_BOUNDS.east,
    }


BOUNDS_MESSAGE = lazy(_bounds_message, str)()


class LocalGroupIndexPage(BasePage):
    """All local groups, on a map of Sweden and in a list."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Shown below the groups, e.g. how to start a group in your city."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["labs.LocalGroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("local group index")

    def groups(self):
        """The live, public groups below this index, by name."""
        return LocalGroupPage.objects.live().public().child_of(self).order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = list(self.groups())
        context["groups"] = groups
        context["group_map"] = group_map(groups)
        return context


def group_map(groups):
    """What the template needs to draw the map: viewBox size, outline and one marker a group.

    Numbers are formatted here, not in the template, so that a locale's decimal comma
    never reaches SVG attributes.
    """
    width, height = map_size()
    markers = []
    for group in groups:
        if not group.has_coordinates:
            continue
        x, y = project(group.latitude, group.longitude)
        # Labels go to the right of a marker, or to its left in the east of the country.
        label_left = x > width * 0.6
        markers.append(
            {
                "group": group,
                "x": f"{x}",
                "y": f"{y}",
                "label_x": f"{round(x - 10 if label_left else x + 10, 1)}",
                "label_anchor": "end" if label_left else "start",
            }
        )
    return {
        "width": f"{width}",
        "height": f"{height}",
        "outline": outline_path(),
        "markers": markers,
    }


class LocalGroupPage(PublishingModeMixin, EventArchiveMixin, BasePage):
    """A city chapter: who runs it, how to reach it, its partners; its events are its children.

    Its past events are at `<page url>tidigare-evenemang/` (EventArchiveMixin).
    """

    organiser_kind = "group"
    UPCOMING_LIMIT = 10
    PAST_LIMIT = 5
    archive_template = "labs/past_events_page.html"

    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("county (län)"), max_length=2, choices=County.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(SWEDEN_BOUNDS.south, message=BOUNDS_MESSAGE),
            MaxValueValidator(SWEDEN_BOUNDS.north, message=BOUNDS_MESSAGE),
        ],
        help_text=COORDINATES_HELP,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(SWEDEN_BOUNDS.west, message=BOUNDS_MESSAGE),
            MaxValueValidator(SWEDEN_BOUNDS.east, message=BOUNDS_MESSAGE),
        ],
    )
    introduction = models.TextField(
        _("description"),
        max_length=600,
        blank=True,
        help_text=_("A few sentences on who the group is and what it does."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("A shared address for the group, shown publicly."),
    )
    chat_link = models.URLField(
        _("chat link"),
        blank=True,
        help_text=_("Where the group talks between events, e.g. a Slack or Matrix invite."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel(
            "organisers",
            heading=_("Organisers"),
            label=_("Organiser"),
            help_text=_("People who run the group, in the order they are shown."),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("chat_link")],
            heading=_("Contact"),
        ),
        InlinePanel("partners", heading=_("Partners"), label=_("Partner")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("city"),
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("region"),
    ]
    api_fields = [
        APIField("city"),
        APIField("region"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("introduction"),
        APIField("contact_email"),
        APIField("chat_link"),
        APIField("body"),
    ]

    parent_page_types = ["labs.LocalGroupIndexPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("local group")
        verbose_name_plural = _("local groups")

    def __str__(self):
        return self.title

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = _("Give both latitude and longitude, or neither.")
        elif (
            self.has_coordinates
            and not SWEDEN_BOUNDS.contains(self.latitude, self.longitude)
            and SWEDEN_BOUNDS.contains(self.longitude, self.latitude)
        ):
            # The field validators already say each value is out of range; say why.
            errors["latitude"] = _("Latitude and longitude look swapped.")
        if errors:
            raise ValidationError(errors)

    def organiser_email(self):
        """The group's public address, used as ORGANIZER in its calendar feed."""
        return self.contact_email

    def feed_scope_name(self):
        # Its feed is "Civic Tech Sweden – Göteborg", not "… – Civic Tech Göteborg".
        return self.city or self.title

    def organiser_people(self):
        # The photo's renditions come along, so the organisers box costs the same queries
        # whatever the number of organisers with photos.
        return list(
            self.organisers.select_related("person__photo").prefetch_related(
                "person__photo__renditions"
            )
        )

    def partner_pages(self):
        partners = [link.partner for link in self.partners.select_related("partner")]
        return localize_pages(partners, self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.serves_archive(request):
            return context
        organisers = self.organiser_people()
        context["organisers"] = organisers
        context["contacts"] = [o for o in organisers if o.is_contact and o.person.public_email]
        context["partners"] = self.partner_pages()
        upcoming, past = self.upcoming_and_past_events(self.PAST_LIMIT, organisers=False)
        for occurrence in upcoming + past:
            occurrence.event.organiser = self  # the group's events are its children
        context["upcoming_events"] = next_sitting_of_each(upcoming, self.UPCOMING_LIMIT)
        context["past_events"] = past
        context["archive_url"] = self.archive_url(request)
        return context


class OrganiserRole(models.TextChoices):
    """A person's role in a group: chosen from a list, so that each language's page shows
    it in its own language ("Other" takes free text, written on each language's page)."""

    CONVENER = "convener", pgettext_lazy("organiser role", "Convener")
    COORDINATOR = "coordinator", pgettext_lazy("organiser role", "Coordinator")
    ORGANISER = "organiser", pgettext_lazy("organiser role", "Organiser")
    CONTACT = "contact", pgettext_lazy("organiser role", "Contact person")
    HOST = "host", pgettext_lazy("organiser role", "Host")
    VOLUNTEER = "volunteer", pgettext_lazy("organiser role", "Volunteer")
    OTHER = "other", pgettext_lazy("organiser role", "Other (write it below)")


class LocalGroupOrganiser(PersonOrderable):
    page = ParentalKey(LocalGroupPage, related_name="organisers", on_delete=models.CASCADE)
    role = models.CharField(
        _("role in the group"),
        max_length=100,
        blank=True,
        choices=OrganiserRole.choices,
        help_text=_("Leave empty to show the person's own role."),
    )
    role_other = models.CharField(
        _("other role"),
        max_length=100,
        blank=True,
        help_text=_("When the role is Other: the role, in this page's language."),
    )
    is_contact = models.BooleanField(
        _("contact person"),
        default=False,
        help_text=_("Listed under contact, with their email if they chose to show it."),
    )

    panels = [
        FieldPanel("person"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_other")]),
        FieldPanel("is_contact"),
    ]

    class Meta(PersonOrderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def clean(self):
        super().clean()
        if self.role == OrganiserRole.OTHER and not self.role_other.strip():
            raise ValidationError({"role_other": _("Write the role, or choose one from the list.")})

    @property
    def role_label(self):
        """The role to show, in the active language: the chosen one, the text written for
        "Other", or else the person's own role."""
        if self.role == OrganiserRole.OTHER and self.role_other:
            return self.role_other
        if self.role and self.role != OrganiserRole.OTHER:
            return self.get_role_display()
        return self.person.localized_role


class LocalGroupPartner(PartnerOrderable):
    page = ParentalKey(LocalGroupPage, related_name="partners", on_delete=models.CASCADE)

    class Meta(PartnerOrderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
