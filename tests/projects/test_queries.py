"""Every listing and page of the projects app runs a constant number of queries.

Each test measures its pages with 5 projects, grows the portfolio to 100 and measures
again: the counts must be equal, and below the pinned maximum.
"""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hub.factories import PartnerPageFactory
from hub.models import HomeFeaturedProject
from projects.factories import FundingCallFactory, ProjectPageFactory, ShowcasePageFactory
from projects.models import ProjectPartner, ShowcaseItem

SMALL, LARGE = 5, 100

# The pinned maxima: the measured counts (page cache off, warm per-process caches), no
# headroom; the page chrome (menu, language links, breadcrumbs, footer) is one query of them.
MAX_QUERIES = {
    "index": 19,
    "index_filtered": 19,
    "catalogue": 18,
    "catalogue_filtered": 18,
    "project": 18,
    "showcase": 16,
    "home": 14,
    "partner_tag": 2,
}


def results(number):
    today = timezone.localdate()
    return [
        ("software", {"title": f"Kod {number}", "description": "Kod.", "link": "https://e.org",
                      "licence": "MIT", "status": "completed", "date": today}),
        ("dataset", {"title": f"Data {number}", "description": "Data.", "link": "https://e.org",
                     "licence": "CC0-1.0", "status": "completed", "date": today}),
        ("report", {"title": f"Rapport {number}", "description": "Text.",
                    "status": "in_progress", "progress": 50}),
    ]


@pytest.fixture
def portfolio(index, home):
    lead = PartnerPageFactory(title="Digidem Lab")
    partner = PartnerPageFactory(title="RISE")
    calls = [FundingCallFactory(name=f"Omgång {n}", year=2020 + n) for n in range(3)]
    state = {"projects": [], "lead": lead}

    def grow(total):
        for number in range(len(state["projects"]), total):
            project = ProjectPageFactory(
                parent=index,
                title=f"Projekt {number:03d}",
                funding_call=calls[number % 3],
                lead_organisation=lead,
                results=results(number),
                themes=[f"tema {number % 7}", "gemensamt"],
                project_partners=[ProjectPartner(partner=partner, role="Partner")],
            )
            state["projects"].append(project)
        # The showcase features every project, in reverse order; the home page six.
        if "showcase" not in state:
            state["showcase"] = ShowcasePageFactory(parent=index)
        ShowcaseItem.objects.filter(showcase=state["showcase"]).delete()
        for position, project in enumerate(reversed(state["projects"])):
            ShowcaseItem.objects.create(
                showcase=state["showcase"], project=project, sort_order=position, note="Därför."
            )
        HomeFeaturedProject.objects.filter(home_page=home).delete()
        for position, project in enumerate(state["projects"][:6]):
            HomeFeaturedProject.objects.create(
                home_page=home, project=project, sort_order=position
            )
        return state

    return grow


def count_queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def measure(client, index, state):
    project = state["projects"][-1]
    request = RequestFactory().get("/")

    def get(url, cards=None):
        def fetch():
            response = client.get(url)
            assert response.status_code == 200, url
            if cards is not None:  # the page really shows what it should
                assert response.content.decode().count('class="card project-card"') == cards
        return fetch

    def partner_tag():
        Template("{% load projects_tags %}{% partner_projects partner %}").render(
            Context({"partner": state["lead"], "request": request})
        )

    return {
        "index": get(index.url, cards=min(len(state["projects"]), 12)),
        "index_filtered": get(f"{index.url}?status=ongoing&theme=gemensamt&region=national"),
        "catalogue": get(index.url + "resultat/"),
        "catalogue_filtered": get(index.url + "resultat/?type=dataset&theme=gemensamt&page=2"),
        "project": get(project.url),
        "showcase": get(state["showcase"].url, cards=len(state["projects"])),
        "home": get("/", cards=min(len(state["projects"]), 6)),
        "partner_tag": partner_tag,
    }


def test_query_counts_are_constant_from_5_to_100_projects(
    client, index, portfolio, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count what a rendering costs, not a page cache hit
    counts = {}
    for size in (SMALL, LARGE):
        state = portfolio(size)
        for name, action in measure(client, index, state).items():
            action()  # warm caches (site root paths, renditions) as a running site would
            with django_assert_max_num_queries(MAX_QUERIES[name]):
                counts[(name, size)] = count_queries(action)
    for name in MAX_QUERIES:
        assert counts[(name, SMALL)] == counts[(name, LARGE)], (
            f"{name}: {counts[(name, SMALL)]} queries with {SMALL} projects, "
            f"{counts[(name, LARGE)]} with {LARGE}"
        )
    print("query counts:", {name: counts[(name, LARGE)] for name in MAX_QUERIES})
