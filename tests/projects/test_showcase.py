"""Showcases: the coordinator's order and notes, in previews and in both languages."""

import re

from django.utils import translation

from hub.factories import translate
from projects.factories import ProjectPageFactory, ShowcasePageFactory
from projects.models import ShowcaseItem


def titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_projects_in_the_chosen_order_with_notes(client, index):
    a, b, c = (ProjectPageFactory(parent=index, title=t) for t in ("Alfa", "Beta", "Gamma"))
    showcase = ShowcasePageFactory(parent=index, projects=[c, a, b])
    html = client.get(showcase.url).content.decode()
    assert titles(html) == ["Gamma", "Alfa", "Beta"]
    assert "Därför valde vi Gamma." in html
    assert html.index("Därför valde vi Gamma.") < html.index("Därför valde vi Alfa.")


def test_projects_that_are_not_live_are_left_out(client, index):
    a = ProjectPageFactory(parent=index, title="Alfa")
    b = ProjectPageFactory(parent=index, title="Beta")
    showcase = ShowcasePageFactory(parent=index, projects=[a, b])
    a.unpublish()
    assert titles(client.get(showcase.url).content.decode()) == ["Beta"]


def test_preview_shows_unsaved_order_and_notes(index):
    a = ProjectPageFactory(parent=index, title="Alfa")
    b = ProjectPageFactory(parent=index, title="Beta")
    showcase = ShowcasePageFactory(parent=index, projects=[a, b])
    showcase.items = [
        ShowcaseItem(project=b, note="Först nu."),
        ShowcaseItem(project=a, note="Sedan."),
    ]
    response = showcase.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(html) == ["Beta", "Alfa"]
    assert "Först nu." in html


def test_english_showcase_shows_english_projects(client, index_en, index):
    a = ProjectPageFactory(parent=index, title="Alfa")
    b = ProjectPageFactory(parent=index, title="Beta")
    translate(a, title="Alpha", slug="alpha")
    showcase = ShowcasePageFactory(parent=index, projects=[a, b])
    english = translate(showcase, title="Showcase", slug="showcase")
    with translation.override("en"):
        html = client.get(english.url).content.decode()
    # Alfa has an English version; Beta has none and is shown as it is.
    assert titles(html) == ["Alpha", "Beta"]
