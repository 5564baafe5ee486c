"""Listings cost a constant number of queries, whatever the number of groups, labs or events.

Each test renders a page with a few items, then with many more, and pins both renders under
the same ceiling with `django_assert_max_num_queries`; the two counts must also be equal.
The ceilings are the measured counts (most of them Wagtail's routing, the site chrome and
the settings) plus two queries of headroom, so a per-item query shows up at once.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.factories import EventPageFactory, TalkPageFactory
from events.localtime import local_today
from hub.factories import PartnerPageFactory, PersonFactory
from labs.factories import (
    LabHostPartnerFactory,
    LabPageFactory,
    LocalGroupOrganiserFactory,
    LocalGroupPageFactory,
    LocalGroupPartnerFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 30
GROUP_INDEX_MAX = 18
GROUP_PAGE_MAX = 27
LAB_INDEX_MAX = 19
LAB_PAGE_MAX = 23


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache


def in_days(days):
    return local_today() + dt.timedelta(days=days)


def pinned(client, url, django_assert_max_num_queries, ceiling):
    """Render `url` under `ceiling` queries; return (number of queries, page HTML)."""
    client.get(url)  # warm per-process caches (content types, site root paths)
    with django_assert_max_num_queries(ceiling), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


class Grower:
    """Adds items up to a total, so a test can measure at SMALL and again at LARGE."""

    def __init__(self, add):
        self.add = add
        self.count = 0

    def to(self, total):
        while self.count < total:
            self.add(self.count)
            self.count += 1


def test_group_index(client, group_index, django_assert_max_num_queries):
    partners = [PartnerPageFactory(), PartnerPageFactory()]

    def add(i):
        group = LocalGroupPageFactory(parent=group_index, city=f"Stad {i}", slug=f"stad-{i}")
        LocalGroupPartnerFactory(page=group, partner=partners[i % 2])
        EventPageFactory(parent=group, start_date=in_days(i + 1))

    groups = Grower(add)
    counts = []
    for n in (SMALL, LARGE):
        groups.to(n)
        queries, html = pinned(
            client, group_index.url, django_assert_max_num_queries, GROUP_INDEX_MAX
        )
        assert html.count('class="group-map__marker"') == n
        counts.append(queries)
    assert counts[0] == counts[1], counts


def test_group_page(client, group, django_assert_max_num_queries):
    def add(i):
        EventPageFactory(parent=group, start_date=in_days(i + 1), tags=["öppna data"])
        person = PersonFactory(show_email=True)
        LocalGroupOrganiserFactory(page=group, person=person, is_contact=i % 2 == 0)
        LocalGroupPartnerFactory(page=group, partner=PartnerPageFactory())

    EventPageFactory(
        parent=group, repeat_frequency="WEEKLY", repeat_count=40, start_date=in_days(1)
    )
    items = Grower(add)
    counts = []
    for n in (SMALL, LARGE):
        items.to(n)
        queries, html = pinned(client, group.url, django_assert_max_num_queries, GROUP_PAGE_MAX)
        # The series once, with its next date, then the single events, at most ten in all.
        assert html.count('class="card event-card') == min(n + 1, 10)
        assert html.count("organiser-list__role") == n
        counts.append(queries)
    assert counts[0] == counts[1], counts


def test_lab_index(client, lab_index, django_assert_max_num_queries):
    def add(i):
        lab = LabPageFactory(parent=lab_index, regional=i % 2 == 1)
        LabHostPartnerFactory(page=lab, partner=PartnerPageFactory())
        LabHostPartnerFactory(page=lab, partner=PartnerPageFactory())

    labs = Grower(add)
    counts = []
    for n in (SMALL, LARGE):
        labs.to(n)
        queries, html = pinned(client, lab_index.url, django_assert_max_num_queries, LAB_INDEX_MAX)
        assert html.count('class="card lab-card"') == n
        counts.append(queries)
    assert counts[0] == counts[1], counts


def test_lab_page(client, lab, django_assert_max_num_queries):
    def add(i):
        EventPageFactory(parent=lab, start_date=in_days(i + 1))
        EventPageFactory(parent=lab, start_date=in_days(-i - 1))
        TalkPageFactory(parent=lab, start_date=in_days(i + 3), speakers=[PersonFactory()])
        LabHostPartnerFactory(page=lab, partner=PartnerPageFactory())

    items = Grower(add)
    counts = []
    for n in (SMALL, LARGE):
        items.to(n)
        queries, html = pinned(client, lab.url, django_assert_max_num_queries, LAB_PAGE_MAX)
        assert html.count("past-sessions-heading") == 2  # the heading and its section's label
        counts.append(queries)
    assert counts[0] == counts[1], counts
