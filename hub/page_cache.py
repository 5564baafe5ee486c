"""Pages that a shared cache may keep, and the application's own page cache.

`PageCacheMiddleware` is the outermost middleware. For a *public* request (GET or HEAD,
no session or messages cookie, no Authorization, not an admin, document or search
address) whose response does not depend on a cookie, a 200 HTML (or XML) answer gets

* `Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_S_MAXAGE`,
  a strong `ETag` (a hash of the body) and `304 Not Modified` for a matching
  `If-None-Match`, and no `Vary: Cookie` (nor `Vary: Accept-Language`: the language is
  the address's prefix, never the header);
* a copy in the shared cache for `PAGE_CACHE_SECONDS`, keyed by scheme, host, full path
  (query string included) and language. The next public request for it is answered
  before sessions, users and the database are looked at.

A response that used the CSRF token, set a cookie, showed messages or was rendered for a
logged-in user or a preview is `private, no-store` with `Vary: Cookie`, and never stored.

Every stored page carries the *content generation* it was rendered in; a hit counts only
when that is still the current one. `connect()` bumps the generation (in the shared cache,
so every process sees it) on any change that can show on a page: see `content_changed`.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import get_language_from_path

GENERATION_KEY = "hub:content-generation"
CACHEABLE_TYPES = (
    "text/html",
    "application/xml",
    "text/xml",
    "application/atom+xml",
    "application/rss+xml",
)
# Headers a stored page is served with again; anything per-request is left out.
_NOT_STORED = {"set-cookie", "x-app-cache"}


# --- the content generation ---------------------------------------------------------------


def _new_generation():
    return str(time.time_ns())


def content_generation(stored=None):
    """The current content generation; created when the shared cache has none."""
    if stored is not None:
        return stored
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation():
    """Make every stored page stale (in every process); False when the cache is down."""
    return cache.set(GENERATION_KEY, _new_generation(), None) is not False


def bump_now_and_on_commit(bump):
    """Call `bump` now and, inside a transaction, once more when it commits (only once).

    The second call matters with Redis: what another process renders between the first
    bump and the commit shows the old content, and must not stay cached under the new
    generation. (With the database cache the bump is part of the transaction itself.)
    """
    bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is bump for entry in connection.run_on_commit
    ):
        transaction.on_commit(bump)


def content_changed(**kwargs):
    """Signal handler: something that can show on a public page changed."""
    bump_now_and_on_commit(bump_content_generation)


# --- which requests and responses are public ----------------------------------------------


def is_public_request(request):
    """Whether the answer to `request` is the same for every anonymous visitor."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_PRIVATE_PREFIXES))


def depends_on_cookie(request, response):
    """Whether `response` was shaped by who asked: CSRF token, cookies, messages, user."""
    if request.META.get("CSRF_COOKIE_USED") or response.cookies:
        return True
    if getattr(request, "is_preview", False):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and (messages.used or getattr(messages, "_queued_messages", None)):
        return True
    user = getattr(request, "_cached_user", None)  # set only when something looked at it
    return bool(user is not None and user.is_authenticated)


def _is_cacheable(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and content_type in CACHEABLE_TYPES
    )


def make_private(response):
    cache_control = response.get("Cache-Control", "")
    if not cache_control or "public" in cache_control:
        response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ("Cookie",))


def drop_vary(response, *names):
    if not response.has_header("Vary"):
        return
    drop = {name.lower() for name in names}
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() not in drop]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def public_cache_control():
    return (
        f"public, max-age={settings.PAGE_CACHE_MAX_AGE}, "
        f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}"
    )


def body_etag(body):
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


# --- the application's page cache ---------------------------------------------------------


def page_cache_key(request):
    """The key of a public page: scheme, host, full path and language; None if unknown."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the middleware below answers 400
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    address = f"{request.scheme}|{host}|{request.get_full_path()}|{language}"
    return f"hub:page:{hashlib.sha256(address.encode()).hexdigest()[:40]}"


def cached_page(request, key):
    """(response or None, the current generation) from one round trip to the cache."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = content_generation(found.get(GENERATION_KEY))
    entry = found.get(key)
    if not entry or generation is None or entry.get("generation") != generation:
        return None, generation
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-App-Cache"] = "hit"
    return response, generation


def store_page(key, generation, response):
    timeout = settings.PAGE_CACHE_SECONDS
    if not timeout or generation is None:
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": headers,
        "body": response.content,
    }
    cache.set(key, entry, timeout)


class PageCacheMiddleware:
    """Public pages: cacheable headers, 304s, and answers from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            # Even what a view called public: a shared cache must not keep an answer given
            # to a session (a page's feed behind a password, say) and hand it to others.
            response = self.get_response(request)
            make_private(response)
            return response

        key = page_cache_key(request) if settings.PAGE_CACHE_SECONDS else None
        generation = None
        if key is not None:
            hit, generation = cached_page(request, key)
            if hit is not None:
                return self._conditional(request, hit)

        response = self.get_response(request)
        if depends_on_cookie(request, response):
            make_private(response)
            return response
        drop_vary(response, "Cookie", "Accept-Language")
        if not _is_cacheable(response):
            return response
        response["Cache-Control"] = public_cache_control()
        if not response.has_header("ETag"):
            response["ETag"] = body_etag(response.content)
        if key is not None:
            store_page(key, generation, response)
            response["X-App-Cache"] = "miss"
        return self._conditional(request, response)

    @staticmethod
    def _conditional(request, response):
        return get_conditional_response(request, etag=response["ETag"], response=response)


# --- what changes pages -------------------------------------------------------------------

# Wagtail's own models whose changes can show on a public page. Renditions, embeds, search
# hits, revisions, logs, locks and workflow states are written while pages are viewed or
# edited and change nothing that is published.
_WAGTAIL_CONTENT = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailredirects.redirect",
    "wagtailsearchpromotions.searchpromotion",
    "taggit.tag",
}
# The site's own apps: every model is content (pages, snippets, settings, inline rows),
# except these, which are written by visitors or by the import bookkeeping.
_SITE_APPS = {"hub", "labs", "events", "projects"}
_NOT_CONTENT = {"events.eventsuggestion", "events.suggestionratecount", "hub.importrecord"}
# Saving a draft or a lock writes these on the live page's row, and Wagtail fills in a
# file's size and hash when it is first shown: nothing public changes.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "comments",
    "locked",
    "locked_at",
    "locked_by",
    "file_size",  # an image or document measured while a page shows it
    "file_hash",
}


def is_content_model(model):
    """Whether saving or deleting an instance of `model` can change a public page."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    meta = model._meta
    label = meta.label_lower
    if issubclass(model, (Page, AbstractImage, AbstractDocument)):
        return True
    if label in _WAGTAIL_CONTENT or meta.app_label == "taggit":
        return True
    return meta.app_label in _SITE_APPS and label not in _NOT_CONTENT


def _model_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not is_content_model(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    content_changed()


def _model_deleted(sender, instance, **kwargs):
    if is_content_model(sender):
        content_changed()


def _m2m_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and is_content_model(sender):
        content_changed()


def connect():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from hub import cache as hub_cache

    hub_cache.connect()
    # Publishing also saves the page (post_save); the Wagtail signals are named too, so a
    # publish that saves nothing new (a revert to the live revision) still counts.
    page_published.connect(content_changed, dispatch_uid="hub-pages-published")
    page_unpublished.connect(content_changed, dispatch_uid="hub-pages-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="hub-pages-moved")
    post_save.connect(_model_saved, dispatch_uid="hub-pages-model-saved")
    post_delete.connect(_model_deleted, dispatch_uid="hub-pages-model-deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="hub-pages-m2m")
