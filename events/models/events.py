"""Event pages: what an event is, where it takes place, and how it shows.

The schedule (`events.models.schedule`) and the calendar identity (`events.models.identity`)
are abstract models that EventPage inherits; expert talks are in `events.models.talks`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from events.forms import EventPageForm
from events.panels import MapPositionPanel, ScheduleSummaryPanel, Tab
from events.recurrence import LIMIT_HELP, SKIPPED_HELP
from hub.blocks import BodyStreamBlock
from hub.models.pages import BasePage

from .identity import CalendarIdentity
from .overrides import track_override_sequences
from .querysets import KIND_EVENT, KIND_LAB, KIND_TALK, EventPageManager
from .schedule import EventSchedule


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")


class EventPageTag(TaggedItemBase):
    """Tags on events and talks (taggit's shared vocabulary, like news and projects)."""

    content_object = ParentalKey(
        "events.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventExceptionDate(models.Model):
    """A date on which a series does not take place (an EXDATE)."""

    event = ParentalKey(
        "events.EventPage", related_name="exception_dates", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("date without a session")
        verbose_name_plural = _("dates without a session")

    def __str__(self):
        return self.date.isoformat()


def _time_panels():
    # Classes name which kind of series a field belongs to: events/static/events/admin.js shows
    # only the fields that apply to the chosen frequency (all of them without JavaScript).
    return [
        FieldPanel("status"),
        FieldPanel("status_note"),
        MultiFieldPanel(
            [
                # Inside a group the checkbox gets a plain label, not a heading with a
                # ticked-box icon that looks like a second, checked box.
                FieldPanel("all_day"),
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("start_time")], heading=_("Starts")
                ),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")], heading=_("Ends")),
            ],
            heading=_("Date and time"),
        ),
        FieldPanel("date_description"),
        MultiFieldPanel(
            [
                HelpPanel(content=LIMIT_HELP),
                FieldRowPanel(
                    [
                        FieldPanel("repeat_frequency"),
                        FieldPanel("repeat_interval", classname="event-repeat-any"),
                    ]
                ),
                FieldPanel("repeat_weekdays", classname="event-repeat-weekly"),
                FieldPanel("repeat_monthly_by", classname="event-repeat-monthly"),
                FieldRowPanel(
                    [FieldPanel("repeat_until"), FieldPanel("repeat_count")],
                    classname="event-repeat-any",
                ),
                InlinePanel(
                    "exception_dates",
                    heading=_("Dates without a session"),
                    label=_("Date without a session"),
                    help_text=SKIPPED_HELP,
                    classname="event-repeat-any",
                ),
                InlinePanel(
                    "occurrence_overrides",
                    heading=_("Changed sessions"),
                    label=_("Changed session"),
                    help_text=_(
                        "One session moved, cancelled (with a note), in another place or under "
                        "another title; the rest of the series stays as it is."
                    ),
                ),
            ],
            heading=_("Repeats"),
            attrs={"data-event-repeat": ""},
        ),
        ScheduleSummaryPanel(heading=_("Summary")),
    ]


def event_tabs(what, when, where, more=()):
    """The event editor: what, when, where (more, if given), then Wagtail's promote and
    settings tabs, with ids that do not depend on the admin's language."""
    tabs = [
        Tab(what, heading=_("What"), name="what"),
        Tab(when, heading=_("When"), name="when"),
        Tab(where, heading=_("Where"), name="where"),
    ]
    if more:
        tabs.append(Tab(more, heading=_("More"), name="more"))
    return TabbedInterface(
        [
            *tabs,
            Tab(BasePage.promote_panels, heading=_("Promote"), name="promote"),
            Tab(Page.settings_panels, heading=_("Settings"), name="settings"),
        ]
    )


def _place_panels():
    # The registration link sits with the place: people look for both next to the date.
    # Coordinates come from a known place or a click on the map; typing them still works.
    return [
        FieldPanel("known_place"),
        FieldPanel("venue_name"),
        FieldPanel("address"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                MapPositionPanel(),
            ],
            heading=_("Map position"),
        ),
        FieldPanel("online_url"),
        FieldPanel("registration_url"),
    ]


class EventPage(RoutablePageMixin, EventSchedule, CalendarIdentity, BasePage):
    """An event: a meetup, a workshop, a hack day, a lab session.

    Its organiser is the page it sits under (any page with EventOrganiserMixin). When it
    happens is `EventSchedule` (events.models.schedule); its calendar UID and SEQUENCE are
    `CalendarIdentity` (events.models.identity); this class adds what, where and how it shows.
    """

    # What
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("A few sentences: shown in listings and in people's calendar apps."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(
        through=EventPageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Topics, shared with projects and news. People can subscribe per tag."),
    )

    # When
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("public note on the status"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Postponed because of the storm; new date in October.”"),
    )

    # Where
    venue_name = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("e.g. Stadsbiblioteket, room 3")
    )
    address = models.TextField(_("address"), blank=True, max_length=500)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 57.706900"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 11.966800"),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Video meeting or stream. Leave the venue empty for an online-only event."),
    )

    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where people sign up, if they need to.")
    )

    objects = EventPageManager()

    what_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    when_panels = _time_panels()
    where_panels = _place_panels()
    edit_handler = event_tabs(what_panels, when_panels, where_panels)
    base_form_class = EventPageForm

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.FilterField("starts_at"),
        index.FilterField("series_ends_at"),
    ]

    api_fields = [
        APIField("introduction"),
        APIField("status"),
        APIField("status_note"),
        APIField("all_day"),
        APIField("start_date"),
        APIField("start_time"),
        APIField("end_date"),
        APIField("end_time"),
        APIField("date_description"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("rrule"),
        APIField("occurrence_overrides"),
        APIField("venue_name"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("online_url"),
        APIField("registration_url"),
        APIField("uid"),
        APIField("tags"),
        APIField("body"),
    ]

    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @classmethod
    def clean_parent_page_models(cls):
        # Any page type with EventOrganiserMixin may host events; events never name them
        # (labs builds on events, not the other way round). Computed on each call because
        # apps register their models after this one.
        from .querysets import organiser_models

        return organiser_models()

    # --- validation and saving -------------------------------------------------------------

    def schedule_errors(self):
        """{field: message} for time, recurrence and map position; empty when they make sense."""
        errors = super().schedule_errors()
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = gettext(
                "Give both latitude and longitude, or neither."
            )
        return errors

    def clean(self):
        super().clean()
        self.normalise_schedule()
        self.cover_overrides()
        errors = self.schedule_errors()
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.normalise_schedule()
            self.cover_overrides()
            self._assign_uid()
            self._track_sequence()
            track_override_sequences(self)
        return super().save(*args, **kwargs)

    # --- presentation ------------------------------------------------------------------------

    @property
    def summary(self):
        return self.listing_summary or self.introduction or self.search_description or ""

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_postponed(self):
        return self.status == EventStatus.POSTPONED

    @property
    def is_online_only(self):
        return bool(self.online_url) and not (self.venue_name or self.address)

    @property
    def has_place(self):
        return bool(self.venue_name or self.address)

    @property
    def coordinates(self):
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    def map_url(self):
        """A link to OpenStreetMap at the coordinates (no tiles or scripts on our pages)."""
        if not self.coordinates:
            return ""
        lat, lon = self.coordinates
        return f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}"

    def location_text(self):
        parts = [self.venue_name, " ".join(self.address.split())]
        return ", ".join(p for p in parts if p)

    @property
    def kind(self):
        """ "talk", "lab" (a session under a lab) or "event"."""
        from .talks import TalkPage

        if isinstance(self, TalkPage) or self.content_type_id == _talk_content_type_id():
            return KIND_TALK
        organiser = getattr(self, "organiser", None)
        if organiser is not None and getattr(organiser, "organiser_kind", None) == KIND_LAB:
            return KIND_LAB
        return KIND_EVENT

    def get_organiser(self):
        if not hasattr(self, "organiser"):
            parent = self.get_parent() if self.path else None
            self.organiser = parent.specific if parent else None
        return self.organiser

    def get_context(self, request, *args, **kwargs):
        from events.jsonld import event_jsonld

        context = super().get_context(request, *args, **kwargs)
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        if self.pk and self.rrule and "exception_dates" not in prefetched:
            # A series' occurrences, summary and JSON-LD each read the skipped dates: one
            # query for all of them (an event that does not repeat reads none).
            prefetch_related_objects([self], "exception_dates")
        if self.starts_at is None:
            self.normalise_schedule()  # a preview of an event that was never saved
        if self.rrule and self.pk and not getattr(request, "is_preview", False):
            # Every occurrence of a series below reads these: one query each, not one per
            # read. (A preview keeps the editor's unsaved rows.)
            prefetch_related_objects([self], "exception_dates", "occurrence_overrides")
        now = timezone.now()
        organiser = self.get_organiser()
        context["organiser"] = organiser
        context["organiser_feed"] = (
            organiser.feed_link(request) if hasattr(organiser, "feed_link") else None
        )
        context["ics_url"] = self.ics_url(request)
        context["next_occurrence"] = self.display_occurrence(now)
        context["upcoming_occurrences"] = self.occurrences(now)[:10] if self.rrule else []
        context["skipped_dates"], context["changed_occurrences"] = self.schedule_changes(now)
        context["jsonld"] = event_jsonld(self, request)
        return context

    def ics_url(self, request=None):
        return (self.get_url(request) or "") + "event.ics"

    @re_path(r"^event\.ics/$", name="event_ics")
    def event_ics_view(self, request):
        from events.feeds import serve_event_ics

        return serve_event_ics(request, self)


def _talk_content_type_id():
    from .talks import TalkPage

    return ContentType.objects.get_for_model(TalkPage).pk
