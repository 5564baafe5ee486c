"""events.filters: reading, canonical form and bounds of the calendar filters, and the feeds
and calendar page that share them (tags and kinds here; groups and labs in
tests/labs/test_calendar_feeds.py)."""

import icalendar
import pytest
from django.http import QueryDict
from django.utils import translation

from events.factories import EventPageFactory, TalkPageFactory
from events.filters import MAX_VALUES, EventFilter, InvalidFilter, feed_name

from .parsers import components


def q(text):
    return QueryDict(text)


# --- reading and the canonical form ------------------------------------------------------------


def test_values_are_read_from_repeated_and_comma_separated_parameters():
    f = EventFilter.from_query(q("organiser=15&organiser=3&tag=b,a&tag=A&kind=talk,event&x=1"))
    assert f.organisers == (3, 15)
    assert f.tags == ("a", "b")
    assert f.kinds == ("event", "talk")
    assert f.query_string() == "kind=event&kind=talk&organiser=3&organiser=15&tag=a&tag=b"


@pytest.mark.parametrize(
    "first, second",
    [
        ("tag=b&tag=a", "tag=a&tag=b"),
        ("tag=a,b", "tag=b&tag=a&tag=b"),
        ("organiser=12&organiser=2", "organiser=02&organiser=12&organiser=12"),
        ("kind=lab&tag=x&organiser=1", "organiser=1&tag=X&kind=lab&page=3"),
        ("tag=&tag=a", "tag=a&tag=,"),
    ],
)
def test_equal_selections_have_one_canonical_form(first, second):
    a, b = EventFilter.from_query(q(first)), EventFilter.from_query(q(second), strict=True)
    assert a == b
    assert a.query_string() == b.query_string()
    assert EventFilter.from_query(q(a.query_string()), strict=True) == a


def test_empty_filter():
    f = EventFilter.from_query(q("page=2&view=month&tag="))
    assert f.is_empty and not f
    assert f.query_string() == ""


@pytest.mark.parametrize(
    "query",
    [
        "organiser=abc",
        "organiser=-1",
        "organiser=1e3",
        "tag=%3Cscript%3E",
        "tag=a/b",
        "tag=" + "x" * 101,
        "kind=party",
        "tag=a%00b",
        "organiser=" + "9" * 11,
    ],
)
def test_malformed_values_raise_in_strict_mode_and_are_dropped_otherwise(query):
    with pytest.raises(InvalidFilter):
        EventFilter.from_query(q(query + "&tag=ok"), strict=True)
    assert EventFilter.from_query(q(query + "&tag=ok")) == EventFilter(tags=["ok"])


def test_at_most_twenty_values_per_parameter():
    twenty = "&".join(f"tag=t{i}" for i in range(MAX_VALUES))
    assert len(EventFilter.from_query(q(twenty), strict=True).tags) == MAX_VALUES
    # Repeats do not count: they are one value.
    assert len(EventFilter.from_query(q(twenty + "&tag=t0,t1"), strict=True).tags) == MAX_VALUES
    with pytest.raises(InvalidFilter):
        EventFilter.from_query(q(twenty + "&tag=one-more"), strict=True)
    lenient = EventFilter.from_query(q(twenty + "&tag=one-more"))
    assert len(lenient.tags) == MAX_VALUES and "one-more" not in lenient.tags
    organisers = ",".join(str(i) for i in range(1, 30))
    assert len(EventFilter.from_query(q("organiser=" + organisers)).organisers) == MAX_VALUES


def test_restricted_to_what_a_page_offers():
    f = EventFilter(organisers=[1, 2], tags=["a", "b"], kinds=["talk"])
    assert f.restricted_to(organisers={2}, tags={"b", "c"}) == EventFilter(
        organisers=[2], tags=["b"], kinds=["talk"]
    )


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, everything, kinds",
    [("sv", "alla evenemang", "Expertföredrag"), ("en", "all events", "Expert talks")],
)
def test_feed_names(language, everything, kinds):
    with translation.override(language):
        expected_everything = translation.gettext("all events")
        expected_kinds = translation.gettext("Expert talks")
        # Until the integrator merges the Swedish catalogue, gettext returns the msgid.
        assert expected_everything in (everything, "all events")
        assert expected_kinds in (kinds, "Expert talks")
        site = "Civic Tech Sweden"
        assert feed_name(site, expected_everything, everything=True) == (
            f"Civic Tech Sweden – {expected_everything}"
        )
        assert feed_name(site, "Göteborg") == "Civic Tech Sweden – Göteborg"
        mix = EventFilter(organisers=[7, 3], tags=["ai", "data"])
        names = {3: "Göteborg", 7: "Malmö"}
        tags = {"ai": "AI", "data": "Öppna data"}
        assert (
            feed_name(
                site,
                expected_everything,
                mix,
                organiser_names=names,
                tag_names=tags,
                everything=True,
            )
            == "Civic Tech Sweden – Göteborg, Malmö: AI, Öppna data"
        )
        talks = EventFilter(kinds=["talk"])
        assert feed_name(site, expected_everything, talks, everything=True) == (
            f"Civic Tech Sweden – {expected_kinds}"
        )
        assert (
            feed_name(site, "Göteborg", talks) == f"Civic Tech Sweden – Göteborg ({expected_kinds})"
        )


# --- over HTTP: feeds ------------------------------------------------------------------------


def feed_path(page):
    return page.url + "calendar.ics"


@pytest.fixture
def tagged(calendar, talk_index):
    """Events tagged a, b, both, neither; and a talk tagged a."""
    return {
        "a": EventPageFactory(parent=calendar, tags=["alfa"]),
        "b": EventPageFactory(parent=calendar, tags=["beta"]),
        "ab": EventPageFactory(parent=calendar, tags=["alfa", "beta"]),
        "none": EventPageFactory(parent=calendar, tags=["gamma"]),
        "talk": TalkPageFactory(parent=talk_index, tags=["alfa"]),
    }


def uids(response):
    assert response.status_code == 200
    return set(components(response.content))


def test_feed_of_several_tags_and_kinds(client, calendar, tagged):
    both_tags = uids(client.get(feed_path(calendar) + "?tag=alfa&tag=beta"))
    assert both_tags == {tagged[k].uid for k in ("a", "b", "ab", "talk")}
    assert uids(client.get(feed_path(calendar) + "?tag=alfa,beta")) == both_tags
    talks = uids(client.get(feed_path(calendar) + "?tag=alfa&kind=talk"))
    assert talks == {tagged["talk"].uid}
    events = uids(client.get(feed_path(calendar) + "?tag=alfa&kind=event"))
    assert events == {tagged["a"].uid, tagged["ab"].uid}
    assert uids(client.get(feed_path(calendar) + "?kind=event&kind=talk&kind=lab")) == {
        e.uid for e in tagged.values()
    }


def test_talks_feed_takes_several_tags(client, talk_index, tagged):
    TalkPageFactory(parent=talk_index, tags=["beta"])
    other = TalkPageFactory(parent=talk_index, tags=["gamma"])
    got = uids(client.get(feed_path(talk_index) + "?tag=alfa&tag=beta"))
    assert len(got) == 2 and other.uid not in got and tagged["talk"].uid in got


def test_feed_names_its_filter_and_points_at_its_canonical_address(client, calendar, tagged):
    response = client.get(feed_path(calendar) + "?tag=beta&tag=alfa&tag=beta&kind=event")
    data = icalendar.Calendar.from_ical(response.content)
    with translation.override("sv"):
        kinds = translation.gettext("Events")
    assert data["X-WR-CALNAME"] == f"Civic Tech Sweden – {kinds}: alfa, beta"
    assert str(data["SOURCE"]) == (
        "http://testserver" + feed_path(calendar) + "?kind=event&tag=alfa&tag=beta"
    )


def test_english_feed_name(client, calendar_en):
    data = icalendar.Calendar.from_ical(client.get(feed_path(calendar_en)).content)
    assert data["X-WR-CALNAME"] == "Civic Tech Sweden – all events"


def test_one_cache_entry_per_selection(client, calendar, tagged, django_assert_max_num_queries):
    first = client.get(feed_path(calendar) + "?tag=beta&tag=alfa")
    with django_assert_max_num_queries(0):  # the same selection, answered from the cache
        again = client.get(feed_path(calendar) + "?tag=alfa,beta&tag=alfa&utm_source=x")
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"]


@pytest.mark.parametrize(
    "query",
    [
        "?organiser=abc",
        "?organiser=1;DROP",
        "?kind=party",
        "?tag=a&tag=%3Cb%3E",
        "?tag=" + ",".join(f"t{i}" for i in range(MAX_VALUES + 1)),
        "?organiser=" + "&organiser=".join(str(i) for i in range(MAX_VALUES + 1)),
        "?" + "&".join(f"tag=t{i}" for i in range(1001)),  # Django's own bound on parameters
    ],
)
def test_malformed_or_too_many_values_are_a_400(client, calendar, query):
    EventPageFactory(parent=calendar)
    response = client.get(feed_path(calendar) + query)
    assert response.status_code == 400
    assert client.get(feed_path(calendar) + query).status_code == 400  # never cached


def test_unknown_values_give_an_empty_calendar_not_the_whole_site(client, calendar):
    EventPageFactory(parent=calendar, tags=["alfa"])
    assert uids(client.get(feed_path(calendar) + "?organiser=999999")) == set()
    assert uids(client.get(feed_path(calendar) + "?tag=okand")) == set()


# --- over HTTP: the calendar page ------------------------------------------------------------


def test_filtered_calendar_page_offers_the_feed_of_what_it_shows(client, calendar, tagged):
    response = client.get(calendar.url, {"tag": ["beta", "alfa"], "kind": "event"})
    html = response.content.decode()
    feed = "http://testserver" + feed_path(calendar) + "?kind=event&amp;tag=alfa&amp;tag=beta"
    assert 'type="text/calendar" title="Civic Tech Sweden – ' in html
    assert f'href="{feed}"' in html  # <link rel="alternate">
    assert f'value="{feed}"' in html  # the subscribe box's address
    assert html.count(f"{feed}") >= 2
    shown = {t for t in ("a", "b", "ab") if tagged[t].title in html}
    assert shown == {"a", "b", "ab"}
    assert tagged["none"].title not in html and tagged["talk"].title not in html
    feed_uids = uids(client.get(feed_path(calendar) + "?kind=event&tag=alfa&tag=beta"))
    assert feed_uids == {tagged[t].uid for t in ("a", "b", "ab")}


def test_page_ignores_unknown_and_malformed_values_and_links_what_it_shows(
    client, calendar, tagged
):
    response = client.get(calendar.url + "?tag=alfa&tag=okand&tag=%3Cx%3E&kind=party&organiser=x")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="http://testserver/kalender/calendar.ics?tag=alfa"' in html
    assert tagged["b"].title not in html


def test_several_values_survive_the_filter_form(client, calendar, tagged):
    html = client.get(calendar.url, {"tag": ["alfa", "beta"]}).content.decode()
    assert '<input type="hidden" name="tag" value="alfa">' in html
    assert '<input type="hidden" name="tag" value="beta">' in html
    # The builder's boxes are ticked as the page is filtered.
    assert 'id="builder-tag-alfa" name="tag" value="alfa" checked' in html
    assert 'id="builder-tag-gamma" name="tag" value="gamma">' in html


def test_builder_form_is_a_plain_accessible_get_form(client, calendar, tagged):
    html = client.get(calendar.url).content.decode()
    start = html.index('id="calendar-builder"')
    builder = html[start : html.index("</section>", start)]
    assert 'method="get"' in builder and 'action="/kalender/#calendar-subscribe"' in builder
    assert builder.count("<fieldset>") == builder.count("<legend>") >= 2
    assert 'type="checkbox"' in builder and 'type="submit"' in builder
    assert 'id="calendar-subscribe"' in html


# --- constant queries ---------------------------------------------------------------------------


def _populate(calendar, talk_index, start, stop):
    for i in range(start, stop):
        if i % 10 == 0:
            TalkPageFactory(parent=talk_index, tags=["alfa"])
        elif i % 5 == 0:
            EventPageFactory(
                parent=calendar, repeat_frequency="WEEKLY", repeat_count=6, tags=["beta"]
            )
        else:
            EventPageFactory(parent=calendar, tags=["alfa" if i % 2 else "gamma"])


def test_filtered_feed_and_page_queries_do_not_grow(
    client, calendar, talk_index, django_assert_max_num_queries
):
    from django.core.cache import cache

    feed = feed_path(calendar) + "?tag=alfa&tag=beta&kind=event&kind=talk"
    page = calendar.url + "?tag=alfa&tag=beta&kind=event&kind=talk"
    client.get(calendar.url, {"view": "month"})  # the first page view creates site settings
    counts = []
    for start, stop in ((0, 10), (10, 200)):
        _populate(calendar, talk_index, start, stop)
        cache.clear()  # cold: no cached feed or page
        with django_assert_max_num_queries(21) as feed_queries:
            response = client.get(feed)
        assert len(components(response.content)) == len({*components(response.content)})
        with django_assert_max_num_queries(16) as page_queries:
            assert client.get(page).status_code == 200
        counts.append((len(feed_queries), len(page_queries)))
    print(f"tag+kind filter, 10 and 200 events (feed, page): {counts}")
    assert counts[0] == counts[1]


def test_page_with_too_many_values_keeps_the_first_twenty_and_never_fails(client, calendar, tagged):
    many = "&".join(f"tag=t{i}" for i in range(30)) + "&tag=alfa"
    response = client.get(calendar.url + "?" + many)
    assert response.status_code == 200  # t0…t19 are unknown topics, ignored; alfa is the 31st
    assert client.get(calendar.url + "?tag=" + ",".join(["x"] * 100_000)).status_code == 200
    too_many = "&".join(f"tag=t{i}" for i in range(1001))
    assert client.get(calendar.url + "?" + too_many).status_code in (200, 400)  # never a 500
