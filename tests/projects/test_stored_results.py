"""Results as they are stored: raw StreamField JSON of every type keeps loading unchanged.

The JSON below is what the result blocks wrote before they were built from one factory
(`projects.blocks.result_block`). If a block type is renamed or a field changes shape,
existing projects would silently lose results (StreamField drops unknown block types),
so these tests load the stored form straight from the database.
"""

import copy

import pytest
from django.template.loader import render_to_string

from projects.blocks import ResultValue
from projects.choices import ResultType
from projects.factories import ProjectPageFactory
from projects.models import ProjectPage, ProjectResult

STORED = [
    {"type": "software", "id": "0d1f6a3e-0000-4000-8000-000000000001", "value": {
        "title": "Medborgarförslag-appen", "description": "En öppen app.",
        "link": "https://example.org/kod", "document": None, "licence": "AGPL-3.0-or-later",
        "date": "2024-05-01", "status": "completed", "progress": None}},
    {"type": "report", "id": "0d1f6a3e-0000-4000-8000-000000000002", "value": {
        "title": "Slutrapport", "description": "Vad vi lärde oss.",
        "link": "https://example.org/rapport", "document": None, "licence": "CC-BY-4.0",
        "date": "2024-06-01", "status": "completed", "progress": None}},
    {"type": "dataset", "id": "0d1f6a3e-0000-4000-8000-000000000003", "value": {
        "title": "Cykelställ", "description": "Alla cykelställ.",
        "link": "https://example.org/data", "document": None, "licence": "CC0-1.0",
        "date": "2024-07-01", "status": "completed", "progress": None}},
    {"type": "method", "id": "0d1f6a3e-0000-4000-8000-000000000004", "value": {
        "title": "Metodstöd", "description": "Steg för steg.",
        "link": "", "document": None, "licence": "CC-BY-SA-4.0",
        "date": None, "status": "in_progress", "progress": 40}},
    {"type": "service", "id": "0d1f6a3e-0000-4000-8000-000000000005", "value": {
        "title": "Fråga kommunen", "description": "Svar på frågor.",
        "link": "https://example.org/tjanst", "document": None, "licence": "",
        "date": "2024-08-01", "status": "completed", "progress": None}},
    {"type": "policy_change", "id": "0d1f6a3e-0000-4000-8000-000000000006", "value": {
        "title": "Öppna data som standard", "description": "Ett beslut.",
        "link": "", "document": None, "licence": "",
        "date": None, "status": "planned", "progress": None}},
    {"type": "event", "id": "0d1f6a3e-0000-4000-8000-000000000007", "value": {
        "title": "Hackathon", "description": "Två dagar.",
        "link": "", "document": None, "licence": "",
        "date": "2024-09-14", "status": "completed", "progress": None}},
]


@pytest.fixture
def stored_project(index):
    project = ProjectPageFactory(parent=index, results=[])
    # Write the JSON as a database row holds it, past the blocks' to_python/get_prep_value.
    ProjectPage.objects.filter(pk=project.pk).update(results=copy.deepcopy(STORED))
    return ProjectPage.objects.get(pk=project.pk)


def test_stored_json_covers_every_result_type():
    assert [item["type"] for item in STORED] == ResultType.values


def test_every_stored_result_type_loads_with_its_fields(stored_project):
    results = list(stored_project.results)
    assert [child.block_type for child in results] == ResultType.values
    for child, raw in zip(results, STORED, strict=True):
        assert child.id == raw["id"]
        assert isinstance(child.value, ResultValue)
        assert child.value.result_type == raw["type"]
        assert child.value["title"] == raw["value"]["title"]
        assert child.value.type_label() == ResultType(raw["type"]).label
    method = results[3].value
    assert method.effective_progress() == 40
    assert method.licence_url() == "https://spdx.org/licenses/CC-BY-SA-4.0.html"


def test_stored_json_round_trips_unchanged(stored_project):
    stream_block = ProjectPage.results.field.stream_block
    assert stream_block.get_prep_value(stored_project.results) == STORED


def test_stored_results_render_validate_and_index(stored_project):
    for child in stored_project.results:
        child.block.clean(child.value)
        html = render_to_string(
            child.block.meta.template, {"value": child.value, "heading_level": 3}
        )
        assert child.value["title"] in html
    stored_project.save_revision().publish()
    assert list(
        ProjectResult.objects.filter(project=stored_project)
        .order_by("sort_order")
        .values_list("result_type", flat=True)
    ) == ResultType.values
