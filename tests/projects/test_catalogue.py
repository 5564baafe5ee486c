"""The results catalogue: SVG charts with tables, results by type and theme."""

import re

import pytest
from django.utils import timezone, translation

from hub.factories import translate
from projects.factories import FundingCallFactory, ProjectPageFactory

TODAY = timezone.localdate()


def result(kind, title, **extra):
    value = {"title": title, "description": "Beskrivning.", "link": "https://example.org/",
             "status": "completed", "date": TODAY, "licence": "CC0-1.0"}
    value.update(extra)
    return (kind, value)


@pytest.fixture
def catalogue(index):
    call = FundingCallFactory(name="Omgång 1", year=2023)
    ProjectPageFactory(
        parent=index, title="Data", funding_call=call, themes=["öppna data"],
        results=[result("dataset", "Datasetet"), result("report", "Rapporten")],
    )
    ProjectPageFactory(
        parent=index, title="Demokrati", funding_call=call, themes=["demokrati"],
        results=[result("software", "Appen"), result("dataset", "Röster")],
    )
    return index


def results_listed(response):
    return re.findall(r'<h4 class="result__title">([^<]+)</h4>', response.content.decode())


def test_catalogue_route_in_both_languages(client, catalogue, index_en):
    response = client.get(catalogue.url + "resultat/")
    assert response.status_code == 200
    assert sorted(results_listed(response)) == ["Appen", "Datasetet", "Rapporten", "Röster"]
    with translation.override("en"):
        english = client.get("/en/projects/results/")
    assert english.status_code == 200
    assert "Results of the projects" in english.content.decode()
    # The index links to the catalogue in its own language.
    assert 'href="/projekt/resultat/"' in client.get(catalogue.url).content.decode()
    with translation.override("en"):
        assert 'href="/en/projects/results/"' in client.get("/en/projects/").content.decode()


def test_charts_are_accessible_svg_with_the_numbers_as_a_table(client, catalogue, index_en):
    english_project = catalogue.get_children().first().specific
    translate(english_project, slug="data-en", results=english_project.results.raw_data)
    # Assert on the English page (UI strings are translated on the Swedish one).
    with translation.override("en"):
        html = client.get("/en/projects/results/").content.decode()
    svgs = re.findall(r'<svg class="chart__svg"[^>]*>.*?</svg>', html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
        assert "<title" in svg and "<desc" in svg
    assert re.search(r"<desc[^>]*>[^<]*Dataset: 1; Method or guide: 0", html)
    tables = re.findall(r'<table class="chart__table">.*?</table>', html, re.S)
    assert len(tables) == 3
    assert re.search(r'<th scope="row">Dataset</th><td>1</td>', html)
    assert re.search(r'<th scope="row">Report</th><td>1</td>', html)
    assert re.search(r'<th scope="row">Ongoing</th><td>1</td>', html)
    assert re.search(r'<th scope="row">Vinnova: The civic tech call \(2023\)</th><td>1</td>', html)
    # The Swedish catalogue counts the Swedish projects.
    swedish = client.get(catalogue.url + "resultat/").content.decode()
    assert re.search(r"<desc[^>]*>[^<]*: 2;", swedish)


def test_filter_by_type_and_theme(client, catalogue):
    url = catalogue.url + "resultat/"
    assert sorted(results_listed(client.get(url + "?type=dataset"))) == ["Datasetet", "Röster"]
    assert sorted(results_listed(client.get(url + "?theme=demokrati"))) == ["Appen", "Röster"]
    response = client.get(url + "?type=dataset&theme=demokrati")
    assert results_listed(response) == ["Röster"]
    types = {o.value: o.count for o in response.context["filter"].facet("type").options}
    assert types["dataset"] == 1 and types["software"] == 1 and types["report"] == 0
    themes = {o.value: o.count for o in response.context["filter"].facet("theme").options}
    assert themes == {"demokrati": 1, "öppna-data": 1}


@pytest.mark.parametrize("query", ["type=bogus", "theme=%00", "type=", "page=zz", "theme=nope"])
def test_malformed_filters_are_ignored(client, catalogue, query):
    response = client.get(catalogue.url + f"resultat/?{query}")
    assert response.status_code == 200
    assert len(results_listed(response)) == 4


def test_results_are_grouped_by_type_with_their_project(client, catalogue):
    html = client.get(catalogue.url + "resultat/").content.decode()
    groups = re.findall(r'<h3 id="result-group-\d+">([^<]+)</h3>', html)
    assert len(groups) == 3  # software, report, dataset in type order
    assert 'Project: <a href="/projekt/data/">Data</a>' in html or "/projekt/data/" in html


def test_only_live_results_of_the_language(client, catalogue, index_en):
    project = catalogue.get_children().first().specific
    translate(project, title="Data EN", slug="data-en",
              results=[result("software", "English app")])
    hidden = ProjectPageFactory(parent=catalogue, results=[result("event", "Dolt")])
    hidden.unpublish()
    listed = results_listed(client.get(catalogue.url + "resultat/"))
    assert "English app" not in listed and "Dolt" not in listed
    with translation.override("en"):
        assert results_listed(client.get("/en/projects/results/")) == ["English app"]


def test_catalogue_is_its_own_canonical_page_and_in_the_sitemap(client, catalogue, index_en):
    html = client.get(catalogue.url + "resultat/").content.decode()
    assert '<link rel="canonical" href="http://testserver/projekt/resultat/">' in html
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/projekt/resultat/</loc>" in sitemap
    assert "/en/projects/results/</loc>" in sitemap
