"""The home page's featured projects: the coordinator's order, with a sensible fallback."""

import re

from django.utils import translation
from django.utils.translation import gettext

from hub.factories import translate
from hub.models import HomeFeaturedProject
from projects.factories import ProjectPageFactory


def featured(html):
    section = re.search(r'<section class="section home-projects".*?</section>', html, re.S)
    if section is None:
        return None, []
    block = section.group(0)
    heading = re.search(r'<h2 id="home-projects-heading">([^<]+)</h2>', block).group(1)
    return heading, re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', block)


def choose(home, projects):
    # sort_order as the admin's formset sets it; the rows' order is that field alone.
    home.featured_projects = [
        HomeFeaturedProject(project=project, sort_order=position)
        for position, project in enumerate(projects)
    ]
    home.save_revision().publish()


def test_coordinators_order_is_kept(client, home, index):
    a, b, c = (ProjectPageFactory(parent=index, title=t) for t in ("Alfa", "Beta", "Gamma"))
    choose(home, [c, a])
    heading, titles = featured(client.get("/").content.decode())
    assert titles == ["Gamma", "Alfa"]
    with translation.override("sv"):
        assert heading == gettext("Featured projects")


def test_falls_back_to_recently_updated_projects(client, home, index):
    ProjectPageFactory(parent=index, title="Äldre")
    newer = ProjectPageFactory(parent=index, title="Nyare")
    newer.save_revision().publish()
    heading, titles = featured(client.get("/").content.decode())
    with translation.override("sv"):
        assert heading == gettext("Recently updated projects")
    assert titles[0] == "Nyare"


def test_chosen_projects_that_are_not_live_fall_back(client, home, index):
    hidden = ProjectPageFactory(parent=index, title="Dold")
    ProjectPageFactory(parent=index, title="Synlig")
    choose(home, [hidden])
    hidden.unpublish()
    _heading, titles = featured(client.get("/").content.decode())
    assert titles == ["Synlig"]


def test_no_projects_no_section(client, home):
    assert featured(client.get("/").content.decode()) == (None, [])


def test_english_home_shows_english_versions(client, home, home_en, index_en, index):
    a = ProjectPageFactory(parent=index, title="Alfa")
    b = ProjectPageFactory(parent=index, title="Beta")
    translate(a, title="Alpha", slug="alpha")
    choose(home, [a, b])
    choose(home_en, [a, b])  # as copied by a translation: still the Swedish pages
    with translation.override("en"):
        _heading, titles = featured(client.get("/en/").content.decode())
    assert titles == ["Alpha", "Beta"]


def test_preview_of_home_uses_unsaved_choices(home, index):
    a = ProjectPageFactory(parent=index, title="Alfa")
    b = ProjectPageFactory(parent=index, title="Beta")
    home.featured_projects = [HomeFeaturedProject(project=b), HomeFeaturedProject(project=a)]
    _heading, titles = featured(home.make_preview_request().content.decode())
    assert titles == ["Beta", "Alfa"]
