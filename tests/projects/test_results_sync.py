"""The indexed ProjectResult rows follow what is published, never drafts."""

import io

from django.core.management import call_command
from django.utils import timezone

from hub.factories import translate
from projects.factories import ProjectPageFactory
from projects.models import ProjectResult

TODAY = timezone.localdate()


def software(title):
    return ("software", {"title": title, "description": "Kod.", "link": "https://e.org",
                         "status": "completed", "date": TODAY})


def titles(project):
    return list(
        ProjectResult.objects.filter(project=project).order_by("sort_order")
        .values_list("title", flat=True)
    )


def test_creating_a_project_indexes_its_results(index):
    project = ProjectPageFactory(parent=index)
    rows = ProjectResult.objects.filter(project=project).order_by("sort_order")
    assert [row.result_type for row in rows] == ["software", "report", "dataset"]
    report = rows[1]
    assert (report.status, report.progress, report.effective_progress()) == ("in_progress", 60, 60)
    assert rows[0].licence == "AGPL-3.0-or-later"
    assert rows[0].url() == "https://example.org/kod"
    assert all(row.block_id for row in rows)


def test_a_draft_does_not_reach_the_catalogue_but_publishing_does(index):
    project = ProjectPageFactory(parent=index, results=[software("Publicerad")])
    draft = project.get_latest_revision_as_object()
    draft.results = [software("Utkast")]
    revision = draft.save_revision()
    assert titles(project) == ["Publicerad"]
    revision.publish()
    assert titles(project) == ["Utkast"]


def test_unpublished_projects_leave_the_catalogue(index):
    project = ProjectPageFactory(parent=index)
    assert index.results().filter(project=project).count() == 3
    project.unpublish()
    assert not index.results().filter(project=project).exists()


def test_deleting_a_project_deletes_its_rows(index):
    project = ProjectPageFactory(parent=index)
    project.delete()
    assert not ProjectResult.objects.exists()


def test_translations_get_their_own_rows(index_en, index):
    project = ProjectPageFactory(parent=index, results=[software("Appen")])
    english = translate(project, results=[software("The app")])
    assert titles(project) == ["Appen"]
    assert titles(english) == ["The app"]
    assert index_en.results().get().title == "The app"


def test_copied_blocks_with_the_same_id_still_get_rows(index):
    project = ProjectPageFactory(parent=index, results=[software("Ett"), software("Två")])
    data = project.results.raw_data
    data[1]["id"] = data[0]["id"]
    project.results = data
    project.save()
    assert titles(project) == ["Ett", "Två"]


def test_sync_command_rebuilds_the_index(index):
    ProjectPageFactory(parent=index)
    ProjectResult.objects.all().delete()
    out = io.StringIO()
    call_command("sync_project_results", stdout=out)
    assert ProjectResult.objects.count() == 3
    assert "Synced 3 results from 1 projects" in out.getvalue()
