"""The coordinator's admin: creating projects, results, showcases and funding calls."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from hub.factories import PartnerPageFactory
from projects.factories import FundingCallFactory, ProjectPageFactory
from projects.models import FundingCall, ProjectPage, ProjectResult, ShowcasePage

TODAY = timezone.localdate()


def result(**fields):
    value = {
        "title": "Öppna data om beslut",
        "description": "Alla beslut som CSV.",
        "link": "https://example.org/data.csv",
        "document": "",
        "licence": "CC0-1.0",
        "date": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "status": "completed",
        "progress": "",
    }
    value.update(fields)
    return value


def project_form(call, lead, partner, results, **overrides):
    data = {
        "title": "Öppna beslut",
        "slug": "oppna-beslut",
        "summary": "Gör kommunernas beslut sökbara.",
        "funding_call": call.pk,
        "reference_number": "2023-01234",
        "granted_amount": "2400000",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "status_override": "",
        "lead_organisation": lead.pk,
        "project_partners": inline_formset([{"partner": partner.pk, "role": "Forskning"}]),
        "project_contacts": inline_formset([]),
        "tags": "öppna data, demokrati",
        "region": "vastra-gotaland",
        "website_url": "https://example.org/",
        "source_code_url": "",
        "chat_url": "",
        "purpose": rich_text("<p>Syftet.</p>"),
        "expected_effects": rich_text("<p>Effekterna.</p>"),
        "approach": rich_text("<p>Så gör vi.</p>"),
        "lessons_learned": rich_text(""),
        "results": streamfield(results),
        "listing_summary": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def coordinator(client, admin_user):
    # The admin in English, so that the tests can read its messages.
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


@pytest.fixture
def setup(index):
    return {
        "call": FundingCallFactory(),
        "lead": PartnerPageFactory(title="Digidem Lab"),
        "partner": PartnerPageFactory(title="RISE"),
    }


def add_url(parent, model="projectpage"):
    return reverse("wagtailadmin_pages:add", args=("projects", model, parent.pk))


def test_coordinator_creates_a_project_with_results(coordinator, index, setup):
    results = [
        ("dataset", result()),
        ("report", result(title="Slutrapport", link="", status="in_progress", progress="40",
                          licence="", date="")),
    ]
    response = coordinator.post(add_url(index), project_form(**setup, results=results))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    project = ProjectPage.objects.get(slug="oppna-beslut")
    assert project.live
    assert project.reference_number == "2023-01234"
    assert project.granted_amount == 2_400_000
    assert project.lead_organisation == setup["lead"]
    assert [(p.partner, p.role) for p in project.project_partners.all()] == [
        (setup["partner"].page_ptr.specific, "Forskning")
    ]
    assert sorted(tag.name for tag in project.tags.all()) == ["demokrati", "öppna data"]
    # What was saved, not just the status code: StreamField drops unknown blocks silently.
    assert [child.block_type for child in project.results] == ["dataset", "report"]
    assert project.results[1].value["progress"] == 40
    rows = ProjectResult.objects.filter(project=project).order_by("sort_order")
    assert [(r.result_type, r.status) for r in rows] == [
        ("dataset", "completed"), ("report", "in_progress")
    ]


@pytest.mark.parametrize(
    ("results", "overrides", "message"),
    [
        ([("dataset", result(licence=""))], {}, "needs a licence"),
        ([("software", result(link=""))], {}, "Add a link or a document"),
        ([("report", result(progress="50"))], {}, "completed result is finished"),
        ([], {"reference_number": "23-1234"}, "2023-01234"),
        ([], {"end_date": "2023-01-01"}, "cannot end before it starts"),
    ],
)
def test_invalid_projects_are_refused_with_a_clear_error(
    coordinator, index, setup, results, overrides, message
):
    response = coordinator.post(
        add_url(index), project_form(**setup, results=results, **overrides), follow=True
    )
    assert response.status_code == 200
    assert not ProjectPage.objects.filter(slug="oppna-beslut").exists()
    assert message in response.content.decode()


def test_coordinator_builds_a_showcase_in_order(coordinator, index):
    a, b, c = (ProjectPageFactory(parent=index, title=t) for t in ("Alfa", "Beta", "Gamma"))
    data = nested_form_data(
        {
            "title": "Urval",
            "slug": "urval",
            "introduction": rich_text("<p>Våra favoriter.</p>"),
            "items": inline_formset(
                [
                    {"project": b.pk, "note": "Först.", "ORDER": "1"},
                    {"project": c.pk, "note": "Sedan.", "ORDER": "2"},
                    {"project": a.pk, "note": "Sist.", "ORDER": "3"},
                ]
            ),
            "listing_summary": "",
            "seo_title": "",
            "search_description": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = coordinator.post(add_url(index, "showcasepage"), data)
    assert response.status_code == 302
    showcase = ShowcasePage.objects.get(slug="urval")
    assert [(item.project.title, item.note) for item in showcase.items.all()] == [
        ("Beta", "Först."), ("Gamma", "Sedan."), ("Alfa", "Sist."),
    ]


def showcase_form(items, action="action-publish"):
    data = {
        "title": "Urval", "slug": "urval", "introduction": rich_text(""),
        "items": inline_formset(items, min=1),
        "listing_summary": "", "seo_title": "", "search_description": "",
        "comments": inline_formset([]),
    }
    if action:
        data[action] = action
    return nested_form_data(data)


def test_a_new_showcase_opens_without_an_empty_project_row(coordinator, index):
    """An empty row's required chooser made autosave fail before anything was chosen."""
    html = coordinator.get(add_url(index, "showcasepage")).content.decode()
    assert 'name="items-TOTAL_FORMS" value="0"' in html
    assert 'name="items-0-project"' not in html
    assert 'id="id_items-ADD"' in html  # rows come from the "Add project" button


def test_autosave_of_a_new_showcase_without_projects_succeeds(coordinator, index):
    """What the editor's autosave posts once a title is typed: a draft, answered in JSON."""
    response = coordinator.post(
        add_url(index, "showcasepage"), showcase_form([], action=None),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    showcase = ShowcasePage.objects.get(title="Urval")
    assert not showcase.live and showcase.items.count() == 0


def test_publishing_a_showcase_needs_a_project_and_says_so(coordinator, index):
    response = coordinator.post(add_url(index, "showcasepage"), showcase_form([]))
    assert response.status_code == 200
    assert "Choose at least one project." in response.content.decode()
    assert not ShowcasePage.objects.filter(title="Urval").exists()


def test_an_existing_showcase_shows_its_rows_and_no_empty_one(coordinator, index):
    alfa = ProjectPageFactory(parent=index, title="Alfa")
    rows = [{"project": alfa.pk, "note": ""}]
    coordinator.post(add_url(index, "showcasepage"), showcase_form(rows))
    showcase = ShowcasePage.objects.get(title="Urval")
    html = coordinator.get(reverse("wagtailadmin_pages:edit", args=[showcase.pk])).text
    assert 'name="items-TOTAL_FORMS" value="1"' in html
    assert f'name="items-0-project" value="{alfa.pk}"' in html


def test_funding_calls_are_managed_as_snippets(coordinator, db):
    url = reverse("wagtailsnippets_projects_fundingcall:add")
    response = coordinator.post(
        url,
        {"funder": "Vinnova", "name": "Civic tech-utlysningen", "name_en": "",
         "year": "2024", "url": "https://www.vinnova.se/", "funder_page": ""},
    )
    assert response.status_code == 302
    call = FundingCall.objects.get()
    assert (call.funder, call.year) == ("Vinnova", 2024)
    listing = coordinator.get(reverse("wagtailsnippets_projects_fundingcall:list"))
    assert "Civic tech-utlysningen" in listing.content.decode()
    bad = coordinator.post(url, {"funder": "Vinnova", "name": "X", "year": "1800"})
    assert bad.status_code == 200 and FundingCall.objects.count() == 1


def test_project_edit_form_and_preview_open(coordinator, index):
    project = ProjectPageFactory(parent=index)
    edit_url = reverse("wagtailadmin_pages:edit", args=(project.pk,))
    assert coordinator.get(edit_url).status_code == 200
    assert project.make_preview_request().status_code == 200
