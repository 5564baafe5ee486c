"""Purge the shared front-end cache (Varnish) when published content changes.

Wagtail's `wagtail.contrib.frontend_cache` does the sending (its HTTP backend, configured in
hub/settings/edge.py from FRONTEND_CACHE_URL); this module decides what to send. A publish,
unpublish, move or delete of any page purges, in every language (each translation's own URL,
since their slugs differ):

* the page itself and its fixed sub-routes (its feeds: a `calendar.ics`, an `event.ics`, a
  results catalogue...), found generically from the page's routable routes;
* its ancestors (their listings show it) with their sub-routes, the home page included;
* when the page has a feed route of its own (an event or an organiser), every organiser page
  (a page with `feed_events()`, the events app's organiser contract) and its feeds, since the
  calendar, talk and home listings and the site feed gather events from across the tree.

The edge bans each path with every query string (`?tag=...` feeds, filtered listings), see
deploy/varnish/default.vcl. Purges are sent after the transaction commits, so the edge cannot
fetch the old version again in between; for moves and deletes the old URLs are collected
before the change.

We do not install `wagtail.contrib.frontend_cache` as an app: its own signal handlers purge
only the page's URL, and before the transaction commits.
"""

import logging
import re

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

logger = logging.getLogger(__name__)

# A literal route such as r"^calendar\.ics/$" or "results/": no groups, classes or repeats.
LITERAL_REGEX = re.compile(r"\^?((?:[\w\-]|\\\.)+/?)\$?")


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def literal_routes(page_class):
    """The fixed sub-paths a routable page answers below its URL, e.g. ["calendar.ics"].

    Both the route as written and without its trailing slash are given: the events app serves
    `<page>calendar.ics` as well as Wagtail's `<page>calendar.ics/`."""
    get_urls = getattr(page_class, "get_subpage_urls", None)
    if get_urls is None:
        return []
    paths = []
    for pattern in get_urls():
        route = getattr(pattern.pattern, "_route", None)
        if route is None:
            match = LITERAL_REGEX.fullmatch(str(pattern.pattern))
            route = match.group(1).replace("\\.", ".") if match else None
        if route and "<" not in route:
            paths.append(route)
            if route.endswith("/"):
                paths.append(route.rstrip("/"))
    return paths


def has_feed(page_class):
    return any(path.endswith(".ics") for path in literal_routes(page_class))


def page_urls(page, cache_object):
    """The full URLs of one page: its cached paths and its fixed sub-routes."""
    base = page.get_full_url(cache_object)
    if not base:
        return []
    specific_class = page.specific_class or type(page)
    paths = list(page.specific_deferred.get_cached_paths())
    paths += literal_routes(specific_class)
    return [base + path.lstrip("/") for path in paths]


def organiser_pages():
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and hasattr(model, "feed_events")
    ]
    if not models:
        return Page.objects.none()
    return Page.objects.live().type(*models)


def affected_pages(page):
    """The pages whose URLs change when `page` does (see the module docstring)."""
    pages = {page.pk: page}
    translations = list(page.get_translations().live()) if page.pk else []
    for each in [page, *translations]:
        pages[each.pk] = each
        for ancestor in each.get_ancestors().filter(depth__gt=1):
            pages[ancestor.pk] = ancestor
    for site in Site.objects.select_related("root_page"):
        root = site.root_page
        pages[root.pk] = root
        for translation in root.get_translations().live():
            pages[translation.pk] = translation
    if has_feed(page.specific_class or type(page)):
        for organiser in organiser_pages():
            pages.setdefault(organiser.pk, organiser)
    return pages.values()


def urls_for(page):
    batch = PurgeBatch()
    for each in affected_pages(page):
        batch.add_urls(page_urls(each, batch))
    return batch.urls


def schedule_purge(page):
    """Collect `page`'s affected URLs now and purge them once the transaction commits."""
    if not enabled():
        return
    try:
        urls = urls_for(page)
    except Exception:
        # Purging must never break publishing; the edge then expires the page by s-maxage.
        logger.exception("Could not work out the URLs to purge for page %s", page.pk)
        return

    def purge():
        try:
            PurgeBatch(urls).purge()
        except Exception:
            logger.exception("Purging %d URLs from the front-end cache failed", len(urls))

    transaction.on_commit(purge)


def _changed(sender, instance, **kwargs):
    schedule_purge(instance)


def _deleting(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule_purge(instance)


def connect():
    page_published.connect(_changed, dispatch_uid="hub-purge-published")
    page_unpublished.connect(_changed, dispatch_uid="hub-purge-unpublished")
    # Before a move the old URLs (old parent's listings), after it the new ones.
    pre_page_move.connect(_changed, dispatch_uid="hub-purge-before-move")
    post_page_move.connect(_changed, dispatch_uid="hub-purge-after-move")
    pre_delete.connect(_deleting, dispatch_uid="hub-purge-delete")
