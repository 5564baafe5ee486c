"""`{% partner_projects partner %}`: a partner page lists its projects without upkeep."""

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from hub.factories import PartnerPageFactory, translate
from projects.factories import FundingCallFactory, ProjectPageFactory
from projects.models import ProjectPartner
from projects.templatetags.projects_tags import projects_for_partner


def render(partner):
    request = RequestFactory().get("/")
    return Template("{% load projects_tags %}{% partner_projects partner %}").render(
        Context({"partner": partner, "request": request})
    )


def test_lists_projects_led_joined_and_funded(index):
    partner = PartnerPageFactory(title="Digidem Lab")
    funder = PartnerPageFactory(title="Vinnova")
    call = FundingCallFactory(funder_page=funder)
    led = ProjectPageFactory(parent=index, title="Leds", lead_organisation=partner)
    joined = ProjectPageFactory(parent=index, title="Joins")
    joined.project_partners = [ProjectPartner(partner=partner, role="Metodstöd")]
    joined.save_revision().publish()
    ProjectPageFactory(parent=index, title="Unrelated", funding_call=None)

    data = projects_for_partner(partner)
    assert data["led"] == [led]
    joined_roles = [(entry["project"], entry["role"]) for entry in data["joined"]]
    assert joined_roles == [(joined, "Metodstöd")]
    assert data["funded"] == []
    # The funder's page lists what its call funds (Unrelated has no call).
    assert call.projects.count() == 2
    assert [p.title for p in projects_for_partner(funder)["funded"]] == ["Joins", "Leds"]

    with translation.override("en"):
        html = render(partner)
    assert 'id="partner-projects-heading"' in html
    assert "Leads" in html and "Takes part in" in html
    assert f'href="{led.url}"' in html and "Metodstöd" in html


def test_nothing_rendered_without_projects(index):
    assert render(PartnerPageFactory()).strip() == ""


def test_unpublished_projects_are_not_listed(index):
    partner = PartnerPageFactory()
    project = ProjectPageFactory(parent=index, lead_organisation=partner)
    project.unpublish()
    assert projects_for_partner(partner)["led"] == []


def test_english_partner_page_finds_english_projects(index_en, index):
    partner = PartnerPageFactory(title="Digidem Lab")
    partner_index_en = translate(partner.get_parent().specific, slug="partners")
    assert partner_index_en.live
    partner_en = translate(partner, slug="digidem-lab-en")
    project = ProjectPageFactory(parent=index, title="Öppna beslut", lead_organisation=partner)
    translate(project, title="Open decisions", slug="open-decisions")
    other = ProjectPageFactory(parent=index, title="Bara svenska", lead_organisation=partner)
    with translation.override("en"):
        titles = sorted(p.title for p in projects_for_partner(partner_en)["led"])
    # The English version where there is one; the Swedish one otherwise.
    assert titles == ["Bara svenska", "Open decisions"]
    assert other.title in titles


def test_partner_page_shows_its_projects(client, index):
    partner = PartnerPageFactory(title="Digidem Lab")
    project = ProjectPageFactory(parent=index, title="Öppna beslut", lead_organisation=partner)
    html = client.get(partner.url).content.decode()
    assert 'id="partner-projects-heading"' in html
    assert f'<a href="{project.url}">Öppna beslut</a>' in html
