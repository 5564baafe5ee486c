"""The results catalogue in the other language: hreflang links and the language switcher.

The catalogue is a route of the project index, so without help the site chrome would
point at the translated index. The route gives `alternate_urls`, the same route on each
translation; the hub's `hreflang_links` and `language_switcher` tags use it.
"""

import re

import pytest
from django.utils import translation

from hub.factories import translate

SV, EN = "/projekt/resultat/", "/en/projects/results/"


def get(client, url):
    with translation.override("en" if url.startswith("/en/") else "sv"):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


def hreflang(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switcher(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" lang="[\w-]+" hreflang="([\w-]+)">', nav)
    return {code: href for href, code in links}


@pytest.mark.parametrize("url", [SV, EN], ids=["sv", "en"])
def test_catalogue_gives_its_route_on_each_translation(client, index, index_en, url):
    response = get(client, url)
    assert response.context["alternate_urls"] == {"sv": SV, "en": EN}


def test_filters_are_kept_in_the_other_language(client, index, index_en):
    response = get(client, SV + "?type=dataset&theme=demokrati")
    assert response.context["alternate_urls"]["en"] == EN + "?type=dataset&theme=demokrati"


def test_without_a_translation_only_the_own_language(client, index):
    assert get(client, SV).context["alternate_urls"] == {"sv": SV}


def test_a_draft_translation_is_not_offered(client, index, index_en):
    index_en.unpublish()
    assert get(client, SV).context["alternate_urls"] == {"sv": SV}


def test_renamed_translation_slug_is_followed(client, index, home_en):
    translate(index, slug="our-projects", title="Projects")
    assert get(client, SV).context["alternate_urls"]["en"] == "/en/our-projects/results/"


@pytest.mark.parametrize(
    ("url", "other_language"), [(SV, {"en": EN}), (EN, {"sv": SV})], ids=["sv-en", "en-sv"]
)
def test_catalogue_links_to_the_catalogue_in_the_other_language(
    client, index, index_en, url, other_language
):
    html = get(client, url).content.decode()
    assert hreflang(html) == {
        "sv": "http://testserver" + SV,
        "en": "http://testserver" + EN,
        "x-default": "http://testserver" + SV,
    }
    assert switcher(html) == other_language


def test_the_index_itself_still_links_to_the_translated_index(client, index, index_en):
    html = get(client, "/projekt/").content.decode()
    assert hreflang(html)["en"].endswith("/en/projects/")  # the site's own host name
    assert switcher(html) == {"en": "/en/projects/"}
