"""Inline rows keep their order on every database, also when code leaves sort_order empty."""

from django.apps import apps
from wagtail.models import Orderable

from hub.models import HomeFeaturedProject
from projects.factories import ProjectPageFactory
from projects.models import ProjectIndexPage

OUR_APPS = {"hub", "labs", "events", "projects"}


def test_every_orderable_of_ours_breaks_ties_by_primary_key():
    """Only the admin's formset numbers sort_order; PostgreSQL returns equal keys in any order."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, Orderable) and model._meta.app_label in OUR_APPS
    ]
    assert len(models) >= 8
    for model in models:
        assert list(model._meta.ordering)[-1] == "pk", model._meta.label


def test_rows_created_without_sort_order_keep_the_given_order(home):
    index = ProjectIndexPage(title="Projekt", slug="projekt")
    home.add_child(instance=index)
    projects = [ProjectPageFactory(parent=index, title=title) for title in "CAB"]
    home.featured_projects = [HomeFeaturedProject(project=project) for project in projects]
    home.save_revision().publish()

    rows = HomeFeaturedProject.objects.filter(home_page=home)
    assert [row.sort_order for row in rows] == [None, None, None]
    assert [row.project.title for row in rows] == ["C", "A", "B"]
