"""Embeds for other sites: an organiser's upcoming events as a framable page and as JSON.

Every organiser page (the calendar, the talks index, a group, a lab) answers, through the
routes of `events.models.organisers.EventOrganiserMixin`:

* `<page>embed/`: a small page of its next occurrences, without the site's header, menu or
  footer, that any site may show in an iframe (`hub.security.allow_framing`); links open the
  hub in the top window. Cached like any public page (`hub.page_cache`).
* `<page>upcoming.json`: the same occurrences as JSON, with `Access-Control-Allow-Origin: *`
  so a site can render them itself; kept in the shared cache under the feed generation
  (`events.feed_cache`), with an ETag and 304s.

Both take the shared filter of the calendar and the feeds (`events.filters.EventFilter`:
`organiser`, `tag`, `kind`, several values each) and `limit` (1 to `MAX_LIMIT`, default
`DEFAULT_LIMIT`, lenient in both), and show exactly the events of the page's feed with the
same filter (`selected_events()`), named as the feed names itself. Strictness follows the
siblings: the JSON list is a machine interface like the feeds, so a malformed filter answers
400 (`InvalidFilter`); the embed is a page like the calendar, so it drops what it cannot read
and redirects to its canonical address (`Selection.query()`: the filter's canonical query
with the limit), which keys the page cache as the canonical query keys the JSON list's.
The snippet on an organiser page (`embed_snippet()`) embeds what that page shows: on the
calendar, its filter as the listing read it.
The language is the page's own: the Swedish and English trees have their own addresses.
Each answer costs a constant number of queries, however many events there are.
"""

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language, gettext
from taggit.models import Tag
from wagtail.models import Site

from events.feed_cache import (
    FEED_CACHE_CONTROL,
    FEED_CACHE_SECONDS,
    PRIVATE_CACHE_CONTROL,
    body_etag,
    feed_generation,
)
from events.feeds import PageUrls, bad_filter_response, is_private, tree_root
from events.filters import EventFilter, InvalidFilter, organiser_scope_names
from events.models.organisers import UPCOMING_HORIZON
from hub.security import allow_framing

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
EMBED_ROUTE = "embed/"
JSON_FILENAME = "upcoming.json"
EMBED_TEMPLATE = "events/embed.html"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


# --- what to show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """What an embed or a JSON list was asked for: the shared `EventFilter` (organisers,
    tags, kinds) and the embed's own `limit`."""

    event_filter: EventFilter = EventFilter()
    limit: int = DEFAULT_LIMIT

    def query(self, with_limit=True):
        """The canonical query string that asks for this selection again ("" for the
        defaults): the filter's, with `limit` in its alphabetical place when not the default."""
        params = self.event_filter.params()
        if with_limit and self.limit != DEFAULT_LIMIT:
            # sorted() is stable: a parameter's several values keep their canonical order.
            params = sorted([*params, ("limit", str(self.limit))], key=lambda pair: pair[0])
        return urlencode(params)


def requested_limit(request):
    """`?limit=` as a number from 1 to MAX_LIMIT (larger ones are capped); DEFAULT_LIMIT
    when absent or not a positive whole number. Lenient in both views: it only says how
    many to show, never which."""
    value = (request.GET.get("limit") or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        return DEFAULT_LIMIT
    return min(int(value), MAX_LIMIT)


def requested_selection(request, strict):
    """The `Selection` in `request`'s query, without a query to the database. `strict`:
    raise `InvalidFilter` for a malformed filter (the JSON list); otherwise drop it."""
    return Selection(EventFilter.from_query(request.GET, strict=strict), requested_limit(request))


def selected_events(page, selection):
    """The events (an EventQuerySet, not yet run) of `page` that its embed and JSON list
    show for `selection`: exactly those of the page's feed with the same filter."""
    return selection.event_filter.apply(page.feed_events())


def selection_feed(page, request, selection):
    """The `CalendarFeedLink` of `selection`'s feed, named as the feed names itself
    (`events.filters.feed_name`): the embed's heading and the JSON list's name. A query for
    tag names and one (plus one per page type) for organiser names, only when filtered by
    them."""
    event_filter = selection.event_filter
    tag_names = {}
    if event_filter.tags:
        tag_names = dict(Tag.objects.filter(slug__in=event_filter.tags).values_list("slug", "name"))
    return page.feed_link(
        request,
        event_filter,
        organiser_names=organiser_scope_names(event_filter.organisers),
        tag_names=tag_names,
    )


def upcoming_occurrences(page, selection, now=None):
    """The next `limit` occurrences of the selected events (series expanded, ongoing ones
    included, within about a year), organisers attached."""
    now = now or timezone.now()
    return selected_events(page, selection).next_occurrences(selection.limit, now, UPCOMING_HORIZON)


@dataclass(frozen=True)
class EmbedItem:
    """An occurrence with what an embed shows beside it: absolute addresses, the organiser."""

    occurrence: object
    url: str
    organiser_name: str
    organiser_url: str

    @property
    def event(self):
        return self.occurrence.event


class _PageLinks(PageUrls):
    """Like `PageUrls`, but as links within the site (relative when Wagtail makes them so):
    an embed's links resolve against the hub's own address in the frame, whatever name the
    site has in absolute URLs."""

    def __init__(self, anchor, request=None):
        super().__init__(anchor, request)
        self.anchor_url = anchor.get_url(request) if anchor else None


def embed_items(page, occurrences, request, absolute=True):
    """`EmbedItem`s for `occurrences`, with URLs (absolute, or links within the site) built
    without a query per page."""
    urls = (PageUrls if absolute else _PageLinks)(tree_root(page), request)
    # Every event shown is in the page's site (the one Wagtail found for this request); an
    # organiser named after its site (the calendar, the talks index) would otherwise look
    # it up once more, so the count of queries would depend on which events come first.
    site = Site.find_for_request(request) if request is not None else None
    organisers = {}
    items = []
    for occurrence in occurrences:
        event = occurrence.event
        organiser = getattr(event, "organiser", None)
        if organiser is not None and organiser.pk not in organisers:
            if site is not None:
                organiser.get_site = lambda site=site: site
            name = (
                organiser.organiser_name()
                if hasattr(organiser, "organiser_name")
                else organiser.title
            )
            organisers[organiser.pk] = (name, urls(organiser.url_path, organiser.pk))
        name, organiser_url = organisers.get(getattr(organiser, "pk", None), ("", ""))
        items.append(EmbedItem(occurrence, urls(event.url_path, event.pk), name, organiser_url))
    return items


# --- addresses ------------------------------------------------------------------------------


def embed_url(page, request=None, query="", absolute=True):
    """The address of `page`'s embed, absolute or within the site ("" if the page has no
    URL)."""
    base = page.get_full_url(request) if absolute else page.get_url(request)
    if not base:
        return ""
    return base + EMBED_ROUTE + (f"?{query}" if query else "")


def upcoming_json_url(page, request=None, query=""):
    base = page.get_full_url(request)
    if not base:
        return ""
    return base + JSON_FILENAME + (f"?{query}" if query else "")


def allow_any_origin(response):
    """Let scripts on any site read `response` (a feed or a JSON list): public data. Without
    credentials, as `*` implies, so nothing a visitor's cookies unlock is readable."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- the views --------------------------------------------------------------------------------


def _only_get(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None


def serve_embed(request, page):
    """The view behind `<organiser page>embed/`: framable by any site. A malformed filter is
    ignored, as on the calendar page; a query that is not in the canonical form (another
    order, dropped values, a limit beyond the bound) is redirected to it, so that the page
    cache (keyed by the address) holds one copy per selection."""
    refused = _only_get(request)
    if refused is not None:
        return refused
    selection = requested_selection(request, strict=False)
    query = selection.query()
    if request.META.get("QUERY_STRING", "") != query:
        return allow_framing(HttpResponseRedirect(embed_url(page, request, query, absolute=False)))
    occurrences = upcoming_occurrences(page, selection)
    feed = selection_feed(page, request, selection)
    page_base_url = page_url = page.get_url(request) or ""
    listing_query = selection.query(with_limit=False)
    if listing_query and page.organiser_kind == "calendar":
        # The calendar's listing takes the same filters; other pages show all their events.
        page_url += "?" + listing_query
    context = {
        "page": page,
        "self": page,
        "items": embed_items(page, occurrences, request, absolute=False),
        "title": feed.title,  # with the filter's organisers, kinds and topics
        "page_url": page_url,
        "page_base_url": page_base_url,
        "calendar_feed": feed,
    }
    response = render(request, EMBED_TEMPLATE, context)
    return allow_framing(response)


def occurrence_data(item):
    """One occurrence as the JSON list gives it (see docs/calendar-feeds.md)."""
    occurrence, event = item.occurrence, item.event
    return {
        "uid": event.uid,
        "title": event.title,
        "start": occurrence.local_start.isoformat(),
        "end": occurrence.local_end.isoformat(),
        "all_day": bool(occurrence.all_day),
        "status": event.status,
        "status_note": event.status_note,
        "date_description": event.date_description,
        "summary": event.summary,
        "place": {
            "venue": event.venue_name,
            "address": "\n".join(
                line.strip() for line in event.address.splitlines() if line.strip()
            ),
            "online_url": event.online_url,
        },
        "registration_url": event.registration_url,
        "url": item.url,
        "organiser": (
            {"name": item.organiser_name, "url": item.organiser_url}
            if item.organiser_name or item.organiser_url
            else None
        ),
    }


def upcoming_data(page, request, selection, now=None):
    """The JSON list of `page`'s upcoming occurrences for `selection`, as a dict."""
    occurrences = upcoming_occurrences(page, selection, now)
    feed = selection_feed(page, request, selection)
    return {
        "name": feed.title,
        "url": page.get_full_url(request) or "",
        "feed_url": feed.url,
        "embed_url": embed_url(page, request, selection.query()),
        "language": get_language(),
        "occurrences": [occurrence_data(i) for i in embed_items(page, occurrences, request)],
    }


@dataclass(frozen=True)
class CachedList:
    body: bytes
    etag: str
    public: bool


def _json_cache_key(request, selection):
    # The canonical selection: every way of asking for it (order, commas, junk parameters)
    # shares one entry.
    address = f"{request.get_host()}|{request.path}|{selection.query()}|{get_language()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"events:upcoming:{feed_generation()}:{digest}"


def _build_list(page, request, selection):
    data = upcoming_data(page, request, selection)
    body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return CachedList(body=body, etag=body_etag(body), public=not is_private(page))


def serve_upcoming_json(request, page):
    """The view behind `<organiser page>upcoming.json`. A malformed filter answers 400, as a
    feed does: a machine reading the list should learn that it asked for nothing valid."""
    refused = _only_get(request)
    if refused is not None:
        return refused
    try:
        selection = requested_selection(request, strict=True)
    except InvalidFilter:
        return bad_filter_response()
    key = _json_cache_key(request, selection)
    entry = cache.get(key)
    if entry is None:
        entry = _build_list(page, request, selection)
        cache.set(key, entry, FEED_CACHE_SECONDS)
    response = HttpResponse(entry.body, content_type=JSON_CONTENT_TYPE)
    response["ETag"] = entry.etag
    response["Cache-Control"] = FEED_CACHE_CONTROL if entry.public else PRIVATE_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response = get_conditional_response(request, etag=entry.etag, response=response)
    return allow_any_origin(response)


def embed_snippet(page, request, event_filter=None, feed=None):
    """What templates/events/includes/embed_snippet.html needs for an organiser `page`: the
    embed's and the JSON list's addresses and the iframe's title. `event_filter` is what the
    page shows (the calendar's, as its listing read it; none on a group's or a lab's page,
    which show all their events) and `feed` its `CalendarFeedLink`: the embed shows exactly
    what the subscribe box subscribes to."""
    query = Selection(event_filter or EventFilter()).query()
    name = feed.title if feed is not None and event_filter else page.feed_title(request)
    return {
        "url": embed_url(page, request, query),
        "json_url": upcoming_json_url(page, request, query),
        "title": gettext("Upcoming events: %(name)s") % {"name": name},
    }
