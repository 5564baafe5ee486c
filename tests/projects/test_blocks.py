"""Result blocks: shared fields, cross-field rules, previews, API output, grouping."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.blocks import StructBlockValidationError
from wagtail.documents import get_document_model

from projects.blocks import ResultBlock, ResultStreamBlock, group_results
from projects.choices import Licence, ResultStatus, ResultType
from projects.factories import ProjectPageFactory

STREAM = ResultStreamBlock()
TODAY = timezone.localdate()


def block(kind):
    return STREAM.child_blocks[kind]


def value(kind, **fields):
    data = {
        "title": "Resultat",
        "description": "Beskrivning",
        "link": "https://example.org/",
        "document": None,
        "licence": Licence.CC_BY_4,
        "date": TODAY - datetime.timedelta(days=1),
        "status": ResultStatus.COMPLETED,
        "progress": None,
    }
    data.update(fields)
    return block(kind).to_python(
        {**data, "date": data["date"].isoformat() if data["date"] else None,
         "document": data["document"].pk if data["document"] else None}
    )


def errors_of(kind, **fields):
    with pytest.raises(StructBlockValidationError) as error:
        block(kind).clean(value(kind, **fields))
    return error.value


@pytest.fixture
def document(db):
    Document = get_document_model()
    doc = Document(title="Slutrapport")
    doc.file.save("slutrapport.pdf", ContentFile(b"%PDF-1.4 test" * 100), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def test_stream_has_one_block_per_result_type_in_order():
    assert list(STREAM.child_blocks) == ResultType.values
    for name, child in STREAM.child_blocks.items():
        assert isinstance(child, ResultBlock)
        assert child.result_type == name
        assert child.meta.icon and child.meta.icon != "placeholder"
        assert child.meta.template == "projects/blocks/result.html"
        assert child.get_description()
        assert child.is_previewable


@pytest.mark.parametrize("kind", ResultType.values)
def test_every_preview_value_is_valid_and_renders(kind, db):
    child = block(kind)
    preview = child.get_preview_value()
    child.clean(preview)
    html = child.render(preview, context={"heading_level": 3})
    assert preview["title"] in html


@pytest.mark.parametrize("kind", ["software", "event"])
def test_block_picker_preview_renders_in_the_site_styles(kind, client, admin_user):
    client.force_login(admin_user)
    page = ProjectPageFactory.build()  # registers the block definitions
    child = type(page).results.field.stream_block.child_blocks[kind]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "projects/projects.css" in html
    assert str(child.get_preview_value()["title"]) in html


@pytest.mark.parametrize("kind", ResultType.values)
def test_valid_completed_result_passes(kind, db):
    block(kind).clean(value(kind))


def test_completed_result_needs_a_link_or_a_document(db, document):
    error = errors_of("report", link="")
    assert error.non_block_errors
    block("report").clean(value("report", link="", document=document))
    # A planned result may not exist anywhere yet.
    block("report").clean(value("report", link="", status=ResultStatus.PLANNED, date=None))


def test_completed_means_one_hundred_percent(db):
    assert "progress" in errors_of("software", progress=50).block_errors
    block("software").clean(value("software", progress=100))


def test_planned_result_has_no_progress(db):
    error = errors_of("software", status=ResultStatus.PLANNED, progress=20)
    assert "progress" in error.block_errors


def test_in_progress_result_takes_a_percentage(db):
    block("service").clean(value("service", status=ResultStatus.IN_PROGRESS, progress=60))
    with pytest.raises(Exception):  # noqa: B017 - IntegerBlock's own bound check
        block("service").clean(value("service", status=ResultStatus.IN_PROGRESS, progress=150))


def test_completed_result_is_not_dated_in_the_future(db):
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert "date" in errors_of("report", date=tomorrow).block_errors
    block("report").clean(value("report", date=tomorrow, status=ResultStatus.IN_PROGRESS))


def test_published_dataset_needs_a_licence(db):
    assert "licence" in errors_of("dataset", licence="").block_errors
    block("software").clean(value("software", licence=""))


def test_event_needs_a_date_but_no_link(db):
    assert "date" in errors_of("event", date=None).block_errors
    block("event").clean(value("event", link=""))


def test_result_value_helpers(db, document):
    result = value("dataset", link="", document=document, licence=Licence.CC0)
    assert result.url() == document.url
    assert result.licence_url() == "https://spdx.org/licenses/CC0-1.0.html"
    with translation.override("en"):
        assert result.type_label() == "Dataset"
    assert result.effective_progress() == 100
    planned = value("dataset", status=ResultStatus.PLANNED, progress=None)
    assert planned.effective_progress() == 0


def test_api_representation_has_document_url_size_and_format(db, document, rf):
    result = value("report", document=document, link="")
    data = block("report").get_api_representation(result, context={"request": rf.get("/")})
    assert data["document"]["url"].startswith("http://testserver/documents/")
    assert data["document"]["file_extension"] == "pdf"
    assert data["document"]["file_size"] == document.file_size
    assert data["progress"] == 100
    assert data["licence_url"].endswith("CC-BY-4.0.html")


def test_rendered_result_offers_the_document_with_size_and_format(db, document):
    result = value("report", document=document, link="")
    with translation.override("en"):
        html = render_to_string("projects/blocks/result.html", {"value": result})
    assert f'href="{document.url}"' in html and "download" in html
    assert "(PDF, " in html and "KB" in html


def test_group_results_keeps_type_order_and_editor_order(index):
    project = ProjectPageFactory(
        parent=index,
        results=[
            ("event", {"title": "B", "description": "x", "date": TODAY, "status": "completed"}),
            ("software", {"title": "A1", "description": "x", "link": "https://e.org",
                          "status": "completed"}),
            ("software", {"title": "A2", "description": "x", "link": "https://e.org",
                          "status": "completed"}),
        ],
    )
    groups = group_results(project.results)
    assert [group["type"] for group in groups] == ["software", "event"]
    assert [r.value["title"] for r in groups[0]["results"]] == ["A1", "A2"]
    with translation.override("en"):
        assert str(groups[0]["label"]) == "Software"
