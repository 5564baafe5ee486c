"""Site search: results in the active language, and no input ever gives a 500."""

import pytest


def test_search_finds_pages_in_the_active_language(client, demo_site):
    sv = client.get("/search/", {"q": "tillgänglighet"}).content.decode()
    assert "Tillgänglighetsredogörelse" in sv
    assert "Accessibility statement" not in sv
    en = client.get("/en/search/", {"q": "accessibility"}).content.decode()
    assert "Accessibility statement" in en
    assert "Tillgänglighetsredogörelse" not in en


def test_search_without_query_shows_the_form(client, home):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="search-q">' in html
    assert 'role="search"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_search_reports_no_results(client, demo_site):
    response = client.get("/en/search/", {"q": "xyzzyplugh"})
    assert response.status_code == 200
    assert "Nothing matched" in response.content.decode()


def test_search_paginates_and_keeps_the_query(client, home):
    from hub.factories import NewsPageFactory

    for number in range(12):
        NewsPageFactory(title=f"Hackathon {number}")
    html = client.get("/search/", {"q": "hackathon"}).content.decode()
    assert 'href="?q=hackathon&amp;page=2"' in html
    page_two = client.get("/search/", {"q": "hackathon", "page": "2"})
    assert page_two.status_code == 200


@pytest.mark.parametrize(
    "query_string",
    [
        "q=",
        "q=%00",
        "q=a%00b",
        "q=%22unbalanced",
        "q=(((",
        "q=AND+OR+NOT",
        "q=*",
        "q=-",
        "q=%25%25%25",
        "q=" + "a" * 5000,
        "q=%F0%9F%98%80",
        "q=%ff%fe",
        "q[]=x",
        "q=a&q=b",
        "q=civic&page=abc",
        "q=civic&page=-1",
        "q=civic&page=0",
        "q=civic&page=999999999999999999999",
        "q=civic&page=1.5",
        "page=2",
        "q=%3Cscript%3Ealert(1)%3C/script%3E",
    ],
)
def test_malformed_queries_never_fail(client, home, query_string):
    from hub.factories import NewsPageFactory

    NewsPageFactory(title="Civic tech i Umeå")
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/search/?{query_string}")
        assert response.status_code == 200, query_string
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_rejects_post(client, home):
    assert client.post("/search/", {"q": "x"}).status_code == 405
