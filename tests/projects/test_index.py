"""The project index: listing, faceted filters that work without JavaScript, pagination."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from hub.factories import PartnerPageFactory, translate
from projects.choices import ProjectStatus, Region
from projects.factories import FundingCallFactory, ProjectPageFactory
from projects.filters import ProjectFilter
from projects.models import ProjectIndexPage

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def portfolio(index):
    """Three projects: one per status, two calls, two regions, overlapping themes."""
    old_call = FundingCallFactory(name="Omgång 1", year=2022)
    new_call = FundingCallFactory(name="Omgång 2", year=2024)
    return {
        "done": ProjectPageFactory(
            parent=index, title="Klart", funding_call=old_call, region=Region.SKANE,
            start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2022, 6, 30),
            themes=["öppna data", "klimat"],
        ),
        "running": ProjectPageFactory(
            parent=index, title="Pågår", funding_call=new_call, region=Region.STOCKHOLM,
            start_date=TODAY - 30 * DAY, end_date=TODAY + 300 * DAY, themes=["öppna data"],
        ),
        "later": ProjectPageFactory(
            parent=index, title="Senare", funding_call=new_call, region=Region.STOCKHOLM,
            start_date=TODAY + 30 * DAY, end_date=TODAY + 400 * DAY, themes=["demokrati"],
        ),
    }


def listed(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def facet(response, name):
    return {option.value: option.count for option in response.context["filter"].facet(name).options}


def test_lists_live_projects_of_its_language(client, index, portfolio):
    draft = ProjectPageFactory(parent=index, title="Utkast")
    draft.unpublish()
    response = client.get(index.url)
    assert response.status_code == 200
    assert sorted(listed(response)) == ["Klart", "Pågår", "Senare"]


def test_form_is_a_plain_get_form_with_a_label_for_every_control(client, index, portfolio):
    html = client.get(index.url).content.decode()
    form = re.search(r"<form[^>]*project-filters.*?</form>", html, re.S).group(0)
    assert 'method="get"' in form
    for name in ProjectFilter.facet_names:
        assert f'<label for="filter-{name}">' in form
        assert f'id="filter-{name}" name="{name}"' in form
    assert 'type="submit"' in form


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=completed", ["Klart"]),
        ("status=ongoing", ["Pågår"]),
        ("status=planned", ["Senare"]),
        ("theme=%C3%B6ppna-data", ["Klart", "Pågår"]),
        ("region=skane", ["Klart"]),
        ("year=2021", ["Klart"]),
        ("theme=%C3%B6ppna-data&region=stockholm", ["Pågår"]),
    ],
)
def test_filters_narrow_the_list(client, index, portfolio, query, expected):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(expected)


def test_filter_by_funding_call(client, index, portfolio):
    call = portfolio["running"].funding_call
    response = client.get(f"{index.url}?call={call.pk}")
    assert sorted(listed(response)) == ["Pågår", "Senare"]


def test_counts_per_option_respect_the_other_filters(client, index, portfolio):
    response = client.get(f"{index.url}?theme=%C3%B6ppna-data")
    # Status counts are among projects on the chosen theme...
    assert facet(response, "status") == {"planned": 0, "ongoing": 1, "completed": 1}
    # ...while the theme facet counts as if no theme were chosen.
    assert facet(response, "theme") == {"demokrati": 1, "klimat": 1, "öppna-data": 2}
    assert facet(response, "region") == {"skane": 1, "stockholm": 1}
    years = facet(response, "year")
    assert years["2021"] == 1 and years["2022"] == 1 and years[str(TODAY.year)] >= 1
    html = response.content.decode()
    assert '<option value="öppna-data" selected>öppna data (2)</option>' in html


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "year=abc",
        "year=99999",
        "year=1800",
        "call=x",
        "call=999999",
        "call=99999999999999999999",
        "region=%3Cscript%3E",
        "theme=%00",
        "theme=no-such-theme",
        "theme=" + "a" * 500,
        "page=abc",
        "page=-1",
        "page=99999",
        "status=ongoing&status=completed&region=",
    ],
)
def test_malformed_or_unknown_filters_are_ignored_never_an_error(client, index, portfolio, query):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    if "status=ongoing&status=completed" in query:  # the last value wins, as in Django
        assert listed(response) == ["Klart"]
    else:
        assert sorted(listed(response)) == ["Klart", "Pågår", "Senare"]


def test_pagination_keeps_the_filters(client, index):
    for number in range(ProjectIndexPage.page_size + 3):
        ProjectPageFactory(parent=index, title=f"Projekt {number:02d}", region=Region.UPPSALA)
    response = client.get(f"{index.url}?region=uppsala")
    assert len(listed(response)) == ProjectIndexPage.page_size
    html = response.content.decode()
    assert "?region=uppsala&amp;page=2" in html
    second = client.get(f"{index.url}?region=uppsala&page=2")
    assert len(listed(second)) == 3


def test_english_index_lists_english_projects(client, index_en, index, portfolio):
    translate(portfolio["running"], title="Running", slug="running")
    with translation.override("en"):
        response = client.get("/en/projects/")
    assert response.status_code == 200
    assert listed(response) == ["Running"]
    assert 'lang="en"' in response.content.decode()


def test_cards_show_status_call_and_lead(client, index, portfolio):
    lead = PartnerPageFactory(title="Digidem Lab")
    project = portfolio["running"]
    project.lead_organisation = lead
    project.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert "Digidem Lab" in html
    assert f"status-badge--{ProjectStatus.ONGOING}" in html
    assert "Omgång 2" in html
