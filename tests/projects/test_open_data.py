"""Open data: Wagtail API v2 fields and schema.org JSON-LD on project pages."""

import json
import re

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from hub.factories import PartnerPageFactory
from projects.factories import ProjectPageFactory
from projects.models import ProjectPartner

API_FIELDS = (
    "funder,funding_call,reference_number,granted_amount,currency,start_date,end_date,"
    "status,region,tags,lead_organisation,partners,links,results"
)


def make_project(index, **extra):
    lead = PartnerPageFactory(title="Digidem Lab")
    partner = PartnerPageFactory(title="RISE")
    document = get_document_model()(title="Slutrapport")
    document.file.save("slutrapport.pdf", ContentFile(b"%PDF-1.4" * 200), save=False)
    document._set_document_file_metadata()
    document.save()
    project = ProjectPageFactory(
        parent=index, title="Öppna beslut", lead_organisation=lead,
        reference_number="2023-01234", granted_amount=2_400_000, themes=["öppna data"],
        results=[
            ("software", {"title": "Appen", "description": "Kod.", "link": "https://e.org/kod",
                          "licence": "MIT", "status": "completed",
                          "date": timezone.localdate()}),
            ("report", {"title": "Rapporten", "description": "Text.", "document": document,
                        "status": "completed", "date": timezone.localdate()}),
        ],
        **extra,
    )
    project.project_partners = [ProjectPartner(partner=partner, role="Forskning")]
    project.save_revision().publish()
    return project, document


def test_projects_in_the_pages_api(client, index):
    project, document = make_project(index)
    response = client.get(f"/api/v2/pages/?type=projects.ProjectPage&fields={API_FIELDS}")
    assert response.status_code == 200, response.content
    item = response.json()["items"][0]
    assert item["title"] == "Öppna beslut"
    assert item["funder"] == "Vinnova"
    assert item["funding_call"]["name"] == project.funding_call.name
    assert item["funding_call"]["year"] == 2023
    assert item["reference_number"] == "2023-01234"
    assert item["granted_amount"] == 2_400_000 and item["currency"] == "SEK"
    assert item["start_date"] == project.start_date.isoformat()
    assert item["end_date"] == project.end_date.isoformat()
    assert item["status"] == "ongoing"
    assert item["tags"] == ["öppna data"]
    assert item["lead_organisation"]["title"] == "Digidem Lab"
    assert [(p["title"], p["lead"], p["role"]) for p in item["partners"]] == [
        ("Digidem Lab", True, ""), ("RISE", False, "Forskning"),
    ]
    assert item["links"]["website"] == "https://example.org/"
    software, report = item["results"]
    assert software["type"] == "software"
    assert software["value"]["link"] == "https://e.org/kod"
    assert software["value"]["licence_url"] == "https://spdx.org/licenses/MIT.html"
    assert report["type"] == "report"
    assert report["value"]["document"]["url"].endswith(document.url)
    assert report["value"]["document"]["file_extension"] == "pdf"


def test_api_filters_by_type(client, index):
    make_project(index)
    response = client.get("/api/v2/pages/?type=projects.ProjectPage&fields=status")
    assert response.json()["meta"]["total_count"] == 1


def graph(client, page):
    html = client.get(page.url).content.decode()
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(data)["@graph"]


def test_json_ld_describes_project_grant_and_results(client, index):
    project, document = make_project(index)
    nodes = graph(client, project)
    by_type = {node["@type"]: node for node in nodes}
    assert by_type["Project"]["name"] == "Öppna beslut"
    assert by_type["Project"]["parentOrganization"]["name"] == "Digidem Lab"
    assert by_type["Project"]["member"][0]["name"] == "RISE"
    assert by_type["Project"]["keywords"] == "öppna data"
    grant = by_type["MonetaryGrant"]
    assert grant["identifier"] == "2023-01234"
    assert grant["amount"] == {"@type": "MonetaryAmount", "currency": "SEK", "value": 2400000}
    assert grant["funder"]["name"] == "Vinnova"
    assert grant["fundedItem"]["@id"] == by_type["Project"]["@id"]
    assert by_type["SoftwareSourceCode"]["license"] == "https://spdx.org/licenses/MIT.html"
    assert by_type["SoftwareSourceCode"]["producer"]["@id"] == by_type["Project"]["@id"]
    report = by_type["Report"]
    assert report["associatedMedia"]["contentUrl"].endswith(document.url)
    assert report["creativeWorkStatus"] == "Published"


def test_json_ld_cannot_break_out_of_its_script(client, index):
    project = ProjectPageFactory(parent=index, summary="</script><script>alert(1)</script>")
    html = client.get(project.url).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script
    assert json.loads(script)["@graph"][0]["description"].startswith("</script>")
