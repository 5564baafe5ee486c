"""Feed cache invalidation.

Any page published, unpublished, moved or deleted may change a feed: an event's own data, an
organiser's title, or the URL of every event below a moved page. Rather than work out which
feeds are affected, the handlers bump one generation counter that is part of every feed's
cache key (see `events.feeds`): rebuilding a feed is cheap, serving a stale one is not.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from events.feeds import bump_feed_generation


def invalidate_feeds(**kwargs):
    bump_feed_generation()
    # Bump again once the transaction commits, so that a feed rebuilt meanwhile from the
    # old data does not stay cached under the new generation.
    transaction.on_commit(bump_feed_generation)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate_feeds()


def connect():
    page_published.connect(invalidate_feeds, dispatch_uid="events-feeds-published")
    page_unpublished.connect(invalidate_feeds, dispatch_uid="events-feeds-unpublished")
    post_page_move.connect(invalidate_feeds, dispatch_uid="events-feeds-moved")
    post_delete.connect(_page_deleted, dispatch_uid="events-feeds-deleted")
    for model in (Site, Tag, PageViewRestriction):
        post_save.connect(
            invalidate_feeds, sender=model, dispatch_uid=f"events-feeds-{model.__name__}"
        )
        post_delete.connect(
            invalidate_feeds, sender=model, dispatch_uid=f"events-feeds-{model.__name__}-deleted"
        )
