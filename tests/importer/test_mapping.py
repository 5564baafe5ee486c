"""A civictech.se tree imported into a fresh database: what each file became."""

import datetime as dt

import pytest
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex

from events.models import CalendarPage, EventPage
from hub.importer.models import ImportRecord
from hub.importer.run import JekyllImport
from hub.models import HomePage, NewsPage, PartnerPage, Person, StandardPage
from labs.models import LabIndexPage, LabPage, LocalGroupIndexPage, LocalGroupPage
from projects.models import FundingCall, ProjectIndexPage, ProjectPage

from .jekyll import digidemlab_tree

pytestmark = pytest.mark.django_db

UTC = dt.UTC


@pytest.fixture
def report(site_tree):
    return JekyllImport(site_tree).run()


def sv():
    return Locale.objects.get(language_code="sv")


def en():
    return Locale.objects.get(language_code="en")


def record_page(path):
    return ImportRecord.objects.get(source="civictech.se", source_path=path).page.specific


def body_types(page):
    return [block.block_type for block in page.body]


def body_html(page):
    return "".join(str(block.value.source) for block in page.body
                   if block.block_type == "paragraph")


def test_fresh_database_gets_home_and_indexes_in_both_languages(report):
    for model in (CalendarPage, LocalGroupIndexPage, LabIndexPage, ProjectIndexPage):
        pages = model.objects.all()
        assert {page.locale.language_code for page in pages} == {"sv", "en"}
        sv_page, en_page = pages.get(locale=sv()), pages.get(locale=en())
        assert sv_page.translation_key == en_page.translation_key
        assert sv_page.live and en_page.live
        assert isinstance(sv_page.get_parent().specific, HomePage)
    assert EventPage.objects.get(title="Nationell nätverksträff").get_parent().specific.title == (
        "Kalender"
    )


def test_groups_become_local_group_pages_with_organisers_and_partners(report):
    stockholm = LocalGroupPage.objects.get(locale=sv(), title="Civic Tech Stockholm")
    assert stockholm.live
    assert (stockholm.city, stockholm.region) == ("Stockholm", "AB")
    assert stockholm.slug == "stockholm"  # from the permalink
    assert stockholm.listing_summary == "Civic tech-gruppen i Stockholm."
    assert stockholm.introduction.startswith("Vi träffas varje månad")
    assert stockholm.listing_image.title == "Stockholm"
    assert body_types(stockholm) == ["heading", "paragraph"]

    (organiser,) = stockholm.organisers.all()
    anna = organiser.person
    assert organiser.is_contact
    assert (anna.name, anna.email, anna.bio) == (
        "Anna Andersson", "anna@example.org", "Samordnare för gruppen")
    assert anna.show_email and anna.photo is not None

    partners = [link.partner for link in stockholm.partners.all()]
    assert [p.title for p in partners] == ["RISE", "Stockholms stad"]
    assert partners[0].logo is not None and partners[0].website == "https://www.ri.se/"
    assert partners[1].kind == PartnerPage.Kind.PUBLIC_SECTOR

    goteborg = LocalGroupPage.objects.get(title="Civic Tech Göteborg")
    assert (goteborg.city, goteborg.region) == ("Göteborg", "O")
    # RISE appears in three groups with two spellings of its address: one partner page.
    assert PartnerPage.objects.filter(locale=sv(), title="RISE").count() == 1
    assert goteborg.partners.first().partner.pk == partners[0].pk
    # Every partner has an English translation too.
    assert PartnerPage.objects.filter(locale=en()).count() == PartnerPage.objects.filter(
        locale=sv()).count() == 4
    assert Person.objects.filter(name="Anna Andersson").count() == 1


def test_english_files_become_translations(report):
    stockholm = LocalGroupPage.objects.get(locale=sv(), title="Civic Tech Stockholm")
    english = stockholm.get_translation(en()).specific
    assert english.live and english.alias_of_id is None
    assert english.introduction.startswith("We meet every month")
    assert "We are an open group" in body_html(english)
    event = EventPage.objects.get(title="Hackkväll i februari")
    event_en = event.get_translation(en()).specific
    assert event_en.title == "Hack night in February"
    assert event_en.get_parent().pk == english.pk
    # What the English file leaves out about the event itself comes from the Swedish one.
    assert event_en.venue_name == "Stadsbiblioteket"
    assert event_en.listing_image == event.listing_image
    assert event_en.starts_at == event.starts_at
    about = StandardPage.objects.get(title="About Civic Tech Sweden")
    om = StandardPage.objects.get(title="Om Civic Tech Sweden")
    assert about.translation_key == om.translation_key and about.locale == en()
    assert about.slug == "about"
    project_en = ProjectPage.objects.get(title="Open voting advice")
    assert project_en.translation_key == ProjectPage.objects.get(
        title="Öppen valkompass").translation_key


def test_events_go_under_the_group_they_name_in_any_form(report):
    def parent_of(title):
        return EventPage.objects.get(locale=sv(), title=title).get_parent().specific

    assert parent_of("Hackkväll i februari").title == "Civic Tech Stockholm"  # `stockholm`
    assert parent_of("Sommarhack i Göteborg").title == "Civic Tech Göteborg"  # `_groups/...md`
    assert isinstance(parent_of("Nationell nätverksträff"), CalendarPage)  # `""`
    assert isinstance(parent_of("Civic tech-konferensen"), CalendarPage)  # `[]`
    lab = parent_of("Labb om öppna data")  # the platform's events are lab sessions
    assert isinstance(lab, LabPage) and lab.scope == "national"


def test_event_times_are_the_intended_instants(report):
    def starts(title):
        return EventPage.objects.get(locale=sv(), title=title).starts_at.astimezone(UTC)

    # +02:00 typed in February and +01:00 typed in July: the wall-clock time is kept.
    assert starts("Hackkväll i februari") == dt.datetime(2019, 2, 12, 17, 0, tzinfo=UTC)
    assert starts("Sommarhack i Göteborg") == dt.datetime(2019, 7, 4, 15, 30, tzinfo=UTC)
    # A correct offset is taken as it is.
    assert starts("Nationell nätverksträff") == dt.datetime(2019, 9, 10, 16, 0, tzinfo=UTC)
    conference = EventPage.objects.get(title="Civic tech-konferensen")
    assert conference.all_day and conference.start_date == dt.date(2020, 1, 15)
    corrected = {entry.path for entry in report.of("corrected time")}
    # (The upcoming events in the tree may be corrected too, depending on today's date.)
    assert corrected >= {
        "_events/2019-02-12-hack-stockholm.md",
        "_events/2019-02-12-hack-stockholm-en.md",
        "_events/2019-07-04-sommarhack.md",
    }


def test_event_fields(report):
    event = EventPage.objects.get(locale=sv(), title="Hackkväll i februari")
    assert (event.venue_name, event.address) == ("Stadsbiblioteket", "Sveavägen 73, Stockholm")
    assert event.registration_url == "https://www.eventbrite.se/e/123"
    assert event.introduction == "En kväll med kod och fika."
    assert event.listing_summary == "Vi hackar på öppna data."
    assert event.listing_image.title == "Event1"
    assert event.uid  # the calendar identity is minted on creation
    # event-date-desc has its own field; the body no longer opens with a "När: …" line.
    assert event.date_description == "Tisdagar 12, 19 och 26 februari, kl 18–21"
    assert "Tisdagar 12, 19" not in body_html(event)
    assert body_types(event) == ["paragraph", "image", "paragraph", "heading",
                                 "paragraph", "document"]
    english = EventPage.objects.get(locale=en(), title="Hack night in February")
    assert english.date_description == "Tuesdays 12, 19 and 26 February, 18–21"
    assert "Tuesdays 12, 19" not in body_html(english)
    assert EventPage.objects.get(title="Sommarhack i Göteborg").date_description == ""
    assert event.body[-1].value["title"] == "Presentationen"
    # Wagtail's reference index knows where the image and the organiser are used.
    image_users = {ref.object_id for ref in ReferenceIndex.get_references_to(
        event.listing_image)}
    assert str(event.pk) in image_users
    group = event.get_parent().specific
    anna = group.organisers.first().person
    assert str(group.pk) in {ref.object_id for ref in ReferenceIndex.get_references_to(anna)}


def test_html_in_the_body_is_sanitised(report):
    event = EventPage.objects.get(locale=sv(), title="Hackkväll i februari")
    raw = str(event.body.raw_data)
    assert "script" not in raw and "alert" not in raw and "onclick" not in raw
    assert "Ta med <i>dator</i>." in body_html(event)
    assert any("removed" in e.message for e in report.of("warning")
               if e.path == "_events/2019-02-12-hack-stockholm.md")


def test_posts_become_projects(report):
    project = ProjectPage.objects.get(locale=sv(), title="Öppen valkompass")
    assert project.live
    assert project.summary == "Projektet bygger en öppen valkompass för kommunval."
    # A post's date is when it was published, not the project's period.
    assert project.start_date is None
    assert project.first_published_at.date() == dt.date(2020, 5, 1)
    assert project.funding_call == FundingCall.objects.get(funder="Vinnova")
    assert sorted(tag.name for tag in project.tags.all()) == ["demokrati", "verktyg",
                                                               "öppen data"]
    assert project.chat_url == "https://chat.civictech.se/valkompass"
    assert project.source_code_url == "https://github.com/civictechsweden/valkompass"
    assert project.website_url == "https://valkompass.example.org"
    assert "<h2" in project.purpose and "Syfte" in project.purpose
    assert 'linktype="document"' in project.purpose  # the uploaded report
    assert "https://example.org/rapport" in project.purpose  # a link that fits no field
    session = EventPage.objects.get(title="Labb om öppna data")
    assert f'<a linktype="page" id="{session.pk}">' in project.purpose  # related events
    (contact,) = project.project_contacts.all()
    assert (contact.person.name, contact.person.organisation) == (
        "Cecilia Carlsson", "Föreningen Valkompass")
    assert project.listing_image.title == "Projekt"

    community = ProjectPage.objects.get(title="Cykelkartan")
    assert community.funding_call is None
    assert community.region == "stockholm"
    assert [tag.name for tag in community.tags.all()] == ["cykel"]


def test_missing_images_are_warnings_not_failures(report):
    warnings = [(e.path, e.message) for e in report.of("warning")]
    assert ("_posts/2020-06-01-cykelkarta.md",
            "image /uploads/finns-inte.png not found in the repository") in warnings
    assert ("_posts/2020-06-01-cykelkarta.md",
            "image /uploads/saknas-ocksa.png not found in the repository") in warnings
    assert ProjectPage.objects.get(title="Cykelkartan").listing_image is None


def test_pages_home_forms_and_report(report, site_tree):
    home = HomePage.objects.get(locale=sv())
    assert home.introduction.startswith("Ett nätverk för alla")
    om = StandardPage.objects.get(title="Om Civic Tech Sweden")
    assert om.slug == "om" and body_types(om) == ["paragraph"]  # the repeated h1 is dropped
    assert report.paths("skipped") == ["README.md", "form/anmalan.md"]
    imported = set(report.paths("created")) | set(report.paths("updated"))
    documents = {str(p.relative_to(site_tree)) for p in site_tree.rglob("*.md")}
    assert imported == documents - {"README.md", "form/anmalan.md"}
    # One import record per imported file, each with the page and the revision it published.
    records = ImportRecord.objects.filter(source="civictech.se")
    assert records.count() == len(documents) - 2
    for record in records:
        assert record.page.latest_revision_id == record.revision_id
    # Images are imported once each (the same logo on several pages is one image).
    assert get_image_model().objects.count() == 6


def test_every_imported_page_is_live_and_renders(report, client):
    for record in ImportRecord.objects.select_related("page"):
        page = record.page
        assert page.live, record.source_path
        response = client.get(page.url)
        assert response.status_code == 200, (record.source_path, page.url)
    assert not Page.objects.filter(live=False, depth__gt=1).exists()


def test_imported_pages_appear_in_listings(report, client):
    listings = {
        LocalGroupIndexPage: ["Civic Tech Stockholm", "Civic Tech Göteborg"],
        LabIndexPage: ["Civic Tech Platform"],
        ProjectIndexPage: ["Öppen valkompass", "Cykelkartan"],
        CalendarPage: ["Kommande hackkväll", "Kommande nationell träff", "Kommande labb"],
    }
    for model, titles in listings.items():
        index = model.objects.get(locale=sv())
        html = client.get(index.url).content.decode()
        for title in titles:
            assert title in html, (model.__name__, title)


def test_digidemlab_posts_become_tagged_news(tmp_path):
    report = JekyllImport(digidemlab_tree(tmp_path / "digidemlab")).run()
    news = NewsPage.objects.get(locale=sv())
    assert news.title == "Erbjudande om partnerskap"
    assert news.date == dt.date(2024, 5, 1)  # from the file name
    assert sorted(tag.name for tag in news.tags.all()) == ["Digital demokrati", "Medborgarjury"]
    assert news.listing_image.title == "Medborgarjury 1"
    assert news.listing_summary == "Erbjudande till kommuner och regioner."
    assert body_types(news) == ["heading", "paragraph", "link_list"]
    assert (news.body[0].value["text"], news.body[0].value["level"]) == ("Bakgrund", "h2")
    english = NewsPage.objects.get(locale=en())
    assert english.translation_key == news.translation_key
    assert [tag.name for tag in english.tags.all()] == ["Medborgarjury"]
    assert [e.path for e in report.of("skipped")] == [
        "_themes/digital-demokrati.md", "_themes/medborgarjury.md"]
    assert ImportRecord.objects.filter(source="digidemlab.org").count() == 2
    assert ("_posts/2024-05-01-erbjudande.md",
            "image /uploads/tidigare-kunder.png not found in the repository") in [
        (e.path, e.message) for e in report.of("warning")]
