"""A group's and a lab's past events: the recent few on the page, and an archive page with
every one of them, a year and a page at a time, that a crawler walks from the group's page.
"""

import datetime as dt
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from events.factories import EventPageFactory, TalkPageFactory
from events.localtime import local_today
from events.models import EventPage
from hub.factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # test and measure rendering, not the page cache


def in_days(days):
    return local_today() + dt.timedelta(days=days)


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(html):
    return [a.get_text(strip=True) for a in html.select(".card__title a")]


@pytest.fixture
def group_en(group, group_index):
    translate(group_index, title="Local groups", slug="groups")
    return translate(group, title="Civic Tech Gothenburg", slug="gothenburg")


@pytest.fixture
def history(group):
    """Eight years of a group's events: one-offs, a series, a cancelled one, upcoming ones."""
    events = []
    for i in range(36):
        events.append(
            EventPageFactory(parent=group, title=f"Träff {i}", start_date=in_days(-80 * i - 1))
        )
    events.append(
        EventPageFactory(
            parent=group,
            title="Veckoserie",
            start_date=in_days(-400),
            repeat_frequency="WEEKLY",
            repeat_count=30,
        )
    )
    events.append(
        EventPageFactory(
            parent=group, title="Inställd", start_date=in_days(-900), status="cancelled"
        )
    )
    events.append(EventPageFactory(parent=group, title="Snart", start_date=in_days(5)))
    return events


# --- the group page's section ----------------------------------------------------------------


def test_group_page_shows_the_latest_past_events_and_links_the_archive(client, group, history):
    html = soup(client.get(group.url))
    section = html.find(id="past-events-heading").parent
    assert card_titles(section) == ["Träff 0", "Träff 1", "Träff 2", "Veckoserie", "Träff 3"]
    link = section.find("a", class_=False, href=lambda h: h and h.endswith("/tidigare-evenemang/"))
    assert link["href"] == f"{group.url}tidigare-evenemang/"
    upcoming = html.find(id="upcoming-events-heading").parent
    assert card_titles(upcoming) == ["Snart"]


def test_group_without_past_events_has_no_past_section(client, group):
    EventPageFactory(parent=group, start_date=in_days(3))
    html = soup(client.get(group.url))
    assert not html.find(id="past-events-heading")
    assert client.get(f"{group.url}tidigare-evenemang/").status_code == 200


def test_lab_page_links_its_archive(client, lab):
    for i in range(8):
        EventPageFactory(parent=lab, title=f"Labbträff {i}", start_date=in_days(-30 * i - 1))
    TalkPageFactory(parent=lab, title="Föreläsning", start_date=in_days(-500))
    html = soup(client.get(lab.url))
    section = html.find(id="past-sessions-heading").parent
    assert len(card_titles(section)) == 5
    archive = soup(client.get(section.find("p", class_="past-section__all").a["href"]))
    year = in_days(-500).year
    older = soup(client.get(f"{lab.url}tidigare-evenemang/", {"year": year}))
    assert "Föreläsning" in card_titles(older)
    assert archive.find("nav", class_="archive-years")


# --- the crawl -------------------------------------------------------------------------------


def crawl(client, start, scope):
    """Every page reachable by links from `start` whose path lies below `scope`."""
    seen, queue, pages = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = BeautifulSoup(response.content.decode(), "html.parser")
        pages[url] = html
        for a in html.find_all("a", href=True):
            target = urljoin(url, a["href"]).split("#")[0]
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith(scope):
                continue
            if parts.path.endswith(".ics"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_a_crawler_finds_every_event_of_the_group_and_its_ics(client, group, history):
    pages = crawl(client, group.url, group.url)
    found = {url for url in pages if "?" not in url and url.count("/") > group.url.count("/")}
    event_urls = {event.url for event in history}
    assert event_urls <= found, sorted(event_urls - found)
    # Every year of the archive was visited, and more than one page of some year.
    assert any("page=2" in url for url in pages)
    for event in history:
        ics_links = [a["href"] for a in pages[event.url].find_all("a", href=True)]
        ics = next(href for href in ics_links if href.endswith("event.ics"))
        response = client.get(urljoin(event.url, ics))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        [vevent] = calendar.walk("VEVENT")
        assert str(vevent["UID"]) == EventPage.objects.get(pk=event.pk).uid


# --- the archive page -----------------------------------------------------------------------


def test_archive_page_head_and_landmarks(client, group, group_en):
    year = local_today().year - 1
    EventPageFactory(parent=group_en, title="Old meetup", start_date=dt.date(year - 2, 5, 1))
    for i in range(25):
        start = dt.date(year, 6, 1) + dt.timedelta(days=i)
        EventPageFactory(parent=group_en, title=f"Meetup {i}", start_date=start)
    url = f"{group_en.url}past-events/"
    html = soup(client.get(url, {"page": 2, "year": year}))
    assert html.title.get_text().startswith(f"Past events {year}: Civic Tech Gothenburg (page 2) ·")
    canonical = html.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and canonical.endswith(f"{url}?page=2")
    hreflang = {link["hreflang"]: link["href"] for link in html.find_all("link", hreflang=True)}
    assert hreflang["en"] == canonical
    assert hreflang["sv"].endswith(f"{group.url}tidigare-evenemang/?page=2")
    # The language switcher leads to the Swedish archive, too.
    assert html.find("a", hreflang="sv")["href"].endswith(f"{group.url}tidigare-evenemang/?page=2")
    assert html.h1.get_text(strip=True) == "Past events: Civic Tech Gothenburg"
    assert html.find("h2", id="archive-year-heading").get_text(strip=True) == str(year)
    assert {h.name for h in html.select(".card__title")} == {"h3"}
    years = html.find("nav", class_="archive-years")
    assert years["aria-label"] == "Past events by year"
    assert years.find("a", attrs={"aria-current": "page"}).get_text() == str(year)
    pagination = html.find("nav", class_="pagination")
    assert pagination["aria-label"] == "Pagination"
    assert pagination.find(attrs={"aria-current": "page"})
    crumbs = html.find("nav", class_="breadcrumbs")
    assert crumbs.find(attrs={"aria-current": "page"}).get_text() == "Past events"
    assert crumbs.find("a", href=group_en.url)
    assert html.find("link", type="text/calendar")


def test_archive_answers_bad_input_without_error(client, group, history):
    base = f"{group.url}tidigare-evenemang/"
    default = card_titles(soup(client.get(base)))
    for query in ["year=abc", "year=1066", "year=20255", "page=0", "page=999", "page=x&year=-1"]:
        assert card_titles(soup(client.get(f"{base}?{query}")))  # a page of events, no 500
    assert card_titles(soup(client.get(f"{base}?year=1066"))) == default
    assert client.get(f"{group.url}tidigare-evenemang/2019/").status_code == 404
    # The English route answers on the Swedish page too, and names the Swedish one canonical.
    html = soup(client.get(f"{group.url}past-events/"))
    assert html.find("link", rel="canonical")["href"].endswith(base)


def test_archives_are_in_the_sitemap(client, group, group_en, lab):
    xml = client.get("/sitemap.xml").content.decode()
    for url in (
        f"{group.url}tidigare-evenemang/",
        f"{group_en.url}past-events/",
        f"{lab.url}tidigare-evenemang/",
    ):
        assert f"{url}</loc>" in xml, url


# --- constant queries as the archive grows ---------------------------------------------------

SMALL, LARGE = 10, 500
# Every public page stays within 20 (measured 16 to 18); equal for 10 and 500.
PAGE_MAX = 20


def grow_and_measure(client, parent, urls, django_assert_max_num_queries, add_talks=False):
    measured = []
    added = 0
    EventPageFactory(parent=parent, start_date=in_days(4))  # something upcoming
    for total in (SMALL, LARGE):
        while added < total:
            start = in_days(-(5 * added + 1))
            if add_talks and added % 10 == 9:
                TalkPageFactory(parent=parent, start_date=start)
            elif added % 50 == 0:
                EventPageFactory(
                    parent=parent, start_date=start, repeat_frequency="WEEKLY", repeat_count=4
                )
            else:
                EventPageFactory(parent=parent, start_date=start)
            added += 1
        counts = {}
        for url in urls:
            client.get(url)  # warm per-process caches (content types, site root paths)
            with django_assert_max_num_queries(PAGE_MAX, info=url) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[url] = len(queries)
        measured.append(counts)
    print(f"\nquery counts ({SMALL} / {LARGE} past events):")
    for url in urls:
        print(f"  {url}: {measured[0][url]} / {measured[1][url]}")
    assert measured[0] == measured[1]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_group_pages_cost_the_same_at_10_and_500_past_events(
    client, group, group_en, language, django_assert_max_num_queries
):
    page = group if language == "sv" else group_en
    route = "tidigare-evenemang" if language == "sv" else "past-events"
    year = in_days(-30).year
    urls = [page.url, f"{page.url}{route}/", f"{page.url}{route}/?year={year}&page=2"]
    grow_and_measure(client, page, urls, django_assert_max_num_queries)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_lab_pages_cost_the_same_at_10_and_500_past_events(
    client, lab, lab_index, language, django_assert_max_num_queries
):
    if language == "en":
        translate(lab_index, title="Labs", slug="labs")
        lab = translate(lab, title="Civic Tech Lab", slug="civic-tech-lab")
    route = "tidigare-evenemang" if language == "sv" else "past-events"
    year = in_days(-30).year
    urls = [lab.url, f"{lab.url}{route}/", f"{lab.url}{route}/?year={year}&page=2"]
    grow_and_measure(client, lab, urls, django_assert_max_num_queries, add_talks=True)


# --- in a real browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_axe_on_the_group_page_and_its_archive(live_server, page, axe, settings, tmp_path):
    """WCAG 2.1 A/AA on a group page with a past-events section and photos of organisers,
    and on its archive (years navigation, pagination)."""
    settings.MEDIA_ROOT = tmp_path
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection

    from hub.factories import PersonFactory
    from hub.setup import ensure_home_pages
    from labs.factories import (
        LocalGroupIndexPageFactory,
        LocalGroupOrganiserFactory,
        LocalGroupPageFactory,
    )

    home = ensure_home_pages()[0]
    group = LocalGroupPageFactory(parent=LocalGroupIndexPageFactory(parent=home), slug="goteborg")
    photo = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), collection=Collection.get_first_root_node()
    )
    person = PersonFactory(
        name="Ada Lund", photo=photo, bio="Bygger öppna verktyg.", show_email=True
    )
    LocalGroupOrganiserFactory(page=group, person=person)
    for i in range(30):
        EventPageFactory(parent=group, title=f"Träff {i}", start_date=in_days(-40 * i - 1))
    for url in (
        group.url,
        f"{group.url}tidigare-evenemang/",
        f"{group.url}tidigare-evenemang/?page=2",
    ):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        axe(page, url)
