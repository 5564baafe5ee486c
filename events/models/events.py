"""Events and expert talks."""

import datetime as dt
import hashlib
import json
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format, time_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from events.fields import WeekdaysField
from events.forms import EventPageForm
from events.localtime import UTC, combine, exists, localize, start_of_day, to_local
from events.recurrence import (
    LIMIT_HELP,
    MAX_INTERVAL,
    MAX_OCCURRENCES,
    Frequency,
    MonthlyBy,
    Recurrence,
)
from hub.blocks import BodyStreamBlock
from hub.models.pages import BasePage

from .querysets import KIND_EVENT, KIND_LAB, KIND_TALK, EventPageManager, Occurrence

DEFAULT_DURATION = dt.timedelta(hours=2)
DEFAULT_START_TIME = dt.time(18, 0)
UID_DOMAIN = getattr(settings, "EVENTS_UID_DOMAIN", "civictech.se")

# What raises SEQUENCE when it changes: time, place, recurrence and status.
SCHEDULE_FIELDS = (
    "all_day",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "rrule",
    "status",
    "venue_name",
    "address",
    "latitude",
    "longitude",
    "online_url",
)


def mint_uid():
    """A new calendar UID: random, never derived from the URL or the title."""
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


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
    return [
        FieldPanel("status"),
        FieldPanel("status_note"),
        FieldPanel("all_day"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")], heading=_("Starts")),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")], heading=_("Ends")),
        FieldPanel("date_description"),
        MultiFieldPanel(
            [
                HelpPanel(content=LIMIT_HELP),
                FieldRowPanel([FieldPanel("repeat_frequency"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldPanel("repeat_monthly_by"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                InlinePanel(
                    "exception_dates",
                    heading=_("Dates without a session"),
                    label=_("Date without a session"),
                    help_text=_("Dates in the series on which nothing happens, e.g. holidays."),
                ),
            ],
            heading=_("Repeats"),
        ),
    ]


def event_tabs(what, when, where, more):
    """The event editor: what, when, where, more, then Wagtail's promote and settings tabs."""
    return TabbedInterface(
        [
            ObjectList(what, heading=_("What")),
            ObjectList(when, heading=_("When")),
            ObjectList(where, heading=_("Where")),
            ObjectList(more, heading=_("More")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )


def _place_panels():
    return [
        FieldPanel("venue_name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Map position")),
        FieldPanel("online_url"),
    ]


class EventPage(RoutablePageMixin, BasePage):
    """An event: a meetup, a workshop, a hack day, a lab session.

    Its organiser is the page it sits under (any page with EventOrganiserMixin).
    Time is entered as Stockholm wall-clock dates and times; `starts_at`, `ends_at`,
    `series_ends_at` and `rrule` are derived on save and used by listings and feeds.
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
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("For conferences and hack days: the times are then ignored."),
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        default=DEFAULT_START_TIME,
        help_text=_("Stockholm time."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the event ends on the day it starts."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Stockholm time. Leave empty for two hours after the start."),
    )
    date_description = models.CharField(
        _("date description"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional, e.g. “Every other Tuesday during spring”. Shown next to the date; "
            "the start and end above still decide when the event is in calendars."
        ),
    )
    repeat_frequency = models.CharField(
        _("repeats"), max_length=8, choices=Frequency.choices, default="", blank=True
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL)],
        help_text=_("1 = every day, week, month or year; 2 = every other; and so on."),
    )
    repeat_weekdays = WeekdaysField(
        _("on these weekdays"),
        help_text=_("Weekly series only. Leave empty to repeat on the first date's weekday."),
    )
    repeat_monthly_by = models.CharField(
        _("a monthly series repeats"),
        max_length=8,
        choices=MonthlyBy.choices,
        default=MonthlyBy.DATE,
        help_text=_("Monthly series only."),
    )
    repeat_until = models.DateField(
        _("last date"), null=True, blank=True, help_text=_("The series ends on this date.")
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("or number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OCCURRENCES)],
        help_text=_("Instead of a last date: how many times it happens."),
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

    # More
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where people sign up, if they need to.")
    )

    # Derived on save; never edited.
    uid = models.CharField(
        _("calendar UID"), max_length=255, blank=True, editable=False, db_index=True
    )
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=40, blank=True, editable=False)
    rrule = models.CharField(_("recurrence rule"), max_length=300, blank=True, editable=False)
    starts_at = models.DateTimeField(_("starts at"), null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, editable=False)
    series_ends_at = models.DateTimeField(
        _("series ends at"), null=True, editable=False, db_index=True
    )

    objects = EventPageManager()

    # Copies are new events; translations get their own UID in save() (see docs).
    exclude_fields_in_copy = ["uid", "sequence", "schedule_fingerprint"]

    what_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("tags"),
        FieldPanel("body"),
    ]
    when_panels = _time_panels()
    where_panels = _place_panels()
    more_panels = [FieldPanel("registration_url")]
    edit_handler = event_tabs(what_panels, when_panels, where_panels, more_panels)
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

    # --- schedule -------------------------------------------------------------------------

    @property
    def recurrence(self):
        return Recurrence(
            frequency=self.repeat_frequency or "",
            interval=self.repeat_interval or 1,
            weekdays=tuple(self.repeat_weekdays or ()),
            monthly_by=self.repeat_monthly_by or MonthlyBy.DATE,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    @property
    def is_recurring(self):
        return bool(self.repeat_frequency)

    def _first_start_naive(self):
        if self.all_day or self.start_time is None:
            return dt.datetime.combine(self.start_date, dt.time.min)
        return dt.datetime.combine(self.start_date, self.start_time)

    def normalise_schedule(self):
        """Fill defaults (end = two hours after the start; one-day all-day events) and
        derive the stored instants and the RRULE. Safe to call more than once."""
        if not self.start_date:
            return
        if self.all_day:
            self.start_time = None
            self.end_time = None
            if not self.end_date:
                self.end_date = self.start_date
        elif self.start_time is not None and self.end_time is None:
            end = to_local(combine(self.start_date, self.start_time) + DEFAULT_DURATION)
            self.end_date, self.end_time = end.date(), end.time()
        elif self.end_time is not None and not self.end_date:
            self.end_date = self.start_date
        if not self.repeat_frequency:
            self.repeat_weekdays = []
        self._derive()

    def _derive(self):
        if self.all_day:
            self.starts_at = start_of_day(self.start_date)
            self.ends_at = start_of_day((self.end_date or self.start_date) + dt.timedelta(days=1))
        elif self.start_time is not None and self.end_time is not None:
            self.starts_at = combine(self.start_date, self.start_time)
            self.ends_at = combine(self.end_date or self.start_date, self.end_time)
        else:
            return
        recurrence = self.recurrence
        if recurrence.repeats and not recurrence.errors(self._first_start_naive()):
            self.rrule = recurrence.to_ical(self.start_date, self.all_day)
            last = recurrence.starts(self._first_start_naive())[-1]
            self.series_ends_at = self._occurrence_end(localize(last))
        else:
            self.rrule = ""
            self.series_ends_at = self.ends_at

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    def _occurrence_end(self, start):
        if self.all_day:
            days = to_local(self.ends_at).date() - to_local(self.starts_at).date()
            return start_of_day(to_local(start).date() + days)
        # Same exact duration for every occurrence (RFC 5545 3.8.5.3).
        return (start.astimezone(UTC) + self.duration).astimezone(start.tzinfo)

    def schedule_errors(self):
        """{field: message} for the time fields; empty when they make sense."""
        errors = {}
        if not self.start_date:
            return errors
        if not self.all_day:
            if self.start_time is None:
                errors["start_time"] = gettext("Give a start time, or tick “All day”.")
            for date_field, time_field in (("start_date", "start_time"), ("end_date", "end_time")):
                day = getattr(self, date_field) or self.start_date
                time = getattr(self, time_field)
                if time is not None and not exists(day, time):
                    errors[time_field] = gettext(
                        "%(time)s does not exist on %(date)s in Swedish time: the clocks go "
                        "forward that night. Choose another time."
                    ) % {"time": time_format(time, "H:i"), "date": date_format(day, "j F Y")}
        if errors:
            return errors
        if self.all_day:
            if self.end_date and self.end_date < self.start_date:
                errors["end_date"] = gettext(
                    "The last day (%(end)s) is before the first day (%(start)s)."
                ) % {
                    "end": date_format(self.end_date, "j F Y"),
                    "start": date_format(self.start_date, "j F Y"),
                }
        elif self.end_time is not None:
            start = combine(self.start_date, self.start_time)
            end = combine(self.end_date or self.start_date, self.end_time)
            if end <= start:
                errors["end_time"] = gettext(
                    "The event must end after it starts. It now ends %(end)s but starts %(start)s."
                ) % {
                    "end": date_format(to_local(end), "j F Y H:i"),
                    "start": date_format(to_local(start), "j F Y H:i"),
                }
        if errors:
            return errors
        errors.update(self.recurrence.errors(self._first_start_naive()))
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = gettext(
                "Give both latitude and longitude, or neither."
            )
        return errors

    def invalid_exception_dates(self, dates):
        """Those of `dates` that are not dates of this series (all, if it does not repeat)."""
        if not self.is_recurring or not self.start_date:
            return set(dates)
        series_days = {start.date() for start in self.recurrence.starts(self._first_start_naive())}
        return {day for day in dates if day not in series_days}

    def clean(self):
        super().clean()
        self.normalise_schedule()
        errors = self.schedule_errors()
        if errors:
            raise ValidationError(errors)

    # --- identity and SEQUENCE ------------------------------------------------------------------

    def _schedule_fingerprint(self):
        def normal(name):
            value = getattr(self, name)
            if name in ("latitude", "longitude") and value not in (None, ""):
                return f"{float(value):.6f}"  # "57.7", 57.7 and Decimal("57.700000") alike
            return str(value if value is not None else "")

        values = [normal(name) for name in SCHEDULE_FIELDS]
        values.append(",".join(sorted(str(x.date) for x in self.exception_dates.all())))
        return hashlib.sha1(json.dumps(values).encode(), usedforsecurity=False).hexdigest()

    def _assign_uid(self):
        """Mint a UID once. A translation derives its own from the original's UID
        ("<uuid>-en@domain"): the same event, but a distinct UID per language feed, because
        some clients (Google) merge or drop same-UID events across subscribed calendars."""
        if self.uid:
            return
        source = (
            EventPage.objects.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(uid="")
            .filter(alias_of__isnull=True)
            .order_by("pk")
            .values_list("uid", flat=True)
            .first()
        )
        if source:
            local, _sep, domain = source.partition("@")
            self.uid = f"{local}-{self.locale.language_code}@{domain or UID_DOMAIN}"
        else:
            self.uid = mint_uid()

    def _track_sequence(self):
        """Raise SEQUENCE when a publication changes time, place, recurrence or status.

        Compared with what was last published (kept as a fingerprint on the row), never
        with the revision being published, which may carry stale counters.
        """
        stored = (
            EventPage.objects.filter(pk=self.pk).values("sequence", "schedule_fingerprint").first()
            if self.pk
            else None
        ) or {"sequence": 0, "schedule_fingerprint": ""}
        self.sequence = stored["sequence"]
        self.schedule_fingerprint = stored["schedule_fingerprint"]
        if not self.live:
            return
        fingerprint = self._schedule_fingerprint()
        if stored["schedule_fingerprint"] and stored["schedule_fingerprint"] != fingerprint:
            self.sequence += 1
        self.schedule_fingerprint = fingerprint

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.normalise_schedule()
            self._assign_uid()
            self._track_sequence()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # Publishing or reverting to an old revision never changes the calendar identity.
        obj = super().with_content_json(content)
        if self.uid:
            obj.uid = self.uid
        obj.sequence = self.sequence
        obj.schedule_fingerprint = self.schedule_fingerprint
        return obj

    # --- occurrences ---------------------------------------------------------------------------

    @cached_property
    def _series_starts(self):
        return [localize(naive) for naive in self.recurrence.starts(self._first_start_naive())]

    def occurrences(self, start=None, end=None):
        """Occurrences overlapping [start, end) (either side may be None), in order."""
        if self.starts_at is None:
            return []
        if not self.rrule:
            candidates = [self.starts_at]
        else:
            skipped = {x.date for x in self.exception_dates.all()}
            candidates = [s for s in self._series_starts if to_local(s).date() not in skipped]
        result = []
        for occ_start in candidates:
            if end is not None and occ_start >= end:
                break
            occ_end = self._occurrence_end(occ_start) if self.rrule else self.ends_at
            if start is None or occ_end > start:
                result.append(Occurrence(self, occ_start, occ_end))
        return result

    def next_occurrence(self, now=None):
        from django.utils import timezone

        upcoming = self.occurrences(now or timezone.now())
        return upcoming[0] if upcoming else None

    def exdates(self):
        """EXDATE values: dates (all-day) or the aware starts of the skipped occurrences."""
        days = sorted(x.date for x in self.exception_dates.all())
        if self.all_day:
            return days
        return [combine(day, self.start_time) for day in days]

    def recurrence_text(self):
        return self.recurrence.describe(self.start_date) if self.is_recurring else ""

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

    def display_occurrence(self, now=None):
        """The sitting to show first: the next one, or else the most recent one."""
        upcoming = self.next_occurrence(now)
        if upcoming:
            return upcoming
        everything = self.occurrences()
        return everything[-1] if everything else None

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from events.jsonld import event_jsonld

        context = super().get_context(request, *args, **kwargs)
        if self.starts_at is None:
            self.normalise_schedule()  # a preview of an event that was never saved
        now = timezone.now()
        organiser = self.get_organiser()
        context["organiser"] = organiser
        context["organiser_feed"] = (
            organiser.feed_link(request) if hasattr(organiser, "feed_link") else None
        )
        context["ics_url"] = self.ics_url(request)
        context["next_occurrence"] = self.display_occurrence(now)
        context["upcoming_occurrences"] = self.occurrences(now)[:10] if self.rrule else []
        context["jsonld"] = event_jsonld(self, request)
        return context

    def ics_url(self, request=None):
        return (self.get_url(request) or "") + "event.ics"

    @re_path(r"^event\.ics/$", name="event_ics")
    def event_ics_view(self, request):
        from events.feeds import serve_event_ics

        return serve_event_ics(request, self)


def _talk_content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(TalkPage).pk


class TalkPage(EventPage):
    """An expert talk: an event with speakers, a recording and slides."""

    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("A YouTube, Vimeo or PeerTube address is shown as a player; others as a link."),
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventPageManager()

    what_panels = [
        *EventPage.what_panels[:2],
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker"), min_num=0),
        FieldPanel("recording_url"),
        FieldPanel("slides"),
        *EventPage.what_panels[2:],
    ]
    edit_handler = event_tabs(
        what_panels, EventPage.when_panels, EventPage.where_panels, EventPage.more_panels
    )

    api_fields = EventPage.api_fields + [
        APIField("speakers"),
        APIField("recording_url"),
        APIField("slides"),
    ]

    subpage_types = []

    class Meta:
        verbose_name = _("expert talk")
        verbose_name_plural = _("expert talks")

    @property
    def speaker_people(self):
        return [speaker.person for speaker in self.speakers.all()]

    def recording_embed_html(self):
        """The player HTML for the recording, or "" (then the template shows a link)."""
        if not self.recording_url:
            return ""
        from wagtail.embeds.embeds import get_embed
        from wagtail.embeds.exceptions import EmbedException

        try:
            html = get_embed(self.recording_url).html or ""
        except (EmbedException, OSError, ValueError):
            return ""
        if "<iframe" in html and "title=" not in html:
            # Players from oEmbed often lack a title, which screen readers need.
            title = gettext("Recording: %(title)s") % {"title": self.title}
            html = html.replace("<iframe", format_html('<iframe title="{}"', title), 1)
        return html


class TalkSpeaker(Orderable):
    """A speaker at a talk (a Person snippet), in the order the editor chose."""

    page = ParentalKey(TalkPage, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "hub.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]
    api_fields = [
        APIField("person"),
        APIField("name", serializer=serializers.CharField(source="person.name", read_only=True)),
        APIField("role", serializer=serializers.CharField(source="person.role", read_only=True)),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return str(self.person)
