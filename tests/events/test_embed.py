"""Embeds and the JSON list of upcoming occurrences, over HTTP: framing headers, CORS on
feeds and lists (cached, uncached, 304), the JSON fields and their UTC offsets across a
daylight-saving change, filters and limits, both languages, caching, and constant query
counts."""

import datetime as dt
import json
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from taggit.models import Tag

from events.embed import DEFAULT_LIMIT, MAX_LIMIT
from events.factories import EventPageFactory, TalkPageFactory
from events.feed_cache import bump_feed_generation
from events.filters import EventFilter
from hub.factories import translate
from labs.factories import LabPageFactory, LocalGroupIndexPageFactory, LocalGroupPageFactory

from .conftest import day
from .parsers import both
from .test_feeds import next_october_change

pytestmark = pytest.mark.django_db

CORS = "Access-Control-Allow-Origin"


def directives(header):
    """{directive: [source, ...]} from a CSP header value."""
    result = {}
    for part in header.split(";"):
        name, *sources = part.split()
        result[name] = sources
    return result


@pytest.fixture
def group(home, home_en):
    index = LocalGroupIndexPageFactory(parent=home, slug="grupper")
    translate(index, slug="groups", title="Groups")
    return LocalGroupPageFactory(parent=index, slug="goteborg", city="Göteborg")


def upcoming(client, page, query="", **headers):
    response = client.get(page.url + "upcoming.json" + query, headers=headers)
    assert response.status_code == 200, response.content[:500]
    return response


def listed(client, page, query=""):
    return json.loads(upcoming(client, page, query).content)


def titles(data):
    return [o["title"] for o in data["occurrences"]]


# --- framing ----------------------------------------------------------------------------------


def test_embeds_may_be_framed_anywhere_while_the_pages_refuse(client, calendar, group):
    EventPageFactory(parent=group, title="Gruppträff")
    for url in (group.url + "embed/", calendar.url + "embed/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == ["*"]
        # The rest of the public policy still holds inside the frame.
        assert policy["script-src"] == ["'self'"]
        assert policy["default-src"] == ["'self'"]

    for url in (group.url, calendar.url, group.url + "calendar.ics"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


def test_a_cached_embed_keeps_its_headers(client, group, settings):
    settings.PAGE_CACHE_SECONDS = 600
    EventPageFactory(parent=group, title="Gruppträff")
    first = client.get(group.url + "embed/")
    assert first["X-App-Cache"] == "miss"
    second = client.get(group.url + "embed/")
    assert second["X-App-Cache"] == "hit"
    assert second.content == first.content
    assert "X-Frame-Options" not in second
    assert directives(second["Content-Security-Policy"])["frame-ancestors"] == ["*"]
    assert second["Cache-Control"].startswith("public")
    not_modified = client.get(group.url + "embed/", headers={"if-none-match": first["ETag"]})
    assert not_modified.status_code == 304


def test_the_embed_frame_ancestors_are_a_setting(client, group, settings):
    from django.test import override_settings

    with override_settings(CSP_EMBED_FRAME_ANCESTORS=["https://kommun.example.se"]):
        response = client.get(group.url + "embed/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["https://kommun.example.se"]


# --- the embed page -------------------------------------------------------------------------


def test_embed_shows_upcoming_occurrences_with_links_to_the_top_window(client, group):
    series = EventPageFactory(
        parent=group,
        title="Veckoträff",
        start_date=day(2),
        repeat_frequency="WEEKLY",
        repeat_count=4,
    )
    EventPageFactory(parent=group, title="Förra veckan", start_date=day(-7))
    EventPageFactory(
        parent=group, title="Inställd träff", start_date=day(4), status="cancelled",
        status_note="Sjuk talare.",
    )
    html = client.get(group.url + "embed/").content.decode()
    assert '<base target="_top">' in html
    assert '<html lang="sv">' in html
    assert "<h1" in html and group.feed_title() in html  # "Civic Tech Sweden – Göteborg"
    assert html.count(f'href="{series.url}"') == 4  # every weekly session, and the cancelled one
    assert "embed-item--cancelled" in html
    assert "Förra veckan" not in html
    assert "Sjuk talare." in html
    assert 'href="/grupper/goteborg/"' in html  # back to the page
    assert "webcal://testserver/grupper/goteborg/calendar.ics" in html
    assert "<script" not in html
    assert "site-header" not in html and "site-footer" not in html


def test_embed_in_english_is_the_english_page(client, group):
    event = EventPageFactory(parent=group, title="Träff")
    group_en = translate(group, slug="gothenburg", title="Civic Tech Gothenburg")
    translate(event, slug="meetup", title="Meetup")
    html = client.get(group_en.url + "embed/").content.decode()
    assert group_en.url.startswith("/en/")
    assert '<html lang="en">' in html
    assert "Meetup" in html and "Träff<" not in html
    assert 'href="/en/groups/gothenburg/"' in html
    with translation.override("en"):
        assert gettext("Subscribe in your calendar app") in html


def test_every_organiser_page_type_has_an_embed_and_a_list(client, calendar, talk_index, group):
    from labs.factories import LabIndexPageFactory

    lab = LabPageFactory(parent=LabIndexPageFactory(parent=calendar.get_parent()))
    talk = TalkPageFactory(parent=talk_index, title="Föreläsning om data")
    session = EventPageFactory(parent=lab, title="Labbträff")
    for page, expected in (
        (calendar, {"Föreläsning om data", "Labbträff"}),
        (talk_index, {"Föreläsning om data"}),
        (lab, {"Labbträff"}),
        (group, set()),
    ):
        assert client.get(page.url + "embed/").status_code == 200
        assert set(titles(listed(client, page))) == expected, page
    assert talk.live and session.live


# --- the JSON list ------------------------------------------------------------------------------


def test_json_list_fields_and_offsets_across_a_daylight_saving_change(client, calendar, group):
    october = next_october_change()
    weekly = EventPageFactory(
        parent=group,
        title="Veckoträff",
        start_date=october - dt.timedelta(days=5),
        start_time=dt.time(18),
        repeat_frequency="WEEKLY",
        repeat_count=2,
        venue_name="Kafé Ölstugan",
        address="Storgatan 1\n411 01 Göteborg",
        online_url="https://meet.example.org/x",
        status="postponed",
        status_note="Ny dag kommer.",
    )
    hackathon = EventPageFactory(
        parent=calendar,
        title="Hackathon",
        all_day=True,
        start_date=october - dt.timedelta(days=1),
        end_date=october,
    )
    response = upcoming(client, calendar)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response[CORS] == "*"
    assert response["Cache-Control"].startswith("public")
    data = json.loads(response.content)
    assert data["name"] == calendar.feed_title()  # as the feed names itself
    assert data["url"] == calendar.get_full_url()
    assert data["feed_url"] == calendar.get_full_url() + "calendar.ics"
    assert data["language"] == "sv"
    before, hack, after = data["occurrences"]
    assert (before["title"], hack["title"], after["title"]) == (
        "Veckoträff", "Hackathon", "Veckoträff"
    )
    before_day = october - dt.timedelta(days=5)
    after_day = october + dt.timedelta(days=2)
    assert before["start"] == f"{before_day.isoformat()}T18:00:00+02:00"
    assert before["end"] == f"{before_day.isoformat()}T20:00:00+02:00"
    assert after["start"] == f"{after_day.isoformat()}T18:00:00+01:00"
    assert dt.datetime.fromisoformat(after["start"]).utcoffset() == dt.timedelta(hours=1)
    assert before["all_day"] is False
    assert before["status"] == "postponed" and before["status_note"] == "Ny dag kommer."
    assert before["place"] == {
        "venue": "Kafé Ölstugan",
        "address": "Storgatan 1\n411 01 Göteborg",
        "online_url": "https://meet.example.org/x",
    }
    assert before["url"] == weekly.get_full_url()
    assert before["uid"] == weekly.uid
    assert before["organiser"] == {"name": group.title, "url": group.get_full_url()}
    # All day: from midnight of the first day to midnight after the last (exclusive).
    assert hack["all_day"] is True
    first = october - dt.timedelta(days=1)
    assert hack["start"] == f"{first.isoformat()}T00:00:00+02:00"
    assert hack["end"] == f"{(october + dt.timedelta(days=1)).isoformat()}T00:00:00+01:00"
    assert hack["url"] == hackathon.get_full_url()
    assert hack["organiser"]["url"] == calendar.get_full_url()


def test_json_list_in_english(client, calendar_en, group):
    EventPageFactory(parent=calendar_en, title="English meetup")
    data = listed(client, calendar_en)
    assert data["language"] == "en"
    assert data["url"] == "http://testserver/en/calendar/"
    assert titles(data) == ["English meetup"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", DEFAULT_LIMIT),
        ("?limit=3", 3),
        ("?limit=1", 1),
        (f"?limit={MAX_LIMIT}", MAX_LIMIT),
        ("?limit=500", MAX_LIMIT),
        ("?limit=0", DEFAULT_LIMIT),
        ("?limit=-2", DEFAULT_LIMIT),
        ("?limit=abc", DEFAULT_LIMIT),
        ("?limit=2.5", DEFAULT_LIMIT),
        ("?limit=%EF%BC%93", DEFAULT_LIMIT),  # a full-width digit
        ("?limit=99999999999999999999", DEFAULT_LIMIT),
        ("?limit=3&limit=4", 4),
    ],
)
def test_limit_is_bounded_and_bad_values_are_ignored(client, calendar, query, expected):
    EventPageFactory(
        parent=calendar, start_date=day(1), repeat_frequency="DAILY", repeat_count=MAX_LIMIT + 5
    )
    assert len(listed(client, calendar, query)["occurrences"]) == expected
    # The embed redirects a limit out of bounds to the canonical one.
    html = client.get(calendar.url + "embed/" + query, follow=True).content.decode()
    assert html.count('<li class="embed-item') == expected


def test_filters_by_tag_kind_and_organiser(client, calendar, talk_index, group):
    EventPageFactory(parent=group, title="Gruppträff", tags=["öppna data"])
    EventPageFactory(parent=calendar, title="Nationell träff")
    TalkPageFactory(parent=talk_index, title="Föreläsning")
    tag = Tag.objects.get(name="öppna data").slug
    assert titles(listed(client, calendar, f"?tag={tag}")) == ["Gruppträff"]
    data = listed(client, calendar, f"?tag={tag}")
    tagged = EventFilter(tags=[tag])
    assert data["feed_url"] == calendar.feed_url(event_filter=tagged)
    assert data["name"] == calendar.feed_title(event_filter=tagged, tag_names={tag: "öppna data"})
    assert data["name"].endswith(": öppna data")
    assert titles(listed(client, calendar, "?kind=talk")) == ["Föreläsning"]
    assert set(titles(listed(client, calendar, "?kind=event"))) == {"Gruppträff", "Nationell träff"}
    assert titles(listed(client, calendar, f"?organiser={group.pk}")) == ["Gruppträff"]
    assert len(titles(listed(client, calendar))) == 3
    # Well formed but unknown: nothing, as in the feed (a topic nobody has used yet).
    assert titles(listed(client, calendar, "?organiser=999999")) == []
    html = client.get(calendar.url + f"embed/?tag={quote(tag)}").content.decode()
    assert "Gruppträff" in html and "Nationell träff" not in html
    assert f"calendar.ics?tag={quote(tag)}" in html
    assert f'href="/kalender/?tag={quote(tag)}"' in html


BAD_FILTERS = [
    ("?tag=<script>", ""),
    ("?tag=" + "a" * 300, ""),
    ("?kind=nonsense", ""),
    ("?organiser=x1", ""),
    ("?organiser=" + "9" * 40, ""),
    ("?organiser=%EF%BC%91", ""),  # a full-width digit
    ("?kind=talk,nonsense", "kind=talk&"),  # the readable values stay
    # Beyond MAX_VALUES: the first ones stay, as on the calendar page.
    (
        "?organiser=" + ",".join(str(n) for n in range(1, 30)),
        "".join(f"organiser={n}&" for n in range(1, 21)),
    ),
]


@pytest.mark.parametrize(("bad", "kept"), BAD_FILTERS)
def test_malformed_filters_are_400_in_json_and_ignored_in_the_embed(client, calendar, bad, kept):
    """The JSON list is a machine interface like the feeds: a malformed filter is an error
    it must hear of. The embed is a page, like the calendar: it drops what it cannot read."""
    EventPageFactory(parent=calendar, title="Nationell träff")
    response = client.get(calendar.url + "upcoming.json" + bad)
    assert response.status_code == 400
    assert response[CORS] == "*"
    assert client.get(calendar.url + "calendar.ics" + bad).status_code == 400  # as the feed
    embed = client.get(calendar.url + "embed/" + bad + "&limit=3")
    assert embed.status_code == 302
    expected = "limit=3&" + kept if not kept.startswith("kind") else kept + "limit=3&"
    assert embed["Location"] == calendar.url + "embed/?" + expected.rstrip("&")
    assert client.get(embed["Location"]).status_code == 200
    if not kept:
        assert "Nationell träff" in client.get(embed["Location"]).content.decode()


def test_the_embed_redirects_to_its_canonical_address(client, calendar, group):
    """One address (and one copy in the page cache) per selection: order, commas, repeats
    and parameters it does not read lead to the canonical query."""
    canonical = f"kind=event&kind=talk&limit=7&organiser={group.pk}&tag=ai&tag=data"
    for asked in (
        f"tag=data,ai&organiser={group.pk}&kind=talk&kind=event&limit=7",
        f"limit=7&tag=ai&tag=data&tag=ai&kind=talk,event&organiser={group.pk}&utm_source=x",
    ):
        response = client.get(calendar.url + "embed/?" + asked)
        assert response.status_code == 302, asked
        assert response["Location"] == calendar.url + "embed/?" + canonical
    assert client.get(calendar.url + "embed/?" + canonical).status_code == 200


def test_post_is_refused(client, calendar):
    assert client.post(calendar.url + "upcoming.json").status_code == 405
    assert client.post(calendar.url + "embed/").status_code in (403, 405)


def test_json_list_answers_304_and_is_rebuilt_when_events_change(client, calendar):
    event = EventPageFactory(parent=calendar, title="Före")
    first = upcoming(client, calendar)
    again = client.get(calendar.url + "upcoming.json", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again[CORS] == "*"
    event.title = "Efter"
    event.save_revision().publish()
    changed = upcoming(client, calendar, **{"if-none-match": first["ETag"]})
    assert titles(json.loads(changed.content)) == ["Efter"]
    assert changed["ETag"] != first["ETag"]


# --- CORS on feeds ------------------------------------------------------------------------------


def test_feeds_and_event_files_are_readable_from_any_origin(client, group):
    event = EventPageFactory(parent=group)
    feed = group.url + "calendar.ics"
    uncached = client.get(feed)
    assert uncached.status_code == 200 and uncached[CORS] == "*"
    cached = client.get(feed)  # answered from the feed cache, before routing
    assert cached.status_code == 200 and cached[CORS] == "*"
    assert cached.content == uncached.content
    not_modified = client.get(feed, headers={"if-none-match": uncached["ETag"]})
    assert not_modified.status_code == 304 and not_modified[CORS] == "*"
    bump_feed_generation()
    rebuilt_304 = client.get(feed, headers={"if-none-match": uncached["ETag"]})
    assert rebuilt_304.status_code == 304 and rebuilt_304[CORS] == "*"
    tagged = client.get(feed + "?tag=data")
    assert tagged.status_code == 200 and tagged[CORS] == "*"

    single = client.get(event.url + "event.ics")
    assert single.status_code == 200 and single[CORS] == "*"
    single_304 = client.get(event.url + "event.ics", headers={"if-none-match": single["ETag"]})
    assert single_304.status_code == 304 and single_304[CORS] == "*"


def test_pages_send_no_cors_header(client, group):
    assert CORS not in client.get(group.url)
    assert CORS not in client.get(group.url + "embed/")


# --- the snippet ------------------------------------------------------------------------------


def test_snippet_on_the_pages_whose_events_it_shows(client, calendar, talk_index, group):
    EventPageFactory(parent=group, tags=["data"])
    for page in (calendar, talk_index, group):
        html = client.get(page.url).content.decode()
        code = f'&lt;iframe src="{page.get_full_url()}embed/" title="'
        assert code in html, page
        assert 'width="100%" height="480"' in html
        assert f'href="{page.get_full_url()}upcoming.json"' in html
    # The calendar's filters, as its listing read them (canonical, unknown topics dropped).
    filtered = client.get(calendar.url + "?tag=data,nobody&kind=talk").content.decode()
    assert f'src="{calendar.get_full_url()}embed/?kind=talk&amp;tag=data"' in filtered
    # A group's page shows all its events, whatever its address says.
    html = client.get(group.url + "?tag=data").content.decode()
    assert f'src="{group.get_full_url()}embed/" title="' in html


def _feed_uids(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return set(both(response.content))


def test_a_mix_embeds_exactly_what_the_filtered_calendar_shows(client, calendar, home):
    """Two groups and a topic on the calendar page: its subscribe box, its embed snippet,
    the embed and the JSON list all give the same events (by UID and address)."""
    index = LocalGroupIndexPageFactory(parent=home, slug="grupper")
    gbg, malmo, umea = (
        LocalGroupPageFactory(parent=index, slug=slug, city=city)
        for slug, city in (("goteborg", "Göteborg"), ("malmo", "Malmö"), ("umea", "Umeå"))
    )
    wanted = set()
    for n, parent in enumerate((gbg, malmo, umea, calendar) * 3):
        tags = ["ai"] if n < 8 else ["data"]  # two rounds about AI, one about data
        event = EventPageFactory(
            parent=parent, title=f"Träff {n}", start_date=day(1 + n), tags=tags
        )
        if parent in (gbg, malmo) and tags == ["ai"]:
            wanted.add(event)
    assert len(wanted) == 4
    asked = f"?organiser={malmo.pk},{gbg.pk}&tag=ai"
    canonical = f"organiser={min(gbg.pk, malmo.pk)}&organiser={max(gbg.pk, malmo.pk)}&tag=ai"

    page = client.get(calendar.url + asked).content.decode()
    for event in wanted:
        assert f'href="{event.url}"' in page
    feed_url = calendar.get_full_url() + "calendar.ics?" + canonical
    assert feed_url.replace("&", "&amp;") in page  # the subscribe box
    embed_src = calendar.get_full_url() + "embed/?" + canonical
    assert f'src="{embed_src.replace("&", "&amp;")}"' in page  # the snippet

    uids = {event.uid for event in wanted}
    assert _feed_uids(client, feed_url) == uids
    data = listed(client, calendar, "?" + canonical + "&limit=50")
    assert {o["uid"] for o in data["occurrences"]} == uids
    assert data["feed_url"] == feed_url
    assert data["embed_url"] == calendar.get_full_url() + "embed/?" + canonical.replace(
        "organiser=", "limit=50&organiser=", 1
    )
    assert data["name"].endswith("Göteborg, Malmö: ai")
    # Asked the other way round: the same list, from the same cached copy (no event read).
    with CaptureQueriesContext(connection) as run:
        assert listed(client, calendar, asked + "&limit=50") == data
    assert not [q for q in run.captured_queries if "events_eventpage" in q["sql"]]
    embed = client.get(embed_src).content.decode()
    assert {o["url"].removeprefix("http://testserver") for o in data["occurrences"]} == {
        event.url for event in wanted
    }
    for event in wanted:
        assert f'href="{event.url}"' in embed
    assert "Träff 2" not in embed  # Umeå's, tagged ai
    assert "Göteborg, Malmö: ai" in embed
    assert feed_url.replace("https://", "webcal://").replace("http://", "webcal://").replace(
        "&", "&amp;"
    ) in embed


# --- queries ------------------------------------------------------------------------------------

# Measured, the same at 10 and at 200 events: the calendar's embed 12 and JSON list 13 (one
# more: is the page private?), a group's 14 and 15 (Wagtail routes through one more page);
# a tag filter adds one (its name), an organiser filter one (its page). The queries:
# Wagtail's routing and privacy checks, the listing (the limit-th one-off event, the events,
# their exception dates, their organisers) and the tree's root for the addresses. A listing
# with a series reads its changed sessions too (one query more, events.models.overrides).
EMBED_MAX_QUERIES = 15
JSON_MAX_QUERIES = 17
# A mix of a group and a lab, two kinds and a topic on the calendar, measured the same at 10
# and 200 events: the embed 16 and the JSON list 17, the names of the organisers (one query,
# then one per page type) and of the topic on top of the calendar's 12 and 13.
MIX_EMBED_MAX_QUERIES = 17
MIX_JSON_MAX_QUERIES = 18


def _add_events(calendar, group, lab, count):
    for n in range(count):
        EventPageFactory(
            parent=(calendar, group, lab)[n % 3],
            start_date=day(1 + n % 40),
            tags=["data"] if n % 2 else [],
            **({"repeat_frequency": "WEEKLY", "repeat_count": 3} if n % 5 == 0 else {}),
        )


def _measure(client, urls, django_assert_max_num_queries):
    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200  # warm what a running process keeps
        bump_feed_generation()  # build the list, not a hit in the cache
        limit = JSON_MAX_QUERIES if ".json" in url else EMBED_MAX_QUERIES
        if url.count("organiser=") > 1:
            limit = MIX_JSON_MAX_QUERIES if ".json" in url else MIX_EMBED_MAX_QUERIES
        with django_assert_max_num_queries(limit, info=url) as run:
            response = client.get(url)
        assert response.status_code == 200
        counts[url] = len(run)
    return counts


def test_constant_queries_at_10_and_200_events(
    client, calendar, group, django_assert_max_num_queries, settings
):
    from labs.factories import LabIndexPageFactory

    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache
    lab = LabPageFactory(parent=LabIndexPageFactory(parent=calendar.get_parent()))
    urls = [
        calendar.url + "embed/",
        calendar.url + f"embed/?limit={MAX_LIMIT}&tag=data",
        group.url + "embed/",
        lab.url + "embed/?kind=lab",
        calendar.url + f"upcoming.json?limit={MAX_LIMIT}",
        calendar.url + f"upcoming.json?kind=lab&organiser={lab.pk}",
        group.url + "upcoming.json?tag=data",
    ]
    # A mix: a group and a lab, two kinds, a topic (canonical, as the snippet gives it).
    low, high = sorted((group.pk, lab.pk))
    mix = f"kind=event&kind=lab&organiser={low}&organiser={high}&tag=data"
    urls += [calendar.url + "embed/?" + mix, calendar.url + "upcoming.json?" + mix]
    _add_events(calendar, group, lab, 10)
    small = _measure(client, urls, django_assert_max_num_queries)
    _add_events(calendar, group, lab, 190)
    large = _measure(client, urls, django_assert_max_num_queries)
    # Constant in the number of events: a listing that happens to show a series reads its
    # changed sessions in one more query, so a count may differ by that one, never more.
    assert all(abs(large[url] - small[url]) <= 1 for url in urls), (small, large)
    print("\nqueries at 10 and at 200 events:", small)
