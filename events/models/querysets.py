"""Listing logic for events: which events, and which occurrences of them, a page shows."""

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import ExtractYear, Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageManager

from events.localtime import event_timezone, to_local
from hub.models.querysets import HubPageQuerySet

KIND_EVENT = "event"
KIND_TALK = "talk"
KIND_LAB = "lab"

# How long after an event's end it stays in subscribed calendars.
FEED_KEEP_PAST = dt.timedelta(days=183)
FEED_KEEP_CANCELLED = dt.timedelta(weeks=4)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One sitting of an event: the event itself, or one date of a series.

    `start`/`end` are aware datetimes (for all-day events, local midnights with `end`
    exclusive); `event` is the page, with `organiser` attached by `EventQuerySet.in_window()`.
    A changed session of a series carries its `override` (events.models.overrides) and the
    start it had in the series (`original_start`); its title, place and status then come
    from the override where it says so.
    """

    event: object
    start: dt.datetime
    end: dt.datetime
    override: object = None
    original_start: dt.datetime | None = None

    # --- a changed session ---------------------------------------------------------------

    @property
    def title(self):
        return (self.override and self.override.title) or self.event.title

    @property
    def is_changed(self):
        return self.override is not None

    @property
    def is_moved(self):
        return self.override is not None and self.start != self.original_start

    @property
    def is_cancelled(self):
        """The session is off: the whole event is cancelled, or just this session."""
        return bool(self.override and self.override.cancelled) or self.event.is_cancelled

    @property
    def is_postponed(self):
        return not self.is_cancelled and self.event.is_postponed

    @property
    def note(self):
        return self.override.note if self.override else ""

    @property
    def original_day(self):
        return to_local(self.original_start).date() if self.original_start else None

    @property
    def venue_name(self):
        return (self.override and self.override.venue_name) or self.event.venue_name

    @property
    def address(self):
        return (self.override and self.override.address) or self.event.address

    @property
    def online_url(self):
        return (self.override and self.override.online_url) or self.event.online_url

    @property
    def has_place(self):
        return bool(self.venue_name or self.address)

    @property
    def changes_place(self):
        return bool(self.override and self.override.changes_place)

    def location_text(self):
        parts = [self.venue_name, " ".join(self.address.split())]
        return ", ".join(p for p in parts if p)

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def local_start(self):
        return to_local(self.start)

    @property
    def local_end(self):
        return to_local(self.end)

    @property
    def first_day(self):
        return self.local_start.date()

    @property
    def last_day(self):
        """The last calendar day the occurrence touches (inclusive)."""
        end = self.local_end
        if self.all_day or end.time() == dt.time.min:
            return (end - dt.timedelta(microseconds=1)).date()
        return end.date()

    @property
    def multi_day(self):
        return self.last_day > self.first_day

    def days(self):
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += dt.timedelta(days=1)

    def is_ongoing(self, now=None):
        now = now or timezone.now()
        return self.start <= now < self.end

    @property
    def date_key(self):
        """A stable id for this sitting (used for anchors and the month grid)."""
        return f"{self.event.pk}-{self.local_start:%Y%m%d}"


def organiser_models():
    """Every concrete page model that hosts events (inherits EventOrganiserMixin)."""
    from .organisers import EventOrganiserMixin

    return [
        model
        for model in apps.get_models()
        if issubclass(model, EventOrganiserMixin)
        and issubclass(model, Page)
        and not model._meta.abstract
    ]


def organiser_content_types(kind=None, exclude_kinds=()):
    models = [
        m
        for m in organiser_models()
        if (kind is None or m.organiser_kind == kind) and m.organiser_kind not in exclude_kinds
    ]
    return list(ContentType.objects.get_for_models(*models).values()) if models else []


def _parent_path_expression():
    return Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)


def parent_path(path):
    return path[: -Page.steplen]


def attach_organisers(events):
    """Set `event.organiser` (the specific parent page) on each event, in a constant number
    of queries (one, plus one per organiser page type)."""
    paths = {parent_path(event.path) for event in events}
    if not paths:
        return events
    # Cards read only the organiser's title and URL: deferred specific instances need no
    # query per organiser page type.
    parents = {page.path: page for page in Page.objects.filter(path__in=paths).specific(defer=True)}
    for event in events:
        event.organiser = parents.get(parent_path(event.path))
    return events


class EventQuerySet(HubPageQuerySet):
    """Event pages (EventPage and TalkPage) with listing vocabulary.

    Boundaries: an event (or series) is *upcoming* while it has not ended, so an event
    happening now or later today is upcoming, and it becomes *past* the moment it ends.
    Every event is in exactly one of the two lists.
    """

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(series_ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(series_ends_at__lte=now).order_by("-starts_at", "-pk")

    def overlapping(self, start=None, end=None):
        """Events with at least one sitting that may overlap [start, end).

        `earliest_start_at` is `starts_at` unless a changed session moved before it."""
        qs = self
        if start is not None:
            qs = qs.filter(series_ends_at__gt=start)
        if end is not None:
            qs = qs.filter(earliest_start_at__lt=end)
        return qs

    def originals(self):
        """Leave out aliases (mirrors of an event elsewhere in the tree)."""
        return self.filter(alias_of__isnull=True)

    def tagged(self, slug):
        return self.filter(tagged_items__tag__slug=slug)

    def organised_by(self, page):
        return self.descendant_of(page)

    def in_feed_window(self, now=None):
        """What subscribed calendars receive: everything upcoming, past events for about six
        months, and cancelled ones only for some weeks after they would have happened."""
        from .events import EventStatus

        now = now or timezone.now()
        return self.filter(series_ends_at__gte=now - FEED_KEEP_PAST).exclude(
            status=EventStatus.CANCELLED, series_ends_at__lt=now - FEED_KEEP_CANCELLED
        )

    def _under_kind_q(self, kind):
        types = organiser_content_types(kind)
        if not types:
            return Q(pk__in=[])
        return Q(
            Exists(Page.objects.filter(path=_parent_path_expression(), content_type__in=types))
        )

    def of_kind(self, kind):
        """Filter by kind: "talk" (talk pages), "lab" (events and talks whose organiser is a
        lab) or "event" (other events)."""
        from .talks import TalkPage

        if kind == KIND_TALK:
            return self.type(TalkPage)
        if kind == KIND_LAB:
            return self.filter(self._under_kind_q(KIND_LAB))
        if kind == KIND_EVENT:
            return self.not_type(TalkPage).exclude(self._under_kind_q(KIND_LAB))
        return self

    def for_listing(self):
        return self.prefetch_related("exception_dates")

    def in_window(self, start=None, end=None, *, organisers=True):
        """The occurrences that overlap [start, end), sorted by start.

        Series are expanded (minus their exception dates, with their changed sessions in
        their changed place); `None` leaves a side open, which
        is finite since every series is bounded. Costs a constant number of queries.
        """
        events = list(self.overlapping(start, end).for_listing())
        # Only series have changed sessions: one query, and none when nothing listed repeats.
        prefetch_related_objects([e for e in events if e.rrule], "occurrence_overrides")
        if organisers:
            attach_organisers(events)
        occurrences = []
        for event in events:
            occurrences.extend(event.occurrences(start, end))
        occurrences.sort(key=lambda o: (o.start, o.event.title, o.event.pk))
        return occurrences

    def next_occurrences(self, limit, now=None, horizon=None):
        """The next `limit` occurrences (ongoing ones included), without expanding every
        upcoming event: the `limit`-th next one-off event bounds how far series need to be
        expanded. A constant number of queries; `horizon` caps how far ahead to look."""
        now = now or timezone.now()
        end = now + horizon if horizon else None
        upcoming = self.upcoming(now)
        if end is not None:
            upcoming = upcoming.filter(earliest_start_at__lt=end)
        one_offs = list(
            upcoming.filter(rrule="")
            .order_by("starts_at", "pk")
            .values_list("starts_at", flat=True)[:limit]
        )
        if len(one_offs) == limit:
            end = one_offs[-1] + dt.timedelta(microseconds=1)
        return upcoming.in_window(now, end)[:limit]

    def _recent_bound(self, limit, now):
        """A start from which the `limit` most recently ended events all have a sitting in
        view: just before the `limit`-th most recent end (None: fewer events than that)."""
        ends = list(
            self.filter(earliest_start_at__lt=now, series_ends_at__lte=now)
            .order_by("-series_ends_at", "-pk")
            .values_list("series_ends_at", flat=True)[:limit]
        )
        return ends[-1] - dt.timedelta(microseconds=1) if len(ends) == limit else None

    def last_occurrences(self, limit, now=None, *, organisers=True):
        """The `limit` most recent past sittings, most recent first, each event once (its
        latest sitting): the mirror of `next_occurrences` for "past events" sections.

        The `limit`-th most recently ended event bounds how far back series are expanded,
        so this reads a bounded window, not the whole archive. A constant number of queries.
        """
        return self.around(limit, now, dt.timedelta(0), organisers=organisers)[1]

    def around(self, past_limit, now=None, horizon=None, *, organisers=True):
        """(upcoming, recent): every sitting that has not ended (within `horizon`, soonest
        first) and the `past_limit` most recent ended ones, each event once (most recent
        first), read in one listing query whatever the size of the archive."""
        now = now or timezone.now()
        start = self._recent_bound(past_limit, now)
        end = now + horizon if horizon is not None else None
        occurrences = self.in_window(start, end, organisers=organisers)
        upcoming = [o for o in occurrences if o.end > now]
        seen = set()
        recent = []
        for occurrence in reversed(occurrences):
            if occurrence.end > now or occurrence.event.pk in seen:
                continue
            seen.add(occurrence.event.pk)
            recent.append(occurrence)
            if len(recent) == past_limit:
                break
        return upcoming, recent

    def archive_years(self, now=None):
        """The years (Stockholm time, most recent first) in which a sitting began that has
        ended by `now`. One query, whose rows are (first year, last year) pairs: a handful,
        however many events there are."""
        now = now or timezone.now()
        spans = (
            self.filter(earliest_start_at__lt=now)
            .order_by()
            .values_list(
                ExtractYear("earliest_start_at", tzinfo=event_timezone()),
                # A one-off event's sitting begins in its first year, even if it ends on
                # the next New Year's morning; a series may have sittings in every year
                # up to its end.
                Case(
                    When(rrule="", then=Value(None)),
                    default=ExtractYear("series_ends_at", tzinfo=event_timezone()),
                    output_field=IntegerField(),
                ),
            )
            .distinct()
        )
        last_year = to_local(now).year
        years = set()
        for first, last in spans:
            if first is not None:
                years.update(range(first, min(last or first, last_year) + 1))
        return sorted(years, reverse=True)


class EventPageManager(PageManager.from_queryset(EventQuerySet)):
    pass
