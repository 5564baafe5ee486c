"""The archive of past events: all the way back, a year at a time, in a constant number of
queries; on the calendar (filters apply), the talks index, and the listing vocabulary."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext
from taggit.models import Tag

from events.factories import EventPageFactory, TalkPageFactory
from events.listings import past_archive
from events.localtime import local_today
from events.models import EventPage

from .conftest import day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure and test rendering, not the page cache


def titles(html):
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def years_ago(years, month=6, day_of_month=15):
    return dt.date(local_today().year - years, month, day_of_month)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- the listing vocabulary -------------------------------------------------------------


def test_archive_years_cover_every_year_with_a_past_sitting(calendar):
    EventPageFactory(parent=calendar, start_date=years_ago(8))
    EventPageFactory(parent=calendar, start_date=years_ago(3))
    # A monthly series through two years: both have sittings.
    EventPageFactory(
        parent=calendar,
        start_date=years_ago(6, month=11),
        repeat_frequency="MONTHLY",
        repeat_count=4,
    )
    # New Year's Eve until after midnight: a sitting of the year it began in only.
    EventPageFactory(
        parent=calendar,
        start_date=years_ago(2, month=12, day_of_month=31),
        start_time=dt.time(22),
        end_date=years_ago(1, month=1, day_of_month=1),
        end_time=dt.time(2),
    )
    EventPageFactory(parent=calendar, start_date=day(10))  # upcoming: no year of its own
    this_year = local_today().year
    assert EventPage.objects.archive_years() == [
        this_year - 2,
        this_year - 3,
        this_year - 5,
        this_year - 6,
        this_year - 8,
    ]


def test_past_archive_picks_the_year_and_ignores_bad_input(calendar):
    old = EventPageFactory(parent=calendar, title="Old", start_date=years_ago(7))
    recent = EventPageFactory(parent=calendar, title="Recent", start_date=day(-3))
    events = EventPage.objects.live()
    rf = RequestFactory()
    latest = past_archive(events, rf.get("/"))
    assert latest.years == sorted({day(-3).year, years_ago(7).year}, reverse=True)
    assert [o.event for o in latest.occurrences] == [recent]
    chosen = past_archive(events, rf.get("/", {"year": str(years_ago(7).year)}))
    assert [o.event for o in chosen.occurrences] == [old]
    for junk in ["abc", "1900", "99999", "-1", "2019x", "", "٢٠١٩"]:
        archive = past_archive(events, rf.get("/", {"year": junk}))
        assert archive.year == latest.year, junk


def test_past_archive_of_an_empty_scope(calendar):
    EventPageFactory(parent=calendar, start_date=day(3))
    archive = past_archive(EventPage.objects.live(), RequestFactory().get("/"))
    assert archive.years == [] and archive.year is None
    assert list(archive.occurrences) == []


def test_an_event_in_progress_is_upcoming_not_archived(calendar):
    now = timezone.now()
    EventPageFactory(parent=calendar, title="Now", all_day=True, start_date=day(0), end_date=day(0))
    EventPageFactory(parent=calendar, title="Done", start_date=day(-1))
    upcoming, recent = EventPage.objects.live().around(5, now)
    assert [o.event.title for o in upcoming] == ["Now"]
    assert [o.event.title for o in recent] == ["Done"]
    assert [o.event.title for o in EventPage.objects.live().last_occurrences(5, now)] == ["Done"]


def test_last_occurrences_gives_each_event_once_most_recent_first(calendar):
    EventPageFactory(
        parent=calendar,
        title="Weekly",
        start_date=day(-70),
        repeat_frequency="WEEKLY",
        repeat_count=8,
    )
    for offset in (-1, -20, -100, -400, -2000):
        EventPageFactory(parent=calendar, title=f"One-off {offset}", start_date=day(offset))
    recent = EventPage.objects.live().last_occurrences(3)
    assert [o.event.title for o in recent] == ["One-off -1", "One-off -20", "Weekly"]
    assert recent[2].first_day == day(-70 + 7 * 7)  # the series' last sitting


# --- the calendar's earlier events -----------------------------------------------------


def test_calendar_past_view_reaches_back_all_the_way(client, calendar):
    EventPageFactory(parent=calendar, title="Last week", start_date=day(-7))
    EventPageFactory(parent=calendar, title="Eight years ago", start_date=years_ago(8))
    EventPageFactory(parent=calendar, title="Soon", start_date=day(7))
    html = soup(client.get(calendar.url, {"when": "past"}))
    nav = html.find("nav", class_="archive-years")
    assert nav["aria-label"]
    years = [a.get_text() for a in nav.find_all("a")]
    assert str(years_ago(8).year) in years
    old = client.get(calendar.url, {"when": "past", "year": years_ago(8).year})
    assert titles(old.content.decode()) == ["Eight years ago"]
    current = nav.find("a", attrs={"aria-current": "page"})
    assert current.get_text() == str(day(-7).year)


def test_calendar_past_view_keeps_filters(client, calendar, talk_index):
    EventPageFactory(parent=calendar, title="Data then", start_date=years_ago(5), tags=["data"])
    EventPageFactory(parent=calendar, title="Other then", start_date=years_ago(5))
    EventPageFactory(parent=calendar, title="Data lately", start_date=years_ago(1), tags=["data"])
    TalkPageFactory(parent=talk_index, title="Talk then", start_date=years_ago(5))
    slug = Tag.objects.get(name="data").slug
    year = years_ago(5).year
    tagged = client.get(calendar.url, {"when": "past", "tag": slug, "year": year})
    assert titles(tagged.content.decode()) == ["Data then"]
    talks = client.get(calendar.url, {"when": "past", "kind": "talk", "year": year})
    assert titles(talks.content.decode()) == ["Talk then"]
    # The year links keep the filters.
    nav = soup(tagged).find("nav", class_="archive-years")
    assert all(f"tag={slug}" in a["href"] for a in nav.find_all("a"))


def test_calendar_past_view_is_paginated_within_the_year(client, calendar):
    start = years_ago(2, month=3, day_of_month=1)
    EventPageFactory(
        parent=calendar, title="Daily", start_date=start, repeat_frequency="DAILY", repeat_count=25
    )
    year = start.year
    first = client.get(calendar.url, {"when": "past", "year": year})
    second = client.get(calendar.url, {"when": "past", "year": year, "page": 2})
    assert len(titles(first.content.decode())) == 20
    assert len(titles(second.content.decode())) == 5
    pagination = soup(second).find("nav", class_="pagination")
    assert pagination["aria-label"]
    assert pagination.find(attrs={"aria-current": "page"}).get_text(strip=True).endswith("2")


def test_calendar_past_view_head(client, calendar, calendar_en):
    EventPageFactory(parent=calendar_en, start_date=years_ago(3))
    EventPageFactory(parent=calendar_en, start_date=day(-2))
    year = years_ago(3).year
    html = soup(client.get(calendar_en.url, {"when": "past", "year": year, "page": "1"}))
    assert html.title.get_text().startswith(f"Past events {year}: Calendar ·")
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and canonical.endswith(
        f"{calendar_en.url}?when=past&year={year}"
    )
    assert html.find("meta", property="og:url")["content"] == canonical
    hreflang = {link["hreflang"]: link["href"] for link in html.find_all("link", hreflang=True)}
    assert hreflang["sv"].endswith(f"{calendar.url}?when=past&year={year}")
    assert hreflang["en"] == canonical
    # A filtered view names the unfiltered year as canonical.
    filtered = soup(client.get(calendar_en.url, {"when": "past", "kind": "event", "page": 2}))
    # (the most recent year is the archive's default: no year in the address).
    assert filtered.find("link", rel="canonical")["href"].endswith(f"{calendar_en.url}?when=past")


def test_calendar_without_past_events_says_so(client, calendar):
    html = client.get(calendar.url, {"when": "past"}).content.decode()
    with translation.override("sv"):  # the Swedish calendar speaks Swedish
        assert gettext("No past events match.") in html


# --- the talks index ------------------------------------------------------------------------


def test_talk_index_archives_past_talks_by_year(client, talk_index):
    TalkPageFactory(parent=talk_index, title="Talk now", start_date=day(-2))
    TalkPageFactory(parent=talk_index, title="Talk then", start_date=years_ago(4))
    TalkPageFactory(parent=talk_index, title="Talk soon", start_date=day(9))
    html = client.get(talk_index.url).content.decode()
    upcoming, past = html.split('id="talks-past-heading"', 1)
    assert "Talk soon" in upcoming and "Talk now" in past and "Talk then" not in past
    older = soup(client.get(talk_index.url, {"year": years_ago(4).year}))
    assert "Talk then" in titles(str(older))
    assert older.find("link", rel="canonical")["href"].endswith(f"?year={years_ago(4).year}")


# --- constant queries as the archive grows ---------------------------------------------------

SMALL, LARGE = 10, 500
# The page's own queries plus Wagtail's routing and the site chrome; the same for 10 and 500
# past events (a per-event query would show at once). Every public page stays within 20
# (measured 15 to 18: see docs/calendar-feeds.md).
CALENDAR_MAX = 20


def _add_past(calendar, talk_index, i):
    """The i-th past event, five days further back than the one before (500 reach back
    about seven years); every tenth a talk, every fiftieth a weekly series, some tagged."""
    start = day(-(5 * i + 1))
    if i % 10 == 9:
        TalkPageFactory(parent=talk_index, start_date=start)
    elif i % 50 == 0:
        EventPageFactory(
            parent=calendar, start_date=start, repeat_frequency="WEEKLY", repeat_count=4
        )
    else:
        EventPageFactory(parent=calendar, start_date=start, tags=["data"] if i % 3 else [])


def measure(client, urls, django_assert_max_num_queries, ceiling):
    counts = {}
    for url in urls:
        client.get(url)  # warm per-process caches (content types, site root paths)
        with django_assert_max_num_queries(ceiling, info=url) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("language", ["sv", "en"])
def test_archive_views_cost_the_same_at_10_and_500_past_events(
    client, calendar, talk_index, calendar_en, language, django_assert_max_num_queries
):
    from hub.factories import translate

    if language == "en":
        talk_index = translate(talk_index, title="Expert talks", slug="talks")
        calendar = calendar_en
    EventPageFactory(parent=calendar, start_date=day(3), tags=["data"])  # one upcoming
    slug = Tag.objects.get(name="data").slug
    month = day(-30).strftime("%Y-%m")
    year = day(-30).year
    urls = [
        calendar.url,
        f"{calendar.url}?when=past",
        f"{calendar.url}?when=past&tag={slug}&kind=event",
        f"{calendar.url}?when=past&year={year}&page=2",
        f"{calendar.url}?view=month&month={month}",
        talk_index.url,
        f"{talk_index.url}?year={year}",
    ]
    measured = []
    added = 0
    for total in (SMALL, LARGE):
        while added < total:
            _add_past(calendar, talk_index, added)
            added += 1
        measured.append(measure(client, urls, django_assert_max_num_queries, CALENDAR_MAX))
    print(f"\nquery counts ({language}, {SMALL} / {LARGE} past events):")
    for url in urls:
        print(f"  {url}: {measured[0][url]} / {measured[1][url]}")
    assert measured[0] == measured[1]
    assert EventPage.objects.filter(locale=calendar.locale).count() == LARGE + 1
