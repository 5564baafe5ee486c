"""Fixtures for the importer tests: a Jekyll tree per test and a private media folder."""

import pytest

from hub.importer.models import ImportRecord

from .jekyll import civictech_tree


@pytest.fixture(scope="session", autouse=True)
def _import_record_table(django_db_setup, django_db_blocker):
    """Create hub.ImportRecord's table if the hub migrations do not have it yet.

    The model lives in hub/importer/models.py and is registered by hub.models; until its
    migration is part of hub/migrations this keeps the suite runnable. A no-op afterwards.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        if ImportRecord._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(ImportRecord)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def site_tree(tmp_path):
    return civictech_tree(tmp_path / "civictech.se")
