"""`{% partner_groups_and_labs partner %}`: what the hub's partner page shows from labs."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from hub.factories import PartnerPageFactory, translate
from labs.factories import (
    LabHostPartnerFactory,
    LabPageFactory,
    LocalGroupPageFactory,
    LocalGroupPartnerFactory,
)
from labs.templatetags.labs_tags import groups_and_labs_for

pytestmark = pytest.mark.django_db

TEMPLATE = Template("{% load labs_tags %}{% partner_groups_and_labs partner %}")


def render(partner):
    return BeautifulSoup(TEMPLATE.render(Context({"partner": partner})), "html.parser")


@pytest.fixture
def partner(home):
    return PartnerPageFactory(title="RISE", slug="rise")


def test_lists_the_groups_and_labs_a_partner_supports(partner, group_index, lab_index):
    group = LocalGroupPageFactory(parent=group_index, city="Borås", slug="boras")
    LocalGroupPartnerFactory(page=group, partner=partner)
    LocalGroupPageFactory(parent=group_index, city="Kiruna", slug="kiruna")  # no partner
    lab = LabPageFactory(parent=lab_index, title="Labb Väst", regional=True)
    LabHostPartnerFactory(page=lab, partner=partner)
    LabHostPartnerFactory(page=lab, partner=PartnerPageFactory())
    html = render(partner)
    assert html.find("h2").get_text() == "Lokala grupper och labb"  # the partner page is Swedish
    links = {a.get_text(): a["href"] for a in html.find_all("a")}
    assert links == {group.title: group.url, "Labb Väst": lab.url}


def test_nothing_when_the_partner_has_no_groups_or_labs(partner, group_index):
    LocalGroupPageFactory(parent=group_index)
    assert TEMPLATE.render(Context({"partner": partner})).strip() == ""


def test_english_partner_page_lists_english_pages(partner, group_index, lab_index):
    group = LocalGroupPageFactory(parent=group_index, city="Borås", slug="boras")
    LocalGroupPartnerFactory(page=group, partner=partner)  # copied as is to the translation
    translate(partner.get_parent().specific, title="Partners", slug="partners")
    partner_en = translate(partner)
    translate(group_index, title="Local groups", slug="groups")
    group_en = translate(group, title="Civic Tech Borås (en)")
    groups, labs = groups_and_labs_for(partner_en)
    assert groups == [group_en]
    assert labs == []
    assert groups_and_labs_for(partner) == ([group], [])


def test_unpublished_groups_are_left_out(partner, group_index):
    group = LocalGroupPageFactory(parent=group_index)
    LocalGroupPartnerFactory(page=group, partner=partner)
    group.unpublish()
    assert groups_and_labs_for(partner) == ([], [])


def test_constant_queries(partner, group_index, lab_index, django_assert_max_num_queries):
    for i in range(8):
        group = LocalGroupPageFactory(parent=group_index, slug=f"g{i}")
        LocalGroupPartnerFactory(page=group, partner=partner)
        lab = LabPageFactory(parent=lab_index)
        LabHostPartnerFactory(page=lab, partner=partner)
    # Two listings, each with its view-restriction check, and the site's root paths once.
    with django_assert_max_num_queries(6):
        html = render(partner)
    assert len(html.find_all("a")) == 16
