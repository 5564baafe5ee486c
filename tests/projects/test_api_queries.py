"""The API v2 listing of projects runs a constant number of queries (5 and 60 projects)."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from hub.factories import PartnerPageFactory
from projects.factories import FundingCallFactory, ProjectPageFactory
from projects.models import ProjectPartner

SMALL, LARGE = 5, 60
#: Measured (SQLite): 12 at 5 and at 60 projects (before the bulk loading: 39 at 5,
#: six more for every project). Three of them are Wagtail's public-pages base query.
MAX_QUERIES = 13

FIELDS = (
    "summary,funder,funding_call,reference_number,granted_amount,currency,start_date,"
    "end_date,status,region,tags,lead_organisation,partners,links,purpose,expected_effects,"
    "approach,lessons_learned,results"
)
URL = f"/api/v2/pages/?type=projects.ProjectPage&fields={FIELDS}&limit=100"


@pytest.fixture
def portfolio(index):
    leads = [PartnerPageFactory(title=f"Huvudman {n}") for n in range(3)]
    partners = [PartnerPageFactory(title=f"Partner {n}") for n in range(4)]
    calls = [FundingCallFactory(name=f"Omgång {n}", year=2020 + n) for n in range(3)]
    Document = get_document_model()
    projects = []

    def grow(total):
        today = timezone.localdate()
        for number in range(len(projects), total):
            document = Document(title=f"Rapport {number}")
            document.file.save(f"rapport-{number}.pdf", ContentFile(b"%PDF-1.4"), save=False)
            document._set_document_file_metadata()
            document.save()
            projects.append(ProjectPageFactory(
                parent=index,
                title=f"Projekt {number:03d}",
                funding_call=calls[number % 3],
                lead_organisation=leads[number % 3],
                themes=[f"tema {number % 5}", "gemensamt"],
                project_partners=[
                    ProjectPartner(partner=partners[number % 4], role="Forskning"),
                    ProjectPartner(partner=partners[(number + 1) % 4], role="Pilot"),
                ],
                results=[
                    ("software", {"title": f"Kod {number}", "description": "Kod.",
                                  "link": "https://e.org", "licence": "MIT",
                                  "status": "completed", "date": today}),
                    ("report", {"title": f"Rapport {number}", "description": "Text.",
                                "document": document, "status": "completed", "date": today}),
                ],
            ))
        return projects

    return grow


def test_api_listing_of_projects_is_constant_in_queries(
    client, portfolio, django_assert_max_num_queries
):
    counts = {}
    for size in (SMALL, LARGE):
        portfolio(size)
        assert len(client.get(URL).json()["items"]) == size  # warm site root paths etc.
        with (
            CaptureQueriesContext(connection) as captured,
            django_assert_max_num_queries(MAX_QUERIES),
        ):
            items = client.get(URL).json()["items"]
        counts[size] = len(captured.captured_queries)
        assert len(items) == size
        assert all(len(item["partners"]) == 3 for item in items)
        assert all(item["results"][1]["value"]["document"]["url"] for item in items)
    assert counts[SMALL] == counts[LARGE], counts


def test_bulk_loaded_listing_gives_the_same_json_as_the_detail_view(client, portfolio):
    """The detail view converts each project alone: the listing must say the same."""
    portfolio(3)
    items = client.get(URL).json()["items"]
    assert len(items) == 3
    for item in items:
        detail = client.get(f"/api/v2/pages/{item['id']}/?fields={FIELDS}").json()
        for field in FIELDS.split(","):
            assert item[field] == detail[field], field
        assert item["tags"] == sorted(item["tags"])


def test_listings_without_a_single_type_and_searches_still_work(client, portfolio):
    portfolio(2)
    assert client.get("/api/v2/pages/").status_code == 200
    response = client.get(
        "/api/v2/pages/?type=projects.ProjectPage,hub.PartnerPage&fields=title"
    )
    assert response.status_code == 200
    response = client.get(f"{URL}&search=Projekt")
    assert response.status_code == 200
