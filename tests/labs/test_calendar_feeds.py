"""Groups and labs in the calendar's filters and feeds: what you see is what you subscribe to.

A mix of two groups and a topic on the calendar page offers exactly that feed; the feed holds
exactly the events the page lists (read back with icalendar, recurring-ical-events and
vobject); every subscribe box has the one-click links of the big calendar services.
"""

from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from events.factories import CalendarPageFactory, EventPageFactory, TalkIndexPageFactory
from labs.factories import LocalGroupPageFactory
from tests.events.parsers import both


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


@pytest.fixture
def city(group_index, lab):
    """Events in Göteborg, Malmö, Uppsala and a lab, with and without the topic AI."""
    goteborg = LocalGroupPageFactory(
        parent=group_index, title="Civic Tech Göteborg", city="Göteborg", slug="goteborg"
    )
    malmo = LocalGroupPageFactory(
        parent=group_index, title="Civic Tech Malmö", city="Malmö", slug="malmo"
    )
    uppsala = LocalGroupPageFactory(
        parent=group_index, title="Civic Tech Uppsala", city="Uppsala", slug="uppsala"
    )
    events = {
        "gbg-ai": EventPageFactory(parent=goteborg, title="GBG AI", tags=["AI"]),
        "gbg-series-ai": EventPageFactory(
            parent=goteborg,
            title="GBG AI-serie",
            tags=["AI", "data"],
            repeat_frequency="WEEKLY",
            repeat_count=4,
        ),
        "gbg-other": EventPageFactory(parent=goteborg, title="GBG annat", tags=["data"]),
        "mmo-ai": EventPageFactory(parent=malmo, title="Malmö AI", tags=["AI"]),
        "mmo-none": EventPageFactory(parent=malmo, title="Malmö utan ämne"),
        "upp-ai": EventPageFactory(parent=uppsala, title="Uppsala AI", tags=["AI"]),
        "lab-ai": EventPageFactory(parent=lab, title="Labb AI", tags=["AI"]),
    }
    return {"goteborg": goteborg, "malmo": malmo, "uppsala": uppsala, "lab": lab, **events}


def listed_titles(html):
    return {a.get_text(strip=True) for a in html.select(".card__title a")}


def feed_url_of(html):
    link = html.head.find("link", rel="alternate", type="text/calendar")
    return link["href"], link["title"]


def test_mix_of_two_groups_and_a_topic(client, calendar, city):
    goteborg, malmo = city["goteborg"], city["malmo"]
    query = f"?tag=ai&organiser={malmo.pk}&organiser={goteborg.pk}&organiser={malmo.pk}"
    html = soup(client.get(calendar.url + query))
    assert listed_titles(html) == {"GBG AI", "GBG AI-serie", "Malmö AI"}

    first, second = sorted([goteborg.pk, malmo.pk])
    canonical = (
        f"http://testserver{calendar.url}calendar.ics?organiser={first}&organiser={second}&tag=ai"
    )
    href, title = feed_url_of(html)
    assert href == canonical
    assert title == "Civic Tech Sweden – Göteborg, Malmö: AI"
    box = html.find("section", id="calendar-subscribe")
    assert box.find("input", readonly=True)["value"] == canonical
    assert box.find("a", href=canonical.replace("http://", "webcal://"))
    assert "Civic Tech Sweden – Göteborg, Malmö: AI" in box.get_text()

    response = client.get(canonical)
    assert response.status_code == 200
    occurrences = both(response.content)  # icalendar + recurring-ical-events and vobject agree
    expected = {city[k].uid for k in ("gbg-ai", "gbg-series-ai", "mmo-ai")}
    assert set(occurrences) == expected
    assert len(occurrences[city["gbg-series-ai"].uid]) == 4  # one series, its RRULE kept
    data = icalendar.Calendar.from_ical(response.content)
    assert data["X-WR-CALNAME"] == "Civic Tech Sweden – Göteborg, Malmö: AI"


def test_groups_and_a_lab_in_one_calendar(client, calendar, city):
    ids = [city["uppsala"].pk, city["lab"].pk, city["malmo"].pk]
    query = "&".join(f"organiser={pk}" for pk in ids)
    html = soup(client.get(f"{calendar.url}?{query}"))
    assert listed_titles(html) == {"Malmö AI", "Malmö utan ämne", "Uppsala AI", "Labb AI"}
    href, title = feed_url_of(html)
    assert title == f"Civic Tech Sweden – {city['lab'].title}, Malmö, Uppsala"  # by name
    got = set(both(client.get(href).content))
    assert got == {city[k].uid for k in ("mmo-ai", "mmo-none", "upp-ai", "lab-ai")}


def test_builder_offers_groups_labs_and_topics_in_fieldsets(client, calendar, city):
    html = soup(client.get(f"{calendar.url}?organiser={city['malmo'].pk}"))
    builder = html.find("section", id="calendar-builder")
    form = builder.find("form")
    assert form["method"] == "get" and form["action"].endswith("#calendar-subscribe")
    fieldsets = {fs.legend.get_text(strip=True): fs for fs in form.find_all("fieldset")}
    with translation.override("sv"):
        legends = {translation.gettext(w) for w in ("Local groups", "Labs", "Topics")}
    assert set(fieldsets) >= legends
    boxes = form.find_all("input", type="checkbox")
    for box in boxes:  # every checkbox has its own label
        assert form.find("label", attrs={"for": box["id"]})
    assert len({box["id"] for box in boxes}) == len(boxes)
    ticked = [box["value"] for box in boxes if box.has_attr("checked")]
    assert ticked == [str(city["malmo"].pk)]
    lab_values = {b["value"] for fs in fieldsets.values() for b in fs.find_all("input")}
    assert str(city["lab"].pk) in lab_values


def test_organiser_and_tag_filters_on_group_and_lab_feeds(client, city):
    goteborg = city["goteborg"]
    response = client.get(goteborg.url + "calendar.ics?tag=ai&tag=data")
    assert set(both(response.content)) == {
        city[k].uid for k in ("gbg-ai", "gbg-series-ai", "gbg-other")
    }
    data = icalendar.Calendar.from_ical(response.content)
    assert data["X-WR-CALNAME"] == "Civic Tech Sweden – Göteborg: AI, data"
    plain = icalendar.Calendar.from_ical(client.get(goteborg.url + "calendar.ics").content)
    assert plain["X-WR-CALNAME"] == "Civic Tech Sweden – Göteborg"
    lab = icalendar.Calendar.from_ical(client.get(city["lab"].url + "calendar.ics").content)
    assert lab["X-WR-CALNAME"] == f"Civic Tech Sweden – {city['lab'].title}"


def test_feed_names_in_english(client, home_en, city):
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    group_en = city["goteborg"].copy_for_translation(en, copy_parents=True)
    group_en.save_revision().publish()
    with translation.override("en"):
        html = soup(client.get(group_en.url))
    _href, title = feed_url_of(html)
    assert title == "Civic Tech Sweden – Göteborg"


def _client_links(box):
    links = {}
    for a in box.select(".subscribe__clients a"):
        href = a["href"]
        if href.startswith("webcal://"):
            links["webcal"] = href
        else:
            parts = urlsplit(href)
            links[f"{parts.netloc}{parts.path}"] = parse_qs(parts.query)
    return links


def test_every_subscribe_box_has_the_four_client_links(client, home, calendar, city):
    talk_index = TalkIndexPageFactory(parent=home)
    pages = [
        (calendar.url, "Civic Tech Sweden – "),
        (calendar.url + f"?organiser={city['goteborg'].pk}&tag=ai", "Göteborg: AI"),
        (city["goteborg"].url, "Civic Tech Sweden – Göteborg"),
        (city["lab"].url, city["lab"].title),
        (talk_index.url, "Civic Tech Sweden – Expertföreläsningar"),
    ]
    for url, name_part in pages:
        html = soup(client.get(url))
        feed, name = feed_url_of(html)
        assert name_part in name, url
        box = html.find("section", class_="subscribe")
        links = _client_links(box)
        assert links["webcal"] == feed.replace("http://", "webcal://")
        google = links["calendar.google.com/calendar/r"]
        assert google == {"cid": [feed.replace("http://", "webcal://")]}
        for host in ("outlook.live.com", "outlook.office.com"):
            assert links[f"{host}/calendar/0/addfromweb"] == {"url": [feed], "name": [name]}
        # The feed address is encoded inside the links, never left raw (its & would split).
        for a in box.select(".subscribe__clients a"):
            if not a["href"].startswith("webcal://"):
                assert "calendar.ics?" not in a["href"]


def test_mixed_feed_and_page_queries_do_not_grow(
    client, calendar, group_index, lab, django_assert_max_num_queries
):
    from django.core.cache import cache

    groups = [
        LocalGroupPageFactory(parent=group_index, city=name, slug=name.lower())
        for name in ("Göteborg", "Malmö", "Umeå")
    ]
    query = f"?organiser={groups[0].pk}&organiser={groups[1].pk}&organiser={lab.pk}&tag=ai"
    client.get(calendar.url, {"view": "month"})  # the first page view creates site settings
    counts = []
    for start, stop in ((0, 10), (10, 200)):
        for i in range(start, stop):
            parent = [*groups, lab][i % 4]
            if i % 7 == 0:
                EventPageFactory(
                    parent=parent, tags=["ai"], repeat_frequency="WEEKLY", repeat_count=5
                )
            else:
                EventPageFactory(parent=parent, tags=["ai" if i % 2 else "data"])
        cache.clear()  # cold: no cached feed or page
        with django_assert_max_num_queries(21) as feed_queries:
            response = client.get(calendar.url + "calendar.ics" + query)
        assert response.status_code == 200
        # 19: the page reads the listed series' changed sessions in one query.
        with django_assert_max_num_queries(19) as page_queries:
            assert client.get(calendar.url + query).status_code == 200
        counts.append((len(feed_queries), len(page_queries)))
    print(f"two groups, a lab and a tag, 10 and 200 events (feed, page): {counts}")
    assert counts[0] == counts[1]
