"""The page tree is declared: who may live where, and the singletons."""

import pytest
from wagtail.models import Page

from hub.factories import NewsIndexPageFactory, PartnerIndexPageFactory
from hub.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (Page, HomePage),
        (HomePage, StandardPage),
        (HomePage, NewsIndexPage),
        (HomePage, PartnerIndexPage),
        (StandardPage, StandardPage),
        (NewsIndexPage, NewsPage),
        (PartnerIndexPage, PartnerPage),
    ],
)
def test_allowed(parent, child):
    assert child in parent.allowed_subpage_models()


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (HomePage, NewsPage),
        (HomePage, PartnerPage),
        (HomePage, HomePage),
        (StandardPage, NewsPage),
        (NewsIndexPage, StandardPage),
        (PartnerIndexPage, NewsPage),
        (NewsPage, StandardPage),
        (PartnerPage, StandardPage),
        (StandardPage, NewsIndexPage),
    ],
)
def test_not_allowed(parent, child):
    assert child not in parent.allowed_subpage_models()


@pytest.mark.parametrize("model", [NewsPage, PartnerPage])
def test_leaves_have_no_children(model):
    assert model.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("model", "factory"),
    [(NewsIndexPage, NewsIndexPageFactory), (PartnerIndexPage, PartnerIndexPageFactory)],
)
def test_index_pages_are_one_per_language_tree(model, factory, home, home_en):
    assert model.can_create_at(home)
    factory(parent=home)
    assert not model.can_create_at(home)
    # The English tree gets its own (the translation).
    assert model.can_create_at(home_en)


def test_home_page_only_at_the_root(home):
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # sv + en exist
    assert HomePage.can_create_at(home) is False
