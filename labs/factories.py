"""Factories for the labs app's pages (wagtail-factories / factory_boy).

Like the hub's, every page factory works without a parent: groups go below the Swedish
local group index and labs below the Swedish lab index, created if missing.
"""

from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from hub.factories import PartnerPageFactory, PersonFactory, default_home, sample_body
from labs.geo import County
from labs.models import (
    LabHostPartner,
    LabIndexPage,
    LabPage,
    LocalGroupIndexPage,
    LocalGroupOrganiser,
    LocalGroupPage,
    LocalGroupPartner,
    OrganiserRole,
)


def default_group_index():
    home = default_home()
    return LocalGroupIndexPage.objects.child_of(home).first() or LocalGroupIndexPageFactory(
        parent=home
    )


def default_lab_index():
    home = default_home()
    return LabIndexPage.objects.child_of(home).first() or LabIndexPageFactory(parent=home)


class LocalGroupIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lokala grupper"
    slug = "grupper"
    introduction = "Civic tech-grupper i hela Sverige träffas för att bygga och lära tillsammans."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = LocalGroupIndexPage


class LocalGroupPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda o: f"Civic Tech {o.city}")
    slug = factory.Sequence(lambda n: f"grupp-{n}")
    city = "Göteborg"
    region = County.VASTRA_GOTALAND
    latitude = Decimal("57.70887")
    longitude = Decimal("11.97456")
    introduction = "Vi träffas varje månad för att hacka på öppna data och digital demokrati."
    body = factory.LazyFunction(sample_body)
    contact_email = "hej@example.org"
    chat_link = "https://chat.example.org/civictech"
    parent = factory.LazyFunction(default_group_index)

    class Meta:
        model = LocalGroupPage


class LocalGroupOrganiserFactory(DjangoModelFactory):
    page = factory.SubFactory(LocalGroupPageFactory)
    person = factory.SubFactory(PersonFactory)
    role = OrganiserRole.ORGANISER
    is_contact = False

    class Meta:
        model = LocalGroupOrganiser


class LocalGroupPartnerFactory(DjangoModelFactory):
    page = factory.SubFactory(LocalGroupPageFactory)
    partner = factory.SubFactory(PartnerPageFactory)

    class Meta:
        model = LocalGroupPartner


class LabIndexPageFactory(wagtail_factories.PageFactory):
    title = "Civic Tech Labs"
    slug = "labb"
    introduction = "Labb där civilsamhälle, forskning och offentlig sektor utvecklar idéer ihop."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = LabIndexPage


class LabPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Civic Tech Lab {n}")
    scope = LabPage.Scope.NATIONAL
    region = ""
    theme = "Öppna data i kommuner"
    introduction = "En serie labb där vi prövar nya sätt att använda öppna data."
    body = factory.LazyFunction(sample_body)
    outcomes = factory.LazyFunction(
        lambda: [
            (
                "outcome",
                {
                    "title": "Prototyp för öppna kommunala data",
                    "description": "Tre kommuner testade ett gemensamt format.",
                    "link": "https://civictech.se/",
                    "document": None,
                },
            )
        ]
    )
    parent = factory.LazyFunction(default_lab_index)

    class Meta:
        model = LabPage

    class Params:
        regional = factory.Trait(scope=LabPage.Scope.REGIONAL, region=County.SKANE)


class LabHostPartnerFactory(DjangoModelFactory):
    page = factory.SubFactory(LabPageFactory)
    partner = factory.SubFactory(PartnerPageFactory)

    class Meta:
        model = LabHostPartner


__all__ = [
    "LabHostPartnerFactory",
    "LabIndexPageFactory",
    "LabPageFactory",
    "LocalGroupIndexPageFactory",
    "LocalGroupOrganiserFactory",
    "LocalGroupPageFactory",
    "LocalGroupPartnerFactory",
    "default_group_index",
    "default_lab_index",
]
