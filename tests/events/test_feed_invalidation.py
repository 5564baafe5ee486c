"""Which page changes invalidate cached feeds: events, organisers and the pages above them do;
pages that cannot appear in any calendar (news, standard pages, partners, projects) do not.

Every change here goes through Wagtail's real publish, unpublish, move and delete."""

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
