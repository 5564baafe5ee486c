"""Imported pages in a real browser: they render and pass the same axe (WCAG 2.1 AA) checks."""

import pytest
from wagtail.models import Locale

from events.models import EventPage
from hub.importer.run import JekyllImport
from hub.models import NewsPage, StandardPage
from labs.models import LabPage, LocalGroupPage
from projects.models import ProjectPage

from .jekyll import civictech_tree, digidemlab_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_imported_pages_pass_axe(live_server, page, axe, tmp_path):
    JekyllImport(civictech_tree(tmp_path / "civictech.se")).run()
    JekyllImport(digidemlab_tree(tmp_path / "digidemlab.org")).run()
    group = LocalGroupPage.objects.get(locale__language_code="sv", title="Civic Tech Stockholm")
    pages = [
        group,
        group.get_translation(Locale.objects.get(language_code="en")),
        EventPage.objects.get(title="Hackkväll i februari"),
        LabPage.objects.get(locale__language_code="sv"),
        ProjectPage.objects.get(title="Öppen valkompass"),
        StandardPage.objects.get(title="Om Civic Tech Sweden"),
        NewsPage.objects.get(title="Erbjudande om partnerskap"),
    ]
    for imported in pages:
        response = page.goto(live_server.url + imported.url)
        assert response.status == 200, imported.url
        assert page.locator("h1").first.inner_text().strip() == imported.title
        # Sanitised: nothing from the source's <script> made it to the page.
        assert "alert(" not in page.content()
        axe(page, context=imported.url)

