"""Factories for the projects app's pages and snippets (wagtail-factories / factory_boy).

Page factories file their page in its natural place in the Swedish tree when called
without `parent=` (creating the home pages and the project index if needed).
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from hub.factories import default_home, singleton_under_home

from .choices import Licence, Region, ResultStatus
from .models import FundingCall, ProjectIndexPage, ProjectPage, ShowcaseItem, ShowcasePage


def sample_results(today=None):
    """A valid `results` stream: released software, a report in progress, a dataset."""
    today = today or timezone.localdate()
    return [
        (
            "software",
            {
                "title": "Öppen källkod för appen",
                "description": "Koden bakom tjänsten, fri att återanvända.",
                "link": "https://example.org/kod",
                "licence": Licence.AGPL_3,
                "date": today - datetime.timedelta(days=30),
                "status": ResultStatus.COMPLETED,
            },
        ),
        (
            "report",
            {
                "title": "Slutrapport",
                "description": "Vad projektet gjorde och lärde sig.",
                "status": ResultStatus.IN_PROGRESS,
                "progress": 60,
                "date": today + datetime.timedelta(days=60),
            },
        ),
        (
            "dataset",
            {
                "title": "Öppna data om lokala initiativ",
                "description": "Alla initiativ som kartlades, som CSV.",
                "link": "https://example.org/data.csv",
                "licence": Licence.CC0,
                "date": today - datetime.timedelta(days=10),
                "status": ResultStatus.COMPLETED,
            },
        ),
    ]


class FundingCallFactory(DjangoModelFactory):
    funder = "Vinnova"
    name = "Civic tech-utlysningen"
    name_en = "The civic tech call"
    year = 2023
    url = "https://www.vinnova.se/"

    class Meta:
        model = FundingCall
        django_get_or_create = ("funder", "name", "year")


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Projekt"
    slug = "projekt"
    introduction = "Projekt som finansieras inom civic tech och vad de har åstadkommit."
    results_introduction = "<p>Alla resultat från projekten, samlade på ett ställe.</p>"
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = ProjectIndexPage


def default_project_index():
    return singleton_under_home(ProjectIndexPage, ProjectIndexPageFactory)


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projekt nummer {n}")
    summary = "Ett projekt som gör det lättare för invånare att påverka sin kommun."
    funding_call = factory.SubFactory(FundingCallFactory)
    reference_number = factory.Sequence(lambda n: f"2023-{n % 100000:05d}")
    granted_amount = 1_500_000
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=200))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=200))
    region = Region.NATIONAL
    website_url = "https://example.org/"
    purpose = "<p>Att fler ska kunna delta i beslut som rör dem.</p>"
    expected_effects = "<p>Fler och bredare synpunkter i kommunens dialoger.</p>"
    approach = "<p>Vi prövar verktyget tillsammans med två kommuner.</p>"
    lessons_learned = "<p>Börja med de som ska använda tjänsten.</p>"
    results = factory.LazyFunction(sample_results)
    parent = factory.LazyFunction(default_project_index)

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        """`ProjectPageFactory(themes=["öppna data", "demokrati"])` tags the project."""
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()


class ShowcasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Urval {n}")
    introduction = "<p>Projekt som visar vad civic tech kan åstadkomma.</p>"
    parent = factory.LazyFunction(default_project_index)

    class Meta:
        model = ShowcasePage
        skip_postgeneration_save = True

    @factory.post_generation
    def projects(obj, create, extracted, **kwargs):
        """`ShowcasePageFactory(projects=[a, b])` shows them in that order."""
        if create and extracted:
            for position, project in enumerate(extracted):
                ShowcaseItem.objects.create(
                    showcase=obj,
                    project=project,
                    sort_order=position,
                    note=f"Därför valde vi {project.title}.",
                )


__all__ = [
    "FundingCallFactory",
    "ProjectIndexPageFactory",
    "ProjectPageFactory",
    "ShowcasePageFactory",
    "default_project_index",
    "sample_results",
]
