"""HTTP caching of calendar files: conditional GET, Cache-Control, and the server-side cache.

* Every calendar response carries an `ETag` (a hash of the body) and `Last-Modified`, and
  answers `If-None-Match`/`If-Modified-Since` with `304 Not Modified`.
* Built feeds (`CachedFeed`) are kept in the shared cache (the database or Redis, shared by
  every process and every `manage.py` command, see `hub.settings.services`) under a key made
  of a *generation*, the feed's address (host, path, the filter's canonical query) and
  the language, so `?tag=b&tag=a` and `?tag=a,b` share one entry. `events.signals`
  bumps the generation when something that can appear in a feed changes; old entries are
  then never read again and expire.
* `cached_public_feed()` answers a cached feed of a public page before Wagtail's routing.
* Public feeds and event files carry the same `Cache-Control` as public pages
  (`PAGE_CACHE_MAX_AGE`, `PAGE_CACHE_S_MAXAGE`, see `hub.page_cache`); a feed of a page
  with view restrictions is `private`.

When the cache is down, a bump fails with it: see `bump_feed_generation()`.

Which events a feed holds and how it is built is `events.feeds`.
"""

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.functional import lazy
from django.utils.http import http_date
from django.utils.translation import get_language

from events.filters import EventFilter
from events.localtime import UTC
from hub.page_cache import public_cache_control

logger = logging.getLogger("hub.cache")

# Bounds what no signal invalidates (an event slipping out of the feed window) and how long
# a feed built just before a failed bump can be served.
FEED_CACHE_SECONDS = 10 * 60
# Clients poll; browsers keep a feed for PAGE_CACHE_MAX_AGE, shared caches (a CDN, the
# proxy) for PAGE_CACHE_S_MAXAGE: read when a response is made, so settings apply.
FEED_CACHE_CONTROL = EVENT_CACHE_CONTROL = lazy(public_cache_control, str)()
PRIVATE_CACHE_CONTROL = "private, max-age=0"
GENERATION_KEY = "events:feed-generation"
CONTENT_TYPE = "text/calendar; charset=utf-8"


# --- the generation -----------------------------------------------------------------------

# A bump this process could not make (the cache was down), retried before the generation is
# read again. Per process on purpose: it only remembers work to redo, it serves nothing.
_pending_bump = False


def feed_generation():
    """The current feed generation (a nanosecond timestamp as text)."""
    if _pending_bump:
        bump_feed_generation()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, str(time.time_ns()), None)
        generation = cache.get(GENERATION_KEY) or str(time.time_ns())
    return generation


def bump_feed_generation():
    """Invalidate every cached feed (called from signal handlers); False if the cache is down.

    A failed bump is logged and retried by this process the next time it reads the
    generation; meanwhile feeds cached before it can be served for at most
    `FEED_CACHE_SECONDS`. (While the cache is down nothing is served from it at all, and a
    Redis restarted without its data has no old feeds to serve.)
    """
    global _pending_bump
    done = cache.set(GENERATION_KEY, str(time.time_ns()), None) is not False
    if not done and not _pending_bump:
        logger.error("Could not invalidate cached calendar feeds; retrying on the next read.")
    _pending_bump = not done
    return done


def generation_time(generation):
    """When `generation` began (a feed built in it is at least that recent)."""
    try:
        return dt.datetime.fromtimestamp(int(generation) / 1e9, UTC)
    except (TypeError, ValueError):
        return dt.datetime.now(UTC)


# --- cached feeds -------------------------------------------------------------------------


@dataclass(frozen=True)
class CachedFeed:
    """A built feed and what its responses need: kept in the cache as it is."""

    body: bytes
    etag: str
    last_modified: int
    filename: str
    public: bool


def requested_filter(request):
    """The feed's `EventFilter` (`?organiser=`, `?tag=`, `?kind=`); other parameters are
    ignored. Raises `events.filters.InvalidFilter` (a ValueError) when malformed."""
    return EventFilter.from_query(request.GET, strict=True)


def feed_cache_key(request, event_filter):
    """The cache key of a feed: its canonical address (host, path, filter), language and
    generation."""
    address = f"{request.get_host()}|{request.path}|{event_filter.query_string()}|{get_language()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"events:feed:{feed_generation()}:{digest}"


def cached_feed(request, event_filter, build):
    """The `CachedFeed` for this request: from the cache, or `build()` and cache it."""
    key = feed_cache_key(request, event_filter)
    entry = cache.get(key)
    if entry is None:
        entry = build()
        cache.set(key, entry, FEED_CACHE_SECONDS)
    return entry


def cached_public_feed(request):
    """The response for a cached feed of a public page, or None.

    Called before Wagtail's page routing (see events.urls): a feed that was built for a page
    without view restrictions is answered straight from the cache, 304s included. Anything
    else (first request, private pages, bad parameters) goes through routing as usual.
    Changes that can show in a feed (see events.signals) bump the generation, so an entry
    never outlives the state it was built from.
    """
    if request.method not in ("GET", "HEAD"):
        return None
    try:
        event_filter = requested_filter(request)
    except ValueError:
        return None
    entry = cache.get(feed_cache_key(request, event_filter))
    if entry is None or not entry.public:
        return None
    return feed_response(request, entry)


# --- responses ----------------------------------------------------------------------------


def body_etag(body):
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def calendar_response(request, body, *, etag, last_modified, filename, cache_control, inline):
    """A `text/calendar` response with validators, or a 304 when the client's copy is current.

    `last_modified` is a POSIX timestamp; feeds are `inline`, single events attachments.
    """
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )


def feed_response(request, entry):
    """The response for a `CachedFeed`."""
    return calendar_response(
        request,
        entry.body,
        etag=entry.etag,
        last_modified=entry.last_modified,
        filename=entry.filename,
        cache_control=FEED_CACHE_CONTROL if entry.public else PRIVATE_CACHE_CONTROL,
        inline=True,
    )
