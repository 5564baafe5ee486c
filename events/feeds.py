"""Calendar feeds: which events a feed holds, as calendar records, and the feed views.

The builder is pure (`events.ical`); HTTP caching (ETag, Last-Modified, 304, the server-side
cache) is `events.feed_cache`. This module is the seam between them and the site:

* `calendar_events(queryset, request)` turns an `EventQuerySet` into `CalendarEvent` records
  (a series followed by its changed sessions) in a constant number of queries (events, tags,
  exception dates, changed sessions, organiser pages), reading
  plain values rather than model instances so a 5000-event feed stays cheap;
* `build_organiser_feed()` picks an organiser's events (`feed_events()`, the feed window,
  the filter of `events.filters`) and builds its feed;
* `serve_organiser_feed()` and `serve_event_ics()` are the views behind `<page>calendar.ics`
  and `<event>event.ics`.
"""

import datetime as dt
import gc
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import replace

from django.db.models import FloatField, Value
from django.db.models.functions import Cast, Coalesce
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.models import Page

from events.feed_cache import (
    EVENT_CACHE_CONTROL,
    CachedFeed,
    body_etag,
    cached_feed,
    calendar_response,
    feed_generation,
    feed_response,
    generation_time,
    requested_filter,
)
from events.filters import MAX_VALUES, EventFilter, organiser_scope_names
from events.ical import (
    STATUS_CANCELLED,
    STATUS_CONFIRMED,
    STATUS_TENTATIVE,
    CalendarEvent,
    calendar_feed,
    event_calendar,
)
from events.localtime import combine, to_local
from hub.models.querysets import private_condition
from hub.tags import shown_name as shown_tag_name

_ROW_FIELDS = (
    "pk",
    "path",
    "url_path",
    "title",
    "uid",
    "sequence",
    "all_day",
    "starts_at",
    "ends_at",
    "rrule",
    "status",
    "status_note",
    "date_description",
    "introduction",
    "listing_summary",
    "search_description",
    "venue_name",
    "address",
    "online_url",
    "registration_url",
    "first_published_at",
)


# --- from pages to calendar records -------------------------------------------------------


class PageUrls:
    """Full page URLs for many pages of one tree, without a URL reverse per page.

    Wagtail's `get_full_url()` costs a reverse() per page; every page below `anchor` shares
    the anchor's URL prefix, so its URL is that prefix plus the rest of its url_path.
    """

    def __init__(self, anchor, request=None):
        self.request = request
        self.anchor_path = anchor.url_path if anchor else None
        self.anchor_url = anchor.get_full_url(request) if anchor else None

    def __call__(self, url_path, pk=None):
        if self.anchor_url and url_path.startswith(self.anchor_path):
            return self.anchor_url + url_path[len(self.anchor_path) :]
        page = Page.objects.filter(pk=pk).first() if pk else None
        return (page.get_full_url(self.request) or "") if page else ""


def tree_root(page):
    """The top page of `page`'s language tree (the home page of its locale)."""
    return Page.objects.filter(path=page.path[: 2 * Page.steplen]).first()


class _Words:
    """The few translated words a feed uses, looked up once per feed (not once per event)."""

    def __init__(self):
        self.status = {
            "cancelled": (STATUS_CANCELLED, gettext("Cancelled")),
            "postponed": (STATUS_TENTATIVE, gettext("Postponed")),
        }
        self.online = gettext("Online: %(url)s")
        self.registration = gettext("Registration: %(url)s")

    def description(self, row, status_label):
        # The free-text date ("every other Tuesday during spring") comes first: it is what
        # people look for next to the time their calendar already shows.
        parts = [row["date_description"].strip()] if row["date_description"] else []
        if status_label:
            note = row["status_note"]
            parts.append(f"{status_label}: {note}" if note else f"{status_label}.")
        text = row["introduction"] or row["listing_summary"] or row["search_description"]
        if text:
            parts.append(text.strip())
        if row["online_url"]:
            parts.append(self.online % {"url": row["online_url"]})
        if row["registration_url"]:
            parts.append(self.registration % {"url": row["registration_url"]})
        return "\n\n".join(parts)


def _organiser(page, urls):
    if page is None:
        return "", ""
    name = page.organiser_name() if hasattr(page, "organiser_name") else page.title
    email = page.organiser_email() if hasattr(page, "organiser_email") else ""
    uri = f"mailto:{email}" if email else urls(page.url_path, page.pk)
    return name, uri


def _grouped(pairs):
    """{key: [value, ...]} from (key, value) pairs, in their order."""
    grouped = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def calendar_events(events, request=None, anchor=None):
    """`CalendarEvent` records for an EventQuerySet, in a constant number of queries.

    `anchor` is a page above all the events (default: the tree root of the first event),
    used to build their URLs cheaply.
    """
    from events.models import EventPageTag

    rows = list(
        events.order_by("starts_at", "pk").values(
            *_ROW_FIELDS,
            modified=Coalesce("last_published_at", "latest_revision_created_at"),
            lat=Cast("latitude", FloatField()),
            lon=Cast("longitude", FloatField()),
        )
    )
    if not rows:
        return []
    ids = events.values("pk")
    categories = _grouped(
        (pk, shown_tag_name(name, name_en))  # English names in the English feeds
        for pk, name, name_en in EventPageTag.objects.filter(content_object_id__in=ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name", "tag__label__name_en")
    )
    skipped, changed = _series_changes(ids)
    parent_paths = {row["path"][: -Page.steplen] for row in rows}
    parents = {page.path: page for page in Page.objects.filter(path__in=parent_paths).specific()}
    if anchor is None:
        anchor = tree_root(Page(path=rows[0]["path"]))
    urls = PageUrls(anchor, request)
    organisers = {path: _organiser(page, urls) for path, page in parents.items()}

    words = _Words()
    confirmed = (STATUS_CONFIRMED, "")
    result = []
    for row in rows:
        status, status_label = words.status.get(row["status"], confirmed)
        url = urls(row["url_path"], row["pk"])
        # Dates and local times are read back from the stored instants (all-day events
        # start and end at local midnight), which saves converting three more columns.
        if row["all_day"]:
            start = to_local(row["starts_at"]).date()
            end = to_local(row["ends_at"]).date()
            exdates = tuple(skipped.get(row["pk"], ()))
        else:
            start, end = row["starts_at"], row["ends_at"]
            days = skipped.get(row["pk"])
            exdates = ()
            if days:
                at = to_local(start).time()
                exdates = tuple(combine(day, at) for day in days)
        location = _location(row)
        geo = None
        if row["lat"] is not None and row["lon"] is not None:
            geo = (row["lat"], row["lon"])
        organizer_name, organizer_uri = organisers.get(row["path"][: -Page.steplen], ("", ""))
        summary = row["title"]
        if status_label:
            summary = f"{status_label}: {summary}"
        master = CalendarEvent(
            uid=row["uid"],
            summary=summary,
            start=start,
            end=end,
            url=url,
            description=words.description(row, status_label),
            sequence=row["sequence"],
            rrule=row["rrule"],
            exdates=exdates if row["rrule"] else (),
            status=status,
            location=location,
            geo=geo,
            categories=tuple(categories.get(row["pk"], ())),
            organizer_name=organizer_name,
            organizer_uri=organizer_uri,
            created=row["first_published_at"],
            last_modified=row["modified"],
        )
        result.append(master)
        if row["rrule"]:
            # A date without a session has no session to change (the editor refuses both).
            off = set(skipped.get(row["pk"], ()))
            for override in changed.get(row["pk"], ()):
                if override.original_date not in off:
                    result.append(_changed_session(master, row, override, words, status_label))
    return result


def _changed_session(master, row, override, words, status_label):
    """The RECURRENCE-ID record of one changed session of the series `master`."""
    if master.all_day:
        original_start = combine(override.original_date, dt.time.min)
        days = master.end - master.start
        original_end = combine(override.original_date + days, dt.time.min)
        recurrence_id = override.original_date
    else:
        original_start = combine(override.original_date, to_local(row["starts_at"]).time())
        original_end = original_start + (row["ends_at"] - row["starts_at"])
        recurrence_id = original_start
    start, end = override.span(original_start, original_end, master.all_day)
    if master.all_day:
        start, end = to_local(start).date(), to_local(end).date()
    status, label = master.status, status_label
    if override.cancelled:
        status, label = words.status["cancelled"]
    changed_row = {
        **row,
        "status_note": override.note or (row["status_note"] if not override.cancelled else ""),
        "venue_name": override.venue_name or row["venue_name"],
        "address": override.address or row["address"],
        "online_url": override.online_url or row["online_url"],
    }
    if not label and override.note:
        # A moved or relocated session: its note leads the description.
        description = f"{override.note}\n\n{words.description(changed_row, '')}".strip()
    else:
        description = words.description(changed_row, label)
    summary = override.title or row["title"]
    return replace(
        master,
        summary=f"{label}: {summary}" if label else summary,
        start=start,
        end=end,
        recurrence_id=recurrence_id,
        sequence=override.sequence,
        rrule="",
        exdates=(),
        status=status,
        description=description,
        location=_location(changed_row),
        # Coordinates belong to the series' venue, not to another one.
        geo=master.geo if not (override.venue_name or override.address) else None,
    )


def _location(row):
    return (
        ", ".join(part for part in (row["venue_name"], " ".join(row["address"].split())) if part)
        or row["online_url"]
    )


_OVERRIDE_FIELDS = (
    "cancelled",
    "note",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "title",
    "venue_name",
    "address",
    "online_url",
    "sequence",
)


def _series_changes(ids):
    """({event id: [exception date, ...]}, {event id: [EventOccurrenceOverride, ...]}) for
    the events `ids` (a subquery), in date order: both in one query (UNION ALL), so changed
    sessions cost a feed no query more than exception dates alone did."""
    from events.models import EventExceptionDate, EventOccurrenceOverride

    padding = {
        name: Value(None, output_field=EventOccurrenceOverride._meta.get_field(name))
        for name in _OVERRIDE_FIELDS
    }
    # Both models order by date; a compound query allows no ORDER BY in its parts.
    changes = (
        EventOccurrenceOverride.objects.filter(event_id__in=ids)
        .order_by()
        .values_list("event_id", "original_date", Value(True), *_OVERRIDE_FIELDS)
    )
    exceptions = (
        EventExceptionDate.objects.filter(event_id__in=ids)
        .order_by()
        .annotate(**{f"x_{name}": value for name, value in padding.items()})
        .values_list("event_id", "date", Value(False), *(f"x_{name}" for name in padding))
    )
    skipped, changed = defaultdict(list), defaultdict(list)
    for event_id, day, is_override, *values in sorted(
        changes.union(exceptions, all=True), key=lambda r: (r[1], r[0])
    ):
        if is_override:
            fields = dict(zip(_OVERRIDE_FIELDS, values, strict=True))
            changed[event_id].append(
                EventOccurrenceOverride(event_id=event_id, original_date=day, **fields)
            )
        else:
            skipped[event_id].append(day)
    return skipped, changed


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = True


@contextmanager
def cyclic_gc_paused():
    """Pause Python's cyclic garbage collector while a feed is built.

    A large feed allocates hundreds of thousands of short-lived objects (icalendar values and
    components) that form no reference cycles; meanwhile the cyclic collector would sweep the
    whole heap again and again, which costs about a quarter of the build. Reference counting
    still frees everything as usual; the collector resumes when the last build ends (builds in
    other threads share the pause).
    """
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def build_organiser_feed(request, organiser, event_filter=None):
    """The feed of `organiser` (narrowed by an `EventFilter`) as a `CachedFeed`, uncached."""
    with cyclic_gc_paused():
        return _build_organiser_feed(request, organiser, event_filter or EventFilter())


def is_private(page):
    """Whether `page` is in a private section, in one query (Wagtail's
    `get_view_restrictions()` first loads the ancestors, then the restrictions)."""
    return Page.objects.filter(pk=page.pk).filter(private_condition()).exists()


def _build_organiser_feed(request, organiser, event_filter):
    generation = feed_generation()
    events = event_filter.apply(organiser.feed_events().in_feed_window())
    tag_names = {}
    if event_filter.tags:
        tag_names = dict(Tag.objects.filter(slug__in=event_filter.tags).values_list("slug", "name"))
    records = calendar_events(events, request, anchor=tree_root(organiser))
    link = organiser.feed_link(
        request,
        event_filter,
        organiser_names=organiser_scope_names(event_filter.organisers),
        tag_names=tag_names,
    )
    calendar = calendar_feed(
        records,
        link.title,
        url=organiser.get_full_url(request) or "",
        source=link.url,
        description=organiser.feed_description(),
    )
    body = calendar.to_ical()
    stamps = [generation_time(generation)]
    stamps += [r.last_modified for r in records if r.last_modified]
    if organiser.last_published_at:
        stamps.append(organiser.last_published_at)
    return CachedFeed(
        body=body,
        etag=body_etag(body),
        last_modified=int(max(stamps).timestamp()),
        filename="-".join([organiser.slug, *event_filter.tags])[:100] + ".ics",
        public=not is_private(organiser),
    )


def bad_filter_response():
    """400 for a malformed filter (`events.filters.InvalidFilter`): feeds and JSON lists."""
    return HttpResponseBadRequest(
        f"Filters: organiser=<page id>, tag=<tag slug>, kind=event|talk|lab, at most "
        f"{MAX_VALUES} of each.",
        content_type="text/plain; charset=utf-8",
    )


def serve_organiser_feed(request, organiser):
    """The view behind `<organiser page>calendar.ics` (reached through Wagtail's routing, so
    after its privacy checks)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        event_filter = requested_filter(request)
    except ValueError:
        return bad_filter_response()
    entry = cached_feed(
        request, event_filter, lambda: build_organiser_feed(request, organiser, event_filter)
    )
    return feed_response(request, entry)


def serve_event_ics(request, event):
    """The view behind `<event page>event.ics`: one event, to download and add."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    from events.models import EventPage

    records = calendar_events(
        EventPage.objects.filter(pk=event.pk), request, anchor=tree_root(event)
    )
    if not records:
        return HttpResponseBadRequest("Not an event.", content_type="text/plain; charset=utf-8")
    # The series with its changed sessions, as an event to add rather than a calendar.
    body = event_calendar(records).to_ical()
    stamp = event.last_published_at or event.latest_revision_created_at
    last_modified = int(stamp.timestamp()) if stamp else int(time.time())
    return calendar_response(
        request,
        body,
        etag=body_etag(body),
        last_modified=last_modified,
        filename=f"{event.slug}.ics",
        cache_control=EVENT_CACHE_CONTROL,
        inline=False,
    )
