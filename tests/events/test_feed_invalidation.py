"""Which page changes invalidate cached feeds: events, organisers and the pages above them do;
pages that cannot appear in any calendar (news, standard pages, partners, projects) do not.

Every change here goes through Wagtail's real publish, unpublish, move, delete, revert and
`publish_scheduled`; a publish inside a transaction (the importer) bumps at once and once
more on commit. Changes from other processes: tests/hub/test_shared_cache.py."""

import pytest
from wagtail.models import Page

from events.factories import EventPageFactory, TalkPageFactory
from events.feed_cache import feed_generation
from hub.factories import (
    NewsPageFactory,
    PartnerPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def feed_path(page):
    return page.url + "calendar.ics"


@pytest.fixture
def cached_feed(client, calendar, django_assert_max_num_queries):
    """The calendar's feed, cached; call it to check it is still answered from the cache."""
    event = EventPageFactory(parent=calendar)
    first = client.get(feed_path(calendar))
    assert first.status_code == 200

    def still_cached():
        with django_assert_max_num_queries(0):  # before routing, from the cache
            response = client.get(feed_path(calendar))
        assert response.status_code == 200
        assert response["ETag"] == first["ETag"]

    still_cached.event = event
    return still_cached


def publish(page):
    page.save_revision().publish()


@pytest.fixture
def other_pages(home):
    from projects.factories import ProjectPageFactory

    return [
        StandardPageFactory(parent=home),
        NewsPageFactory(),
        PartnerPageFactory(),
        ProjectPageFactory(),
    ]


def test_publishing_pages_outside_calendars_keeps_feeds_cached(cached_feed, other_pages):
    generation = feed_generation()
    for page in other_pages:
        page.title += " (ändrad)"
        publish(page)
    assert feed_generation() == generation
    cached_feed()


def test_unpublishing_moving_and_deleting_them_keeps_feeds_cached(
    cached_feed, other_pages, home
):
    generation = feed_generation()
    standard, news, partner, project = other_pages
    news.unpublish()
    partner.unpublish()
    standard.move(Page.objects.get(pk=project.get_parent().pk), pos="last-child")
    project.delete()
    standard.delete()
    assert feed_generation() == generation
    cached_feed()


def test_publishing_an_event_or_talk_invalidates(cached_feed, talk_index):
    generation = feed_generation()
    publish(cached_feed.event)
    assert feed_generation() != generation
    generation = feed_generation()
    publish(TalkPageFactory(parent=talk_index, live=False))
    assert feed_generation() != generation


def test_publishing_organisers_invalidates(cached_feed, calendar, talk_index, home):
    from labs.factories import LocalGroupPageFactory

    group = LocalGroupPageFactory()  # no events yet: its own feed still shows its name
    for organiser in (calendar, talk_index, group):
        generation = feed_generation()
        organiser.title += " (nytt namn)"
        publish(organiser)
        assert feed_generation() != generation, organiser


def test_pages_above_events_or_organisers_invalidate(cached_feed, home):
    from labs.factories import LocalGroupPageFactory

    generation = feed_generation()
    publish(home)  # the events' URLs start with its slug
    assert feed_generation() != generation
    group = LocalGroupPageFactory()
    index = group.get_parent().specific  # not an organiser, but the group's feed is below it
    generation = feed_generation()
    index.slug = "grupper"
    publish(index)
    assert feed_generation() != generation


def test_moving_unpublishing_and_deleting_events_invalidates(cached_feed, talk_index):
    event = cached_feed.event
    for change in (
        lambda: event.move(talk_index, pos="last-child"),
        lambda: Page.objects.get(pk=event.pk).unpublish(),
        lambda: Page.objects.get(pk=event.pk).delete(),
    ):
        generation = feed_generation()
        change()
        assert feed_generation() != generation


def test_deleting_an_organiser_with_its_events_invalidates(client, calendar):
    from labs.factories import LocalGroupPageFactory

    group = LocalGroupPageFactory()
    EventPageFactory(parent=group)
    generation = feed_generation()
    Page.objects.get(pk=group.pk).delete()
    assert feed_generation() != generation


# --- every path that publishes ------------------------------------------------------------


def test_a_revert_invalidates(cached_feed):
    event = cached_feed.event
    first = event.save_revision()
    first.publish()
    event.title = "Nytt namn"
    event.save_revision().publish()
    generation = feed_generation()
    first.as_object().save_revision(previous_revision=first).publish()
    assert feed_generation() != generation


def test_publish_scheduled_invalidates(cached_feed, calendar, client):
    import datetime as dt

    from django.core.management import call_command

    event = EventPageFactory(parent=calendar, title="Schemalagd träff", live=False)
    event.save_revision(approved_go_live_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    generation = feed_generation()
    call_command("publish_scheduled")
    assert feed_generation() != generation
    assert "Schemalagd träff".encode() in client.get(feed_path(calendar)).content


def test_a_publish_inside_a_transaction_bumps_now_and_once_on_commit(cached_feed):
    from django.db import connection, transaction

    from events.feed_cache import bump_feed_generation

    with transaction.atomic():  # what the importer does around a whole import
        generation = feed_generation()
        for title in ("Första", "Andra"):
            cached_feed.event.title = title
            publish(cached_feed.event)
        inside = feed_generation()
        assert inside != generation
    # (The test's own transaction stands in for the import's outermost one.)
    pending = [entry[1] for entry in connection.run_on_commit]
    assert pending.count(bump_feed_generation) == 1
    bump_feed_generation()  # what the commit runs
    assert feed_generation() != inside


def test_live_events_saved_without_a_revision_invalidate_but_drafts_do_not(
    cached_feed, calendar
):
    generation = feed_generation()
    cached_feed.event.title = "Bara ett utkast"
    cached_feed.event.save_revision()
    assert feed_generation() == generation
    cached_feed()
    EventPageFactory(parent=calendar)  # add_child of a live page: no publish signal
    assert feed_generation() != generation


def test_a_failed_bump_is_logged_and_retried(cached_feed, settings, caplog):
    from events.feed_cache import GENERATION_KEY, bump_feed_generation

    closed = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {"default": {"BACKEND": "hub.cache.ResilientRedisCache",
                                   "LOCATION": closed, "RETRY_AFTER": 0}}
    with caplog.at_level("ERROR", logger="hub.cache"):
        assert bump_feed_generation() is False
    assert any("calendar feeds" in r.getMessage() for r in caplog.records)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.set(GENERATION_KEY, "before-the-outage", None)
    assert feed_generation() != "before-the-outage"  # the pending bump was made first


def test_feeds_of_restricted_pages_are_private():
    from django.test import RequestFactory

    from events.feed_cache import CachedFeed, feed_response

    entry = CachedFeed(b"BEGIN:VCALENDAR", '"x"', 0, "f.ics", public=False)
    response = feed_response(RequestFactory().get("/"), entry)
    assert response["Cache-Control"].startswith("private")


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
