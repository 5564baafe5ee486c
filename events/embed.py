"""Embeds for other sites: an organiser's upcoming events as a framable page and as JSON.

Every organiser page (the calendar, the talks index, a group, a lab) answers, through the
routes of `events.models.organisers.EventOrganiserMixin`:

* `<page>embed/`: a small page of its next occurrences, without the site's header, menu or
  footer, that any site may show in an iframe (`hub.security.allow_framing`); links open the
  hub in the top window. Cached like any public page (`hub.page_cache`).
* `<page>upcoming.json`: the same occurrences as JSON, with `Access-Control-Allow-Origin: *`
  so a site can render them itself; kept in the shared cache under the feed generation
  (`events.feed_cache`), with an ETag and 304s.

Both take the page's filters (`tag`, and on the calendar `kind` and `organiser`) and
`limit` (1 to `MAX_LIMIT`, default `DEFAULT_LIMIT`); a malformed or unknown value is ignored,
never an error. Which events they show is decided in one place, `selected_events()`.
The language is the page's own: the Swedish and English trees have their own addresses.
Each answer costs a constant number of queries, however many events there are.
"""

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language, gettext
from taggit.models import Tag
from wagtail.models import Page, Site

from events.feed_cache import (
    FEED_CACHE_CONTROL,
    FEED_CACHE_SECONDS,
    PRIVATE_CACHE_CONTROL,
    body_etag,
    feed_generation,
    requested_tag,
)
from events.feeds import PageUrls, is_private, tree_root
from events.models.organisers import UPCOMING_HORIZON
from events.models.querysets import KIND_EVENT, KIND_LAB, KIND_TALK
from hub.security import allow_framing

DEFAULT_LIMIT = 5
MAX_LIMIT = 50
EMBED_ROUTE = "embed/"
JSON_FILENAME = "upcoming.json"
EMBED_TEMPLATE = "events/embed.html"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
KINDS = (KIND_EVENT, KIND_TALK, KIND_LAB)


# --- what to show ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """The filters and the limit an embed or a JSON list was asked for (all valid)."""

    tag: str | None = None
    tag_name: str | None = None
    kind: str | None = None
    organiser: Page | None = None
    limit: int = DEFAULT_LIMIT

    def query(self, with_limit=True):
        """The query string that asks for this selection again ("" for the defaults)."""
        pairs = [("tag", self.tag), ("kind", self.kind)]
        pairs.append(("organiser", self.organiser.pk if self.organiser else None))
        if with_limit and self.limit != DEFAULT_LIMIT:
            pairs.append(("limit", self.limit))
        return urlencode([(key, value) for key, value in pairs if value not in (None, "")])


def requested_limit(request):
    """`?limit=` as a number from 1 to MAX_LIMIT (larger ones are capped); DEFAULT_LIMIT
    when absent or not a positive whole number."""
    value = (request.GET.get("limit") or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        return DEFAULT_LIMIT
    return min(int(value), MAX_LIMIT)


def _requested_organiser(request, page):
    value = (request.GET.get("organiser") or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 12:
        return None
    # A live page in the same language; events below it are the ones shown.
    return Page.objects.live().filter(pk=int(value), locale_id=page.locale_id).first()


def selected_events(page, request):
    """(EventQuerySet, Selection): the events `page`'s embed and JSON list show for the
    filters in `request`, the same ones the page's feed (`?tag=`) and the calendar's listing
    (`?kind=`, `?organiser=`) take. Invalid values are ignored.

    The one place that picks events for both views: a shared filter for listings, feeds
    and embeds can replace the body of this function alone.
    """
    events = page.feed_events()
    try:
        tag = requested_tag(request)
    except ValueError:
        tag = None
    tag_name = None
    if tag:
        tag_name = Tag.objects.filter(slug=tag).values_list("name", flat=True).first()
        events = events.tagged(tag)
    kind = request.GET.get("kind")
    if kind in KINDS:
        events = events.of_kind(kind)
    else:
        kind = None
    organiser = _requested_organiser(request, page)
    if organiser is not None:
        events = events.organised_by(organiser)
    selection = Selection(tag, tag_name, kind, organiser, requested_limit(request))
    return events, selection


def upcoming_occurrences(page, request, now=None):
    """(occurrences, Selection): the next `limit` occurrences of the selected events (series
    expanded, ongoing ones included, within about a year), organisers attached."""
    events, selection = selected_events(page, request)
    now = now or timezone.now()
    occurrences = events.next_occurrences(selection.limit, now, UPCOMING_HORIZON)
    return occurrences, selection


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


def embed_url(page, request=None, query=""):
    """The absolute address of `page`'s embed ("" if the page has no URL)."""
    base = page.get_full_url(request)
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
    """The view behind `<organiser page>embed/`: framable by any site."""
    refused = _only_get(request)
    if refused is not None:
        return refused
    occurrences, selection = upcoming_occurrences(page, request)
    feed = page.feed_link(request, tag=selection.tag, tag_name=selection.tag_name)
    page_base_url = page_url = page.get_url(request) or ""
    if selection.query(with_limit=False) and page.organiser_kind == "calendar":
        # The calendar's listing takes the same filters; other pages show all their events.
        page_url += "?" + selection.query(with_limit=False)
    context = {
        "page": page,
        "self": page,
        "items": embed_items(page, occurrences, request, absolute=False),
        "title": feed.title,  # the page's, with the tag when filtered by one
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


def upcoming_data(page, request, now=None):
    """The JSON list of `page`'s upcoming occurrences for `request`'s filters, as a dict."""
    occurrences, selection = upcoming_occurrences(page, request, now)
    feed = page.feed_link(request, tag=selection.tag, tag_name=selection.tag_name)
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


def _json_cache_key(request, selection_query):
    # Only what selects the content is in the key, so junk parameters share an entry.
    address = f"{request.get_host()}|{request.path}|{selection_query}|{get_language()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"events:upcoming:{feed_generation()}:{digest}"


def _build_list(page, request):
    data = upcoming_data(page, request)
    body = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return CachedList(body=body, etag=body_etag(body), public=not is_private(page))


def _selection_key_query(request):
    """The selecting parameters as they were sent (validated when the list is built)."""
    pairs = [(name, request.GET.get(name, "")) for name in ("tag", "kind", "organiser", "limit")]
    return urlencode(pairs)


def serve_upcoming_json(request, page):
    """The view behind `<organiser page>upcoming.json`."""
    refused = _only_get(request)
    if refused is not None:
        return refused
    key = _json_cache_key(request, _selection_key_query(request))
    entry = cache.get(key)
    if entry is None:
        entry = _build_list(page, request)
        cache.set(key, entry, FEED_CACHE_SECONDS)
    response = HttpResponse(entry.body, content_type=JSON_CONTENT_TYPE)
    response["ETag"] = entry.etag
    response["Cache-Control"] = FEED_CACHE_CONTROL if entry.public else PRIVATE_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response = get_conditional_response(request, etag=entry.etag, response=response)
    return allow_any_origin(response)


def listing_query(request):
    """The embed filters of a page's own listing (e.g. the calendar's `?tag=`), checked
    without the database, so a page can offer an embed of what it shows."""
    try:
        pairs = [("tag", requested_tag(request))]
    except ValueError:
        pairs = []
    kind = request.GET.get("kind")
    pairs.append(("kind", kind if kind in KINDS else None))
    organiser = (request.GET.get("organiser") or "").strip()
    pairs.append(("organiser", organiser if organiser.isascii() and organiser.isdigit() else None))
    return urlencode([(key, value) for key, value in pairs if value])


def embed_snippet(page, request):
    """What templates/events/includes/embed_snippet.html needs for an organiser `page`: the
    embed's and the JSON list's addresses (with the listing's filters) and the iframe's title."""
    query = listing_query(request) if request is not None else ""
    return {
        "url": embed_url(page, request, query),
        "json_url": upcoming_json_url(page, request, query),
        "title": gettext("Upcoming events: %(name)s") % {"name": page.feed_title()},
    }
