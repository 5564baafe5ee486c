"""Fixtures for the projects tests: an index per language and a way to translate pages."""

import pytest
from wagtail.models import Locale

from projects.factories import ProjectIndexPageFactory


def translate(page, language_code="en", **fields):
    """Publish the translation of `page` with `fields` set (the parent must be translated)."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    translation = (translation or page.copy_for_translation(locale)).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


@pytest.fixture
def index(home):
    return ProjectIndexPageFactory(parent=home)


@pytest.fixture
def index_en(index, home_en):
    return translate(index, slug="projects", title="Projects")
