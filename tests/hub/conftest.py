import io

import pytest


@pytest.fixture(scope="module")
def _demo_content(django_db_setup, django_db_blocker):
    """Load the demo content once per test module, inside a transaction rolled back at the end.

    Each test then runs in a savepoint (pytest-django's `db`), like Django's setUpTestData:
    what a test changes is undone after it, and the next test sees the demo content again.
    Loading it costs a few seconds (dozens of pages, revisions, translations), so once per
    module keeps the suite fast.
    """
    from django.db import transaction

    from hub.demo import site

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            site.load(io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo_site(_demo_content, db):
    """The hub's demo content (Swedish and English), as `load_demo` creates it.

    Returns fresh home pages: {"sv": ..., "en": ...}.
    """
    from hub.setup import ensure_home_pages

    sv, en = ensure_home_pages()
    return {"sv": sv, "en": en}


@pytest.fixture
def en_page():
    """Return the English translation of a page."""
    from wagtail.models import Locale

    def translate(page):
        return page.get_translation(Locale.objects.get(language_code="en")).specific

    return translate
