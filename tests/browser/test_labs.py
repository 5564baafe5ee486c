"""Labs pages in real Chromium: the map by keyboard, a group and a lab, and axe in sv and en."""

import datetime as dt
import re

import pytest

from events.factories import EventPageFactory, TalkPageFactory
from events.localtime import local_today
from hub.factories import PartnerPageFactory, PersonFactory, translate
from hub.setup import ensure_home_pages
from labs.factories import (
    LabHostPartnerFactory,
    LabIndexPageFactory,
    LabPageFactory,
    LocalGroupIndexPageFactory,
    LocalGroupOrganiserFactory,
    LocalGroupPageFactory,
    LocalGroupPartnerFactory,
)

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)

CITIES = [
    ("Göteborg", "goteborg", "57.70887", "11.97456", "Gothenburg"),
    ("Stockholm", "stockholm", "59.32932", "18.06858", "Stockholm"),
    ("Umeå", "umea", "63.82584", "20.26304", "Umea"),
]


def in_days(days):
    return local_today() + dt.timedelta(days=days)


@pytest.fixture
def community():
    """Groups with events, organisers and partners, and labs with sessions, in sv and en."""
    home, _home_en = ensure_home_pages()
    partner = PartnerPageFactory(title="Digidem Lab")
    group_index = LocalGroupIndexPageFactory(parent=home)
    groups = []
    for city, slug, lat, lon, _english in CITIES:
        group = LocalGroupPageFactory(
            parent=group_index, city=city, slug=slug, latitude=lat, longitude=lon
        )
        EventPageFactory(parent=group, title=f"Träff i {city}", start_date=in_days(5))
        LocalGroupOrganiserFactory(
            page=group,
            person=PersonFactory(name=f"Organisatör {city}", show_email=True),
            is_contact=True,
        )
        LocalGroupPartnerFactory(page=group, partner=partner)
        groups.append(group)
    lab_index = LabIndexPageFactory(parent=home)
    lab = LabPageFactory(parent=lab_index, title="Nationella labbet", slug="nationella-labbet")
    LabHostPartnerFactory(page=lab, partner=partner)
    LabPageFactory(parent=lab_index, title="Labb Skåne", slug="skane", regional=True)
    EventPageFactory(parent=lab, title="Labbträff 2", start_date=in_days(10))
    EventPageFactory(parent=lab, title="Labbträff 1", start_date=in_days(-10))
    TalkPageFactory(
        parent=lab, title="Föreläsning i labbet", start_date=in_days(20), speakers=[PersonFactory()]
    )

    english = {
        "group_index": translate(group_index, title="Local groups", slug="groups"),
        "lab_index": translate(lab_index, title="Labs", slug="labs"),
    }
    english["groups"] = [
        translate(group, title=f"Civic Tech {name}", slug=slug)
        for group, (_c, slug, _la, _lo, name) in zip(groups, CITIES, strict=True)
    ]
    english["lab"] = translate(lab, title="National lab", slug="national-lab")
    return {
        "group_index": group_index,
        "groups": groups,
        "lab_index": lab_index,
        "lab": lab,
        "en": english,
    }


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const marker = el && el.closest('.group-map__marker');
            return marker ? {marker: true, label: marker.getAttribute('aria-label'),
                             href: marker.getAttribute('href')}
                          : {marker: false, tag: el && el.tagName};
        }"""
    )


def test_groups_index_map_and_list_by_keyboard(live_server, page, axe, community):
    groups = community["groups"]
    page.goto(live_server.url + community["group_index"].url)
    markers = page.locator("svg.group-map__svg a.group-map__marker")
    assert markers.count() == len(groups)
    list_links = page.locator("ul.group-list h3 a")
    assert list_links.count() == len(groups)
    assert sorted(list_links.evaluate_all("els => els.map(e => e.getAttribute('href'))")) == sorted(
        markers.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )
    # The map's accessible structure: a labelled group of named links; the outline is hidden.
    svg = page.locator("svg.group-map__svg")
    assert svg.get_attribute("role") == "group"
    assert page.locator("#" + svg.get_attribute("aria-labelledby")).inner_text()
    assert page.locator("path.group-map__land").get_attribute("aria-hidden") == "true"

    # Tab through the page until the first map marker has focus; its name is announced.
    for _ in range(60):
        page.keyboard.press("Tab")
        state = focused(page)
        if state["marker"]:
            break
    else:
        pytest.fail("No map marker could be reached with the Tab key")
    assert state["label"].startswith("Civic Tech ")
    # The focus is visible: the marker's circle is drawn differently when focused.
    fill = page.evaluate(
        "() => getComputedStyle(document.activeElement.querySelector('circle')).fill"
    )
    assert fill == "rgb(255, 210, 77)"  # the accent colour
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(state["href"]) + "$"))
    assert page.locator("h1").inner_text() == state["label"].split(" (")[0]
    axe(page, "group page reached from the map")


def test_group_page_shows_its_events_and_the_subscribe_control(live_server, page, community):
    group = community["groups"][0]
    page.goto(live_server.url + group.url)
    upcoming = page.locator("section[aria-labelledby='upcoming-events-heading']")
    assert upcoming.locator(".event-list .card__title a").all_inner_texts() == ["Träff i Göteborg"]
    feed = page.locator("head link[rel='alternate'][type='text/calendar']")
    assert feed.get_attribute("href").endswith(group.url + "calendar.ics")
    subscribe = page.locator("section.subscribe")
    assert subscribe.locator("a[href^='webcal://']").is_visible()
    address = subscribe.get_by_label(re.compile("Kalenderns adress"))
    assert address.input_value() == feed.get_attribute("href")
    # The subscribe link is reachable by keyboard.
    subscribe.locator("a[href^='webcal://']").focus()
    assert page.evaluate("() => document.activeElement.href.startsWith('webcal://')")
    assert page.get_by_text("Organisatör Göteborg", exact=True).is_visible()
    assert page.get_by_role("link", name="Digidem Lab").is_visible()


def test_lab_page_shows_sessions_and_hosts(live_server, page, community):
    lab = community["lab"]
    page.goto(live_server.url + lab.url)
    upcoming = page.locator("section[aria-labelledby='upcoming-sessions-heading']")
    assert upcoming.locator(".card__title a").all_inner_texts() == [
        "Labbträff 2",
        "Föreläsning i labbet",
    ]
    past = page.locator("section[aria-labelledby='past-sessions-heading']")
    assert past.locator(".card__title a").all_inner_texts() == ["Labbträff 1"]
    assert page.get_by_role("link", name="Digidem Lab").is_visible()
    assert page.locator("section.subscribe a[href^='webcal://']").is_visible()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_on_every_labs_page_type(live_server, page, axe, community, language):
    pages = community if language == "sv" else community["en"]
    urls = {
        "local group index": pages["group_index"].url,
        "local group": pages["groups"][0].url,
        "lab index": pages["lab_index"].url,
        "lab": pages["lab"].url,
    }
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == language
        axe(page, f"{name} [{language}]")
