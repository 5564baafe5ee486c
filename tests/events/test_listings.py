"""The calendar's agenda and month views, its filters, and constant query counts."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from taggit.models import Tag

from events.factories import EventPageFactory, TalkPageFactory
from events.listings import calendar_listing, month_grid
from events.localtime import local_today
from events.models import CalendarPage, EventPage, TalkIndexPage
from hub.factories import PersonFactory

from .conftest import day


def titles(response):
    """Event titles in the order the page lists them (from the cards' headings)."""
    html = response.content.decode()
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)</a>', html)


def test_agenda_lists_upcoming_occurrences_in_order(client, calendar):
    EventPageFactory(parent=calendar, title="Later", start_date=day(10))
    EventPageFactory(parent=calendar, title="Soon", start_date=day(2))
    EventPageFactory(parent=calendar, title="Gone", start_date=day(-2))
    EventPageFactory(
        parent=calendar,
        title="Series",
        start_date=day(1),
        repeat_frequency="WEEKLY",
        repeat_count=3,
        exception_dates=[day(8)],
    )
    response = client.get(calendar.url)
    assert response.status_code == 200
    assert titles(response) == ["Series", "Soon", "Later", "Series"]


def test_past_events(client, calendar):
    EventPageFactory(parent=calendar, title="Yesterday", start_date=day(-1))
    EventPageFactory(parent=calendar, title="Last month", start_date=day(-30))
    EventPageFactory(parent=calendar, title="Tomorrow", start_date=day(1))
    response = client.get(calendar.url, {"when": "past"})
    assert titles(response) == ["Yesterday", "Last month"]


def test_pagination(client, calendar):
    EventPageFactory(
        parent=calendar, title="Daily", start_date=day(1), repeat_frequency="DAILY", repeat_count=25
    )
    first = client.get(calendar.url)
    assert len(titles(first)) == 20
    second = client.get(calendar.url, {"page": "2"})
    assert len(titles(second)) == 5
    assert titles(client.get(calendar.url, {"page": "abc"})) == titles(first)
    assert titles(client.get(calendar.url, {"page": "999"})) == titles(second)


def test_tag_filter(client, calendar):
    EventPageFactory(parent=calendar, title="Data", tags=["öppna data"])
    EventPageFactory(parent=calendar, title="Demokrati", tags=["demokrati"])
    slug = Tag.objects.get(name="öppna data").slug
    assert titles(client.get(calendar.url, {"tag": slug})) == ["Data"]
    # An unknown tag is not a valid choice: ignored, everything is shown.
    assert len(titles(client.get(calendar.url, {"tag": "finns-inte"}))) == 2


def test_kind_filter(client, calendar, talk_index, monkeypatch):
    EventPageFactory(parent=calendar, title="Meetup")
    TalkPageFactory(parent=talk_index, title="Talk")
    assert titles(client.get(calendar.url, {"kind": "talk"})) == ["Talk"]
    assert titles(client.get(calendar.url, {"kind": "event"})) == ["Meetup"]
    assert titles(client.get(calendar.url, {"kind": "lab"})) == []
    monkeypatch.setattr(TalkIndexPage, "organiser_kind", "lab")  # as if it were a LabPage
    cache.clear()  # a change of code, not of content: the page cache cannot know of it
    assert titles(client.get(calendar.url, {"kind": "lab"})) == ["Talk"]


def test_organiser_filter(client, calendar, talk_index, monkeypatch):
    monkeypatch.setattr(TalkIndexPage, "organiser_kind", "group")  # as if it were a group
    EventPageFactory(parent=calendar, title="National")
    TalkPageFactory(parent=talk_index, title="Local")
    response = client.get(calendar.url, {"organiser": str(talk_index.pk)})
    assert titles(response) == ["Local"]
    assert f'<option value="{talk_index.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nonsense"},
        {"organiser": "abc"},
        {"organiser": "99999"},
        {"when": "later"},
        {"view": "grid"},
        {"view": "month", "month": "2024-13"},
        {"view": "month", "month": "0000-01"},
        {"view": "month", "month": "nonsense"},
        {"page": "-1"},
        {"tag": "<script>"},
    ],
)
def test_garbage_parameters_are_ignored(client, calendar, query):
    EventPageFactory(parent=calendar, title="Still here", start_date=day(1))
    response = client.get(calendar.url, query)
    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def test_filters_work_without_javascript(client, calendar):
    html = client.get(calendar.url).content.decode()
    form = re.search(r'<form class="filters calendar__filters" method="get".*?</form>', html, re.S)
    assert form and 'type="submit"' in form.group(0)
    for name in ("tag", "kind", "organiser", "when"):
        assert re.search(rf'<label for="id_{name}">', form.group(0)), name


def test_month_view(client, calendar):
    today = local_today()
    first = today.replace(day=1)
    EventPageFactory(parent=calendar, title="Mid-month", start_date=first + dt.timedelta(days=14))
    EventPageFactory(
        parent=calendar,
        title="Conference",
        all_day=True,
        start_date=first + dt.timedelta(days=2),
        end_date=first + dt.timedelta(days=4),
    )
    response = client.get(calendar.url, {"view": "month", "month": first.strftime("%Y-%m")})
    html = response.content.decode()
    assert '<table class="month__table">' in html
    assert '<th scope="col">' in html
    assert html.count(">Conference</a>") == 3  # spans three days
    assert ">18:00 Mid-month</a>" in html
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    assert f"month={nxt:%Y-%m}" in html and 'rel="next"' in html and 'rel="prev"' in html
    assert 'aria-current="date"' in html


def test_month_grid_weeks_start_on_monday():
    grid = month_grid(dt.date(2026, 3, 1), [], today=dt.date(2026, 3, 29))
    assert grid.weeks[0][0].date == dt.date(2026, 2, 23)
    assert all(len(week) == 7 for week in grid.weeks)
    assert grid.previous == dt.date(2026, 2, 1) and grid.next == dt.date(2026, 4, 1)
    assert [d for w in grid.weeks for d in w if d.is_today][0].date == dt.date(2026, 3, 29)


def test_month_view_expands_series_across_dst(client, calendar):
    # Weekly on Sundays at 10:00 through the October change: always 10:00 on the page.
    october = dt.date(local_today().year + 1, 10, 1)
    EventPageFactory(
        parent=calendar,
        title="Söndagskod",
        start_date=october + dt.timedelta(days=(6 - october.weekday()) % 7),
        start_time=dt.time(10),
        repeat_frequency="WEEKLY",
        repeat_count=5,
    )
    html = client.get(calendar.url, {"view": "month", "month": october.strftime("%Y-%m")})
    assert html.content.decode().count(">10:00 Söndagskod</a>") >= 4


def test_listing_context_directly(rf, calendar):
    EventPageFactory(parent=calendar, title="A", start_date=day(1))
    context = calendar_listing(calendar, rf.get("/", {"view": "month"}), now=timezone.now())
    assert context["view"] == "month"
    assert sum(len(d.occurrences) for w in context["month"].weeks for d in w) >= 1


# --- constant queries -------------------------------------------------------------------------


def _populate(calendar, talk_index, count):
    speaker = PersonFactory()
    for i in range(count):
        if i % 10 == 0:
            TalkPageFactory(
                parent=talk_index, start_date=day(i % 80 - 20), speakers=[speaker], tags=["data"]
            )
        elif i % 5 == 0:
            EventPageFactory(
                parent=calendar,
                start_date=day(i % 40),
                repeat_frequency="WEEKLY",
                repeat_count=6,
                exception_dates=[day(i % 40 + 7)],
                tags=["data", "demokrati"],
            )
        else:
            EventPageFactory(parent=calendar, start_date=day(i % 120 - 40), tags=["demokrati"])


# Wagtail's routing, site and menu queries plus ours; the same for 10 and 200 events.
MAX_QUERIES = 24


@pytest.mark.parametrize("count", [10, 200])
def test_listings_use_a_constant_number_of_queries(
    client, home, calendar, talk_index, count, django_assert_max_num_queries
):
    _populate(calendar, talk_index, count)
    slug = Tag.objects.get(name="data").slug
    month = local_today().strftime("%Y-%m")
    urls = [
        calendar.url,
        calendar.url + "?when=past",
        calendar.url + f"?tag={slug}&kind=event",
        calendar.url + f"?view=month&month={month}",
        calendar.url + "?page=2",
        talk_index.url,
        home.url,
    ]
    for url in urls:
        client.get(url)  # warm per-process caches (content types, site root paths)
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, url
    assert CalendarPage.objects.count() == 1
    assert EventPage.objects.count() == count
