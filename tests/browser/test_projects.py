"""Projects in real Chromium: a showcase built in the admin, filters, axe in sv and en."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from hub.factories import PartnerPageFactory, PersonFactory, translate
from hub.models import HomeFeaturedProject
from hub.setup import ensure_home_pages
from projects.factories import (
    FundingCallFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ShowcasePageFactory,
)
from projects.models import ProjectContact, ProjectPartner, ShowcasePage

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
PASSWORD = "correct horse battery staple"


def results(document):
    return [
        ("software", {"title": "Beslutsverktyget", "description": "Fri programvara.",
                      "link": "https://example.org/kod", "licence": "AGPL-3.0-or-later",
                      "status": "completed", "date": TODAY - 20 * DAY}),
        ("report", {"title": "Slutrapport", "description": "Vad vi lärde oss.",
                    "document": document, "licence": "CC-BY-4.0",
                    "status": "completed", "date": TODAY - 5 * DAY}),
        ("service", {"title": "Tjänsten", "description": "Under utveckling.",
                     "link": "https://example.org/tjanst", "status": "in_progress",
                     "progress": 60, "date": TODAY + 40 * DAY}),
        ("event", {"title": "Hackathon", "description": "Två dagar.", "status": "planned",
                   "date": TODAY + 60 * DAY}),
    ]


@pytest.fixture
def site_content():
    home, home_en = ensure_home_pages()
    document = get_document_model()(title="Slutrapport (PDF)")
    document.file.save("slutrapport.pdf", ContentFile(b"%PDF-1.4 demo" * 300), save=False)
    document._set_document_file_metadata()
    document.save()
    lead = PartnerPageFactory(title="Digidem Lab")
    partner = PartnerPageFactory(title="RISE")
    contact = PersonFactory(name="Amira Haddad", show_email=True)
    call = FundingCallFactory(name="Civic tech-utlysningen", name_en="The civic tech call")
    index = ProjectIndexPageFactory(parent=home)
    index_en = translate(index, title="Projects", slug="projects",
                         introduction="Funded civic tech projects and their results.")
    projects = {
        "Alfa": ProjectPageFactory(
            parent=index, title="Alfa", slug="alfa", funding_call=call, lead_organisation=lead,
            start_date=TODAY - 700 * DAY, end_date=TODAY - 30 * DAY, region="skane",
            themes=["öppna data"], results=results(document),
            project_partners=[ProjectPartner(partner=partner, role="Forskning")],
            project_contacts=[ProjectContact(person=contact, role="Projektledare")],
        ),
        "Beta": ProjectPageFactory(
            parent=index, title="Beta", slug="beta", funding_call=call,
            start_date=TODAY - 100 * DAY, end_date=TODAY + 300 * DAY, region="stockholm",
            themes=["demokrati"],
        ),
        "Gamma": ProjectPageFactory(
            parent=index, title="Gamma", slug="gamma", funding_call=call,
            start_date=TODAY + 30 * DAY, end_date=TODAY + 400 * DAY, region="stockholm",
            themes=["demokrati", "öppna data"],
        ),
    }
    english = {
        name: translate(project, title=f"{name} (EN)", slug=f"{name.lower()}-en",
                        summary=f"The {name} project in English.")
        for name, project in projects.items()
    }
    showcase = ShowcasePageFactory(
        parent=index, title="Urval", slug="urval", projects=[projects["Gamma"], projects["Alfa"]]
    )
    showcase_en = translate(showcase, title="Showcase", slug="showcase")
    home.featured_projects = [HomeFeaturedProject(project=projects["Beta"])]
    home.save_revision().publish()
    return {
        "index": index, "index_en": index_en, "projects": projects, "english": english,
        "showcase": showcase, "showcase_en": showcase_en, "lead": lead,
    }


def card_titles(page):
    return page.locator(".card__title a").all_inner_texts()


def test_coordinator_builds_and_orders_a_showcase_in_the_admin(
    live_server, page, site_content, django_user_model
):
    django_user_model.objects.create_superuser("coordinator", "c@example.org", PASSWORD)
    index = site_content["index"]

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"{live_server.url}/admin/pages/add/projects/showcasepage/{index.pk}/")
    page.fill("#id_title", "Vårt urval")

    add_button = page.locator("#id_items-ADD")
    for position, title in enumerate(["Beta", "Gamma", "Alfa"]):
        if page.locator(f"#id_items-{position}-project-chooser").count() == 0:
            add_button.click()
        chooser = page.locator(f"#id_items-{position}-project-chooser")
        chooser.locator(".unchosen [data-chooser-action-choose]").click()
        choice = page.locator(f'.modal a.choose-page[data-title="{title}"]')
        if not choice.is_visible():
            page.locator(".modal input[name=q]").fill(title)
            choice = page.locator(f'.modal a.choose-page[data-title="{title}"]')
        choice.click()
        page.wait_for_selector(".modal", state="hidden")
        page.fill(f"#id_items-{position}-note", f"Anteckning om {title}.")

    # Alfa should come first: move it up twice.
    alfa = page.locator("#inline_child_items-2")
    alfa.locator("[data-inline-panel-child-move-up]").click()
    page.locator("#inline_child_items-2 [data-inline-panel-child-move-up]").click()

    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    publish.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    showcase = ShowcasePage.objects.get(title="Vårt urval")
    assert showcase.live
    assert [item.project.title for item in showcase.items.all()] == ["Alfa", "Beta", "Gamma"]

    page.goto(live_server.url + showcase.url)
    assert card_titles(page) == ["Alfa", "Beta", "Gamma"]
    assert page.get_by_text("Anteckning om Alfa.").is_visible()
    page.wait_for_load_state("networkidle")  # no request left running at teardown


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_filters_on_the_project_index_without_javascript(
    live_server, page_without_js, site_content
):
    page = page_without_js  # the filters are a plain GET form
    page.goto(live_server.url + site_content["index"].url)
    assert sorted(card_titles(page)) == ["Alfa", "Beta", "Gamma"]
    assert "(2)" in page.locator("#filter-region").inner_text()

    page.select_option("#filter-region", "stockholm")
    page.select_option("#filter-theme", "öppna-data")
    page.locator(".project-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"region=stockholm"))
    assert card_titles(page) == ["Gamma"]
    assert page.locator("#filter-region").input_value() == "stockholm"

    page.select_option("#filter-status", "completed")
    page.select_option("#filter-region", "")
    page.locator(".project-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"status=completed"))
    assert card_titles(page) == ["Alfa"]

    page.goto(live_server.url + site_content["index"].url + "?status=bogus&year=x")
    assert len(card_titles(page)) == 3
    page.wait_for_load_state("networkidle")  # no request left running at teardown


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_projects_page_type_passes_axe(live_server, page, axe, site_content, language):
    if language == "sv":
        urls = {
            "index": site_content["index"].url,
            "index filtered": site_content["index"].url + "?theme=demokrati&status=planned",
            "project": site_content["projects"]["Alfa"].url,
            "catalogue": site_content["index"].url + "resultat/",
            "catalogue filtered": site_content["index"].url + "resultat/?type=report",
            "showcase": site_content["showcase"].url,
            "home with featured projects": "/",
            "partner with its projects": site_content["lead"].url,
        }
    else:
        urls = {
            "index": site_content["index_en"].url,
            "project": site_content["english"]["Alfa"].url,
            "catalogue": site_content["index_en"].url + "results/",
            "showcase": site_content["showcase_en"].url,
            "home with featured projects": "/en/",
        }
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, name
        assert page.locator("html").get_attribute("lang") == language
        if name == "catalogue":
            assert page.locator("svg.chart__svg").count() == 3
            page.locator(".chart__data summary").first.click()  # the table, opened
        axe(page, context=f"({name}, {language})")
    page.wait_for_load_state("networkidle")  # no request left running at teardown
