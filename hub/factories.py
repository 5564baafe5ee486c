"""Factories for the hub's pages and snippets (wagtail-factories / factory_boy).

Every page factory can be called without a parent: it then files the page in its natural
place in the Swedish tree (creating the home pages and a singleton index if needed).
Pass `parent=` to put it elsewhere, e.g. under the English home page.
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale
from wagtail.rich_text import RichText

from hub.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    Person,
    StandardPage,
)


def default_home():
    """The Swedish home page (created with its English translation on a fresh database)."""
    from hub.setup import ensure_home_pages

    return ensure_home_pages()[0]


def singleton_under_home(model, factory_class):
    """The one `model` index page below the Swedish home page, created if missing."""
    home = default_home()
    existing = model.objects.child_of(home).first()
    return existing or factory_class(parent=home)


def translate(page, language_code="en", **fields):
    """Publish the translation of `page` with `fields` set, and return it (specific, fresh).

    Its parent must already be translated. An existing translation is updated rather than
    copied again, so tests may call this more than once for a page.
    """
    locale = Locale.objects.get(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    translation = (translation or page.copy_for_translation(locale)).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


def sample_body(heading="Bakgrund"):
    """A short, valid StreamField body: a heading, a paragraph and a quote."""
    return [
        ("heading", {"text": heading, "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Civic tech handlar om teknik som gör det lättare att delta i samhället. "
                "Vi bygger den tillsammans, öppet och med människorna som ska använda den.</p>"
            ),
        ),
        (
            "quote",
            {"quote": "Öppen kod är ett löfte om delaktighet.", "attribution": "En deltagare"},
        ),
    ]


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page directly below the tree root. Most tests want `ensure_home_pages()` instead."""

    title = "Civic Tech Sweden"
    slug = factory.Sequence(lambda n: f"home-{n}")
    introduction = "Ett nätverk för civilsamhälle, forskning och offentlig sektor."
    parent = factory.LazyFunction(lambda: HomePage.get_first_root_node())

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Om nätverket {n}")
    introduction = "Så arbetar vi och vilka vi är."
    body = factory.LazyFunction(sample_body)
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheter"
    slug = "nyheter"
    introduction = "Nytt från nätverket."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    introduction = "En kort ingress om nyheten."
    body = factory.LazyFunction(sample_body)
    parent = factory.LazyFunction(lambda: singleton_under_home(NewsIndexPage, NewsIndexPageFactory))

    class Meta:
        model = NewsPage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partner"
    slug = "partner"
    introduction = "Organisationerna bakom nätverket."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partnerorganisation {n}")
    kind = PartnerPage.Kind.CIVIL_SOCIETY
    role = "Driver lokala civic tech-grupper"
    description = "En organisation som arbetar för öppen och delaktig digitalisering."
    website = "https://example.org/"
    body = factory.LazyFunction(sample_body)
    parent = factory.LazyFunction(
        lambda: singleton_under_home(PartnerIndexPage, PartnerIndexPageFactory)
    )

    class Meta:
        model = PartnerPage


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Samordnare"
    organisation = "Digidem Lab"
    bio = "Arbetar med deltagande metoder och öppen teknik."
    email = factory.LazyAttribute(lambda p: f"{p.name.lower().replace(' ', '.')}@example.org")
    show_email = False

    class Meta:
        model = Person


__all__ = [
    "HomePageFactory",
    "NewsIndexPageFactory",
    "NewsPageFactory",
    "PartnerIndexPageFactory",
    "PartnerPageFactory",
    "PersonFactory",
    "StandardPageFactory",
    "default_home",
    "sample_body",
    "singleton_under_home",
]
