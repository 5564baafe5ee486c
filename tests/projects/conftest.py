"""Fixtures for the projects tests: an index per language and a way to translate pages."""

import pytest

from hub.factories import translate
from projects.factories import ProjectIndexPageFactory


@pytest.fixture
def index(home):
    return ProjectIndexPageFactory(parent=home)


@pytest.fixture
def index_en(index, home_en):
    return translate(index, slug="projects", title="Projects")
