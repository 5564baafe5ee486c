"""Feed cache invalidation.

A feed shows events (their own data and URLs) and their organisers (names, addresses), so
a page published, unpublished, moved or deleted changes feeds when it can be seen in one:

* an event or talk (any `EventPage`), or an organiser (any page with `EventOrganiserMixin`,
  which includes the calendar and the talks index);
* a page above any of those (its slug is part of their URLs; unpublishing it hides them).

Other pages (news, standard pages, partners, projects…) leave cached feeds alone. The rule is
about kinds of pages, not named types: `events` never names other apps' models. Sites, tags
and page view restrictions invalidate too, and so does saving a live event or organiser
directly (code that creates live pages without publishing a revision).

Every path that changes content sends these signals: the admin, a revert (it publishes a
revision), `publish_scheduled`, the importer (inside its transaction: bumped at once and again
on commit), a shell. The generation lives in the shared cache, so a bump made by any of them
is seen by every process on its next request.

Rather than work out which feeds are affected, the handlers bump one generation counter that
is part of every feed's cache key (see `events.feed_cache`): rebuilding a feed is cheap,
serving a stale one is not.
"""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from events.feed_cache import bump_feed_generation
from hub.page_cache import DRAFT_FIELDS, bump_now_and_on_commit


def _feed_page_models():
    from events.models import EventOrganiserMixin, EventPage

    return EventPage, EventOrganiserMixin


def can_appear_in_feeds(page_class):
    """Whether pages of this class are events or organisers (shown in feeds themselves)."""
    return issubclass(page_class, _feed_page_models())


def affects_feeds(page):
    """Whether publishing, unpublishing or moving `page` can change a feed: it is an event
    or an organiser, or it is above one (one query in that last case)."""
    if can_appear_in_feeds(page.specific_class or type(page)):
        return True
    from events.models import EventPage, organiser_models

    return Page.objects.descendant_of(page).type(EventPage, *organiser_models()).exists()


def invalidate_feeds(**kwargs):
    # Bump again once the transaction commits, so that a feed rebuilt meanwhile from the
    # old data does not stay cached under the new generation.
    bump_now_and_on_commit(bump_feed_generation)


def _page_changed(sender, instance, **kwargs):
    if affects_feeds(instance):
        invalidate_feeds()


def _page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if can_appear_in_feeds(sender):
        invalidate_feeds()


def _page_deleted(sender, instance, **kwargs):
    # Deleting a page deletes the pages below it, each with its own signal: the class of
    # each is enough (what was below is gone by now).
    if isinstance(instance, Page) and can_appear_in_feeds(instance.specific_class or sender):
        invalidate_feeds()


def connect():
    from events.suggestion_decisions import connect_decision_signals

    connect_decision_signals()
    page_published.connect(_page_changed, dispatch_uid="events-feeds-published")
    page_unpublished.connect(_page_changed, dispatch_uid="events-feeds-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="events-feeds-moved")
    post_delete.connect(_page_deleted, dispatch_uid="events-feeds-deleted")
    post_save.connect(_page_saved, dispatch_uid="events-feeds-saved")
    from hub.models import TagLabel

    # A tag's English name is a feed's category name.
    for model in (Site, Tag, TagLabel, PageViewRestriction):
        post_save.connect(
            invalidate_feeds, sender=model, dispatch_uid=f"events-feeds-{model.__name__}"
        )
        post_delete.connect(
            invalidate_feeds, sender=model, dispatch_uid=f"events-feeds-{model.__name__}-deleted"
        )
