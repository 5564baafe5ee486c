"""Group and lab pages through HTTP: rendering in both languages, events, feeds, the map."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from icalendar import Calendar

from events.factories import EventPageFactory, TalkPageFactory
from events.localtime import local_today
from events.models import EventStatus
from hub.factories import PartnerPageFactory, PersonFactory, translate
from labs.factories import (
    LabHostPartnerFactory,
    LabPageFactory,
    LocalGroupOrganiserFactory,
    LocalGroupPageFactory,
    LocalGroupPartnerFactory,
)
from labs.models import LocalGroupPage, OrganiserRole

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def empty_upcoming_section(html, heading_id, empty_msgid):
    """The upcoming section of a page without events: it says so (in Swedish, the page's
    language) and still offers the subscribe control."""
    section = html.find(id=heading_id).parent
    with translation.override("sv"):
        assert translation.gettext(empty_msgid) in section.get_text()
    assert section.find("section", class_="subscribe")
    return section


def in_days(days):
    return local_today() + dt.timedelta(days=days)


def feed_uids(client, page, query=""):
    """The UIDs of the VEVENTs in `page`'s calendar feed, parsed with icalendar."""
    response = client.get(page.url + "calendar.ics" + query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def uids(*events):
    return {event.uid for event in events}


# --- Local groups ----------------------------------------------------------------------


class TestGroupPage:
    def test_renders_in_swedish_with_its_facts(self, client, group):
        organiser = LocalGroupOrganiserFactory(
            page=group,
            person=PersonFactory(name="Ada Lind", email="ada@example.org", show_email=True),
            role=OrganiserRole.HOST,
            is_contact=True,
        )
        LocalGroupOrganiserFactory(page=group, person=PersonFactory(name="Bo Ek"), role="")
        partner = PartnerPageFactory(title="Digidem Lab")
        LocalGroupPartnerFactory(page=group, partner=partner)
        html = soup(client.get(group.url))
        assert html.html["lang"] == "sv"
        assert html.h1.get_text() == "Civic Tech Göteborg"
        text = html.main.get_text(" ", strip=True)
        assert "Göteborg" in text
        with translation.override("sv"):
            host = str(OrganiserRole.HOST.label)  # "Värd" once the translations are in
        for expected in ("Ada Lind", host, "Bo Ek", "Digidem Lab", "hej@example.org"):
            assert expected in text
        assert html.find("a", href="mailto:ada@example.org")
        assert html.find("a", href=partner.url)
        assert html.find("a", href=group.chat_link)
        assert organiser.person.public_email

    def test_renders_in_english(self, client, group_index, group):
        translate(group_index, title="Local groups", slug="groups")
        english = translate(group, title="Civic Tech Gothenburg", slug="gothenburg")
        assert english.url == "/en/groups/gothenburg/"
        html = soup(client.get(english.url))
        assert html.html["lang"] == "en"
        assert html.h1.get_text() == "Civic Tech Gothenburg"
        headings = [h.get_text(strip=True) for h in html.find_all(["h2", "h3"])]
        assert "Upcoming events" in headings
        assert "Subscribe to this calendar" in headings
        assert "Organisers" in headings or "Contact" in headings

    def test_english_page_links_the_english_partner(self, client, group_index, group):
        partner = PartnerPageFactory(title="Vinnova", slug="vinnova")
        LocalGroupPartnerFactory(page=group, partner=partner)
        translate(partner.get_parent().specific, title="Partners", slug="partners")
        partner_en = translate(partner, title="Vinnova (en)")
        translate(group_index, title="Local groups", slug="groups")
        english = translate(group, title="Civic Tech Gothenburg", slug="gothenburg")
        html = soup(client.get(english.url))
        assert html.find("a", href=partner_en.url, string="Vinnova (en)")
        assert not html.find("a", href=partner.url)

    def test_lists_only_its_own_upcoming_events(self, client, group_index, group):
        other = LocalGroupPageFactory(parent=group_index, city="Uppsala", slug="uppsala")
        EventPageFactory(parent=group, title="Vår träff", start_date=in_days(3))
        EventPageFactory(parent=group, title="Vår senare träff", start_date=in_days(30))
        EventPageFactory(parent=group, title="Vår förra träff", start_date=in_days(-10))
        EventPageFactory(parent=other, title="Deras träff", start_date=in_days(4))
        EventPageFactory(title="Nationell träff", start_date=in_days(5))  # on the calendar
        html = soup(client.get(group.url))
        section = html.find(id="upcoming-events-heading").parent
        titles = [a.get_text(strip=True) for a in section.select(".event-list .card__title a")]
        assert titles == ["Vår träff", "Vår senare träff"]

    def test_an_event_later_today_is_upcoming(self, client, group):
        EventPageFactory(
            parent=group,
            title="Ikväll",
            start_date=local_today(),
            start_time=dt.time(23, 0),
            end_time=dt.time(23, 30),
        )
        html = soup(client.get(group.url))
        assert "Ikväll" in html.find(id="upcoming-events-heading").parent.get_text()

    def test_feed_link_in_head_and_subscribe_control(self, client, group):
        html = soup(client.get(group.url))
        link = html.head.find("link", rel="alternate", type="text/calendar")
        assert link is not None
        assert link["href"].endswith(group.url + "calendar.ics")
        assert link["title"]
        subscribe = html.find("section", class_="subscribe")
        webcal = subscribe.find("a", href=lambda h: h and h.startswith("webcal://"))
        assert webcal["href"].endswith(group.url + "calendar.ics")
        field = subscribe.find("input", readonly=True)
        assert field["value"] == link["href"]
        assert subscribe.find("label", attrs={"for": field["id"]})

    def test_upcoming_section_offers_subscribing_and_suggesting_to_this_group(
        self, client, group
    ):
        html = soup(client.get(group.url))
        section = empty_upcoming_section(
            html,
            "upcoming-events-heading",
            "No upcoming events right now. Subscribe to the calendar to hear about the next one.",
        )
        suggest = section.select_one(".suggest-event-link a")
        assert suggest["href"].endswith(f"?organiser={group.pk}")

    def test_group_feed_holds_exactly_the_groups_events(self, client, group_index, group):
        other = LocalGroupPageFactory(parent=group_index, city="Umeå", slug="umea")
        own = [
            EventPageFactory(parent=group, title="Göteborgsträff", start_date=in_days(2)),
            EventPageFactory(
                parent=group,
                title="Inställd träff",
                start_date=in_days(9),
                status=EventStatus.CANCELLED,
            ),
            EventPageFactory(parent=group, title="Förra månadens träff", start_date=in_days(-30)),
        ]
        theirs = EventPageFactory(parent=other, title="Umeåträff", start_date=in_days(2))
        EventPageFactory(title="Nationell konferens", start_date=in_days(2))
        assert feed_uids(client, group) == uids(*own)
        assert feed_uids(client, other) == uids(theirs)

    def test_group_feed_by_tag(self, client, group):
        EventPageFactory(parent=group, title="Datakväll", tags=["öppna data"])
        design = EventPageFactory(parent=group, title="Designkväll", tags=["design"])
        assert feed_uids(client, group, "?tag=design") == uids(design)
        assert feed_uids(client, group, "?tag=finns-inte") == set()

    def test_organiser_email_is_the_groups_address(self, group):
        assert group.organiser_email() == group.contact_email
        assert LocalGroupPage.organiser_kind == "group"


class TestGroupIndex:
    def make_groups(self, group_index):
        return [
            LocalGroupPageFactory(
                parent=group_index, city=city, slug=slug, latitude=lat, longitude=lon
            )
            for city, slug, lat, lon in [
                ("Göteborg", "goteborg", "57.70887", "11.97456"),
                ("Stockholm", "stockholm", "59.32932", "18.06858"),
                ("Umeå", "umea", "63.82584", "20.26304"),
            ]
        ] + [
            LocalGroupPageFactory(
                parent=group_index, city="Gävle", slug="gavle", latitude=None, longitude=None
            )
        ]

    def test_map_has_one_focusable_named_marker_per_group_and_the_list_matches(
        self, client, group_index
    ):
        groups = self.make_groups(group_index)
        html = soup(client.get(group_index.url))
        svg = html.find("svg", class_="group-map__svg")
        assert svg["viewbox"].startswith("0 0 ")
        assert "," not in svg["viewbox"]  # no decimal commas, whatever the language
        outline = svg.find("path", class_="group-map__land")
        assert outline["aria-hidden"] == "true"
        markers = svg.find_all("a", class_="group-map__marker")
        mapped = [g for g in groups if g.has_coordinates]
        assert len(markers) == len(mapped) == 3
        for marker in markers:
            assert marker["href"]  # a link, so focusable by keyboard
            assert marker["aria-label"].strip()
            assert "tabindex" not in marker.attrs or marker["tabindex"] != "-1"
            circle = marker.find("circle")
            assert "," not in circle["cx"] + circle["cy"]
        assert {m["href"] for m in markers} == {g.url for g in mapped}
        assert {m["aria-label"] for m in markers} == {f"{g.title} ({g.city})" for g in mapped}
        # The list is the primary structure: every group, mapped or not, in title order.
        listed = [a["href"] for a in html.find("ul", class_="group-list").select("h3 a")]
        assert listed == [g.url for g in sorted(groups, key=lambda g: g.title)]
        assert {m["href"] for m in markers} <= set(listed)

    def test_markers_sit_where_the_cities_are(self, client, group_index):
        self.make_groups(group_index)
        html = soup(client.get(group_index.url))
        position = {
            m["aria-label"]: (float(m.circle["cx"]), float(m.circle["cy"]))
            for m in html.find_all("a", class_="group-map__marker")
        }
        gbg = position["Civic Tech Göteborg (Göteborg)"]
        sthlm = position["Civic Tech Stockholm (Stockholm)"]
        umea = position["Civic Tech Umeå (Umeå)"]
        assert umea[1] < sthlm[1] < gbg[1]
        assert gbg[0] < sthlm[0] < umea[0]

    def test_renders_in_english(self, client, group_index):
        gothenburg = self.make_groups(group_index)[0]
        english = translate(group_index, title="Local groups", slug="groups")
        html = soup(client.get(english.url))
        assert html.html["lang"] == "en"
        assert "There are no local groups yet." in html.main.get_text()
        # The English index lists the English tree's groups only.
        gothenburg_en = translate(gothenburg, title="Civic Tech Gothenburg", slug="gothenburg")
        html = soup(client.get(english.url))
        assert html.find(id="groups-list-heading").get_text() == "All local groups"
        markers = html.find_all("a", class_="group-map__marker")
        assert [m["href"] for m in markers] == [gothenburg_en.url]
        assert markers[0]["aria-label"] == "Civic Tech Gothenburg (Göteborg)"
        assert "Every group on the map is also in the list." in html.figure.get_text()

    def test_only_live_groups(self, client, group_index):
        live, draft = self.make_groups(group_index)[:2]
        draft.unpublish()
        html = soup(client.get(group_index.url))
        hrefs = {a["href"] for a in html.select("a.group-map__marker")}
        assert live.url in hrefs
        assert draft.url not in hrefs


# --- Labs --------------------------------------------------------------------------------


class TestLabPage:
    def test_renders_with_sessions_hosts_and_outcomes(self, client, lab):
        host = PartnerPageFactory(title="RISE")
        LabHostPartnerFactory(page=lab, partner=host)
        EventPageFactory(parent=lab, title="Labbträff 2", start_date=in_days(14))
        TalkPageFactory(
            parent=lab,
            title="Expertföreläsning i labbet",
            start_date=in_days(20),
            speakers=[PersonFactory()],
        )
        EventPageFactory(parent=lab, title="Labbträff 1", start_date=in_days(-14))
        html = soup(client.get(lab.url))
        upcoming = html.find(id="upcoming-sessions-heading").parent
        assert [a.get_text(strip=True) for a in upcoming.select(".card__title a")] == [
            "Labbträff 2",
            "Expertföreläsning i labbet",
        ]
        past = html.find(id="past-sessions-heading").parent
        assert [a.get_text(strip=True) for a in past.select(".card__title a")] == ["Labbträff 1"]
        assert html.find("a", href=host.url, string="RISE")
        assert (
            "Prototyp för öppna kommunala data"
            in html.find(id="outcomes-heading").parent.get_text()
        )
        assert html.head.find("link", type="text/calendar")["href"].endswith(
            lab.url + "calendar.ics"
        )
        assert html.find("section", class_="subscribe")

    def test_without_sessions_says_so_and_offers_no_suggest_link(self, client, lab):
        html = soup(client.get(lab.url))
        empty_upcoming_section(
            html,
            "upcoming-sessions-heading",
            "No sessions are planned right now. Subscribe to the calendar to hear about the "
            "next one.",
        )
        assert not html.select(".suggest-event-link")
        assert not html.find(id="past-sessions-heading")

    def test_lab_feed_holds_exactly_the_labs_sessions(self, client, lab_index, lab):
        other = LabPageFactory(parent=lab_index, regional=True, slug="skane")
        own = [
            EventPageFactory(parent=lab, title="Labbträff", start_date=in_days(3)),
            TalkPageFactory(parent=lab, title="Labbföreläsning", start_date=in_days(6)),
        ]
        theirs = EventPageFactory(parent=other, title="Skånelabb", start_date=in_days(3))
        EventPageFactory(title="Nationell träff", start_date=in_days(3))
        assert feed_uids(client, lab) == uids(*own)
        assert feed_uids(client, other) == uids(theirs)

    def test_renders_in_english(self, client, lab_index, lab):
        translate(lab_index, title="Labs", slug="labs")
        english = translate(lab, title="Civic Tech Lab (en)", slug="civic-tech-lab")
        html = soup(client.get(english.url))
        assert html.html["lang"] == "en"
        assert html.find(id="upcoming-sessions-heading").get_text() == "Upcoming sessions"
        assert "National lab" in html.find(class_="page-header").get_text()


class TestLabIndex:
    def test_national_then_regional(self, client, lab_index):
        national = LabPageFactory(parent=lab_index, title="Nationellt labb")
        regional = LabPageFactory(parent=lab_index, title="Labb Skåne", regional=True)
        LabHostPartnerFactory(page=regional, partner=PartnerPageFactory(title="Region Skåne"))
        html = soup(client.get(lab_index.url))
        national_section = html.find(id="national-labs-heading").parent
        regional_section = html.find(id="regional-labs-heading").parent
        assert national_section.find("a", href=national.url)
        assert regional_section.find("a", href=regional.url)
        assert "Region Skåne" in regional_section.get_text()

    def test_renders_in_english(self, client, lab_index):
        LabPageFactory(parent=lab_index)
        english = translate(lab_index, title="Labs", slug="labs")
        html = soup(client.get(english.url))
        assert html.html["lang"] == "en"
        assert html.h1.get_text() == "Labs"
        with translation.override("en"):
            assert "There are no labs yet." in html.main.get_text()


# --- Open data -----------------------------------------------------------------------------


def test_groups_and_labs_in_the_content_api(client, group, lab):
    response = client.get(
        "/api/v2/pages/",
        {"type": "labs.LocalGroupPage", "fields": "city,region,latitude,longitude,contact_email"},
    )
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["city"] == "Göteborg"
    assert item["region"] == "O"
    assert (item["latitude"], item["longitude"]) == ("57.70887", "11.97456")
    response = client.get("/api/v2/pages/", {"type": "labs.LabPage", "fields": "scope,theme"})
    [item] = response.json()["items"]
    assert (item["scope"], item["theme"]) == ("national", lab.theme)
