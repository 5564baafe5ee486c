"""The demo loader: a realistic set of projects, idempotent, linked to the hub's partners."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from hub.models import HomePage, PartnerPage
from projects.choices import ProjectStatus
from projects.models import (
    FundingCall,
    ProjectIndexPage,
    ProjectPage,
    ProjectResult,
    ShowcasePage,
)
from projects.templatetags.projects_tags import projects_for_partner


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "results": ProjectResult.objects.count(),
        "calls": FundingCall.objects.count(),
        "partners": sorted(
            ProjectPage.objects.values_list("project_partners__partner_id", flat=True)
            .exclude(project_partners__partner_id=None)
        ),
    }


@pytest.fixture
def demo(db):
    """The whole demo through the command, so LOADERS must list hub.demo.projects."""
    call_command("load_demo", stdout=io.StringIO())


def test_demo_content_partners_home_and_idempotency(demo):
    sv = ProjectPage.objects.filter(locale__language_code="sv")
    assert sv.count() >= 6
    assert {project.status for project in sv} == set(ProjectStatus)
    themes = {tag.name for project in sv for tag in project.tags.all()}
    assert len(themes) >= 5
    types = set(ProjectResult.objects.values_list("result_type", flat=True))
    assert len(types) >= 5
    assert FundingCall.objects.filter(funder="Vinnova").exists()
    assert ProjectIndexPage.objects.count() == 2
    assert ShowcasePage.objects.get(locale__language_code="sv").items.count() == 3

    # Every Swedish project has a live English translation with English content.
    for project in sv:
        english = ProjectPage.objects.get(
            translation_key=project.translation_key, locale__language_code="en"
        )
        assert english.live
        assert english.summary != project.summary
        assert len(english.results) == len(project.results)

    # Partners are linked both ways: the partner pages find their projects.
    digidem = PartnerPage.objects.get(slug="digidem-lab", locale__language_code="sv")
    linked = projects_for_partner(digidem)
    assert linked["led"] and linked["joined"]
    vinnova = PartnerPage.objects.get(slug="vinnova", locale__language_code="sv")
    assert projects_for_partner(vinnova)["funded"]
    english = ProjectPage.objects.get(slug="open-decisions")
    assert english.lead_organisation.locale.language_code == "en"

    assert HomePage.objects.get(locale__language_code="sv").featured_projects.count() == 3

    # A second run changes nothing: no pages, no revisions, no results.
    from hub.demo import projects

    before = snapshot()
    out = io.StringIO()
    projects.load(out)
    assert snapshot() == before
    assert " created " not in out.getvalue() and " updated " not in out.getvalue()


def test_demo_without_partners_still_loads(db):
    from hub.demo import projects

    out = io.StringIO()
    projects.load(out)
    assert ProjectPage.objects.filter(locale__language_code="sv").count() >= 6
    assert "no partner pages" in out.getvalue()
