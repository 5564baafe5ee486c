"""Every public page runs at most 20 queries on the demo content, in Swedish and English,
and exactly as many with ten times the content.

The counts are of a *rendering*: the application's page cache is switched off and the feed
cache is invalidated before each measured request (a cache hit costs no query; that is
tested with the caches). Each page is requested once first, to warm what a running process
keeps (content types, the site's root paths, image renditions).

Run with `SHOW_SQL=<page name>` (or `SHOW_SQL=all`) and `-s` to print the queries.
"""

import importlib
import io
import os

import pytest

MAX_QUERIES = 20

# Pages pinned below the common ceiling, {language: count}: growth shows at once.
PINNED = {}


# Search loads each result's own fields with one query per page type on the results page
# (Wagtail's specific()), so its count follows the mix of types among the ten results shown:
# at most 9 + 10, whatever the size of the site.
VARIES_WITH_RESULTS = {"search"}


@pytest.fixture(scope="module")
def _all_demo(django_db_setup, django_db_blocker):
    """All apps' demo content (as `load_demo` loads it), once per module, rolled back after."""
    from django.db import transaction

    from hub.management.commands.load_demo import LOADERS, quiet_logging

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with quiet_logging(True):
                for dotted_path in LOADERS:
                    importlib.import_module(dotted_path).load(io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(_all_demo, db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache


def first(model, language):
    page = model.objects.live().filter(locale__language_code=language).order_by("path").first()
    assert page is not None, f"no live {model.__name__} in {language}"
    return page


def public_urls(language):
    """{name: address} of one page of every public kind in `language`."""
    from events.models import CalendarPage, EventPage, TalkIndexPage, TalkPage
    from hub.models import (
        HomePage,
        NewsIndexPage,
        NewsPage,
        PartnerIndexPage,
        PartnerPage,
        StandardPage,
    )
    from labs.models import LabIndexPage, LabPage, LocalGroupIndexPage, LocalGroupPage
    from projects.models import ProjectIndexPage, ProjectPage, ShowcasePage

    prefix = "" if language == "sv" else "/en"
    projects = first(ProjectIndexPage, language).url
    calendar = first(CalendarPage, language).url
    results = "resultat" if language == "sv" else "results"
    theme = (
        ProjectPage.objects.live()
        .filter(locale__language_code=language)
        .exclude(tagged_items__tag__slug=None)
        .order_by("tagged_items__tag__slug")
        .values_list("tagged_items__tag__slug", flat=True)
        .first()
    )
    event = (
        EventPage.objects.live()
        .filter(locale__language_code=language)
        .not_type(TalkPage)
        .order_by("path")
        .first()
    )
    return {
        "home": first(HomePage, language).url,
        "calendar": calendar,
        "month": calendar + "?view=month",
        "event": event.url,
        "group_index": first(LocalGroupIndexPage, language).url,
        "group": first(LocalGroupPage, language).url,
        "lab_index": first(LabIndexPage, language).url,
        "lab": first(LabPage, language).url,
        "talk_index": first(TalkIndexPage, language).url,
        "talk": first(TalkPage, language).url,
        "project_index": projects,
        "project_index_filtered": projects + f"?status=ongoing&theme={theme}&region=national",
        "project": first(ProjectPage, language).url,
        "results": projects + f"{results}/",
        "showcase": first(ShowcasePage, language).url,
        "partner_index": first(PartnerIndexPage, language).url,
        "partner": first(PartnerPage, language).url,
        "news_index": first(NewsIndexPage, language).url,
        "news": first(NewsPage, language).url,
        "standard": first(StandardPage, language).url,
        "search": f"{prefix}/search/?q=data",
        "sitemap": "/sitemap.xml",
        "news_feed": f"{prefix}/news/feed/",
        "site_feed": calendar + "calendar.ics",
        "calendar_embed": calendar + "embed/",
        "group_embed": first(LocalGroupPage, language).url + "embed/",
        "upcoming_json": calendar + "upcoming.json",
    }


def measure(client, django_assert_max_num_queries):
    """{(language, name): count}, each checked against its maximum."""
    from events.feed_cache import bump_feed_generation

    counts = {}
    for language in ("sv", "en"):
        for name, url in public_urls(language).items():
            assert client.get(url).status_code == 200, url  # warm the per-process caches
            bump_feed_generation()  # build the feed, not a hit in the feed cache
            limit = PINNED.get(name, {}).get(language, MAX_QUERIES)
            with django_assert_max_num_queries(limit, info=f"{language} {name} {url}") as run:
                assert client.get(url).status_code == 200, url
            counts[(language, name)] = len(run)
            if os.environ.get("SHOW_SQL") in (name, "all"):
                print(f"{language} {name} {url}: {len(run)}")
                for query in run.captured_queries:
                    print("   ", query["sql"][:300])
    return counts


def grow(times):
    """Add `times` - 1 copies' worth of the demo content, in both languages, with the apps'
    factories: news, partners, standard pages, events, talks, groups with events, labs with
    sessions, projects with partners, themes and results."""
    from events.factories import EventPageFactory, TalkPageFactory
    from events.models import CalendarPage, EventPage, TalkIndexPage, TalkPage
    from hub.factories import NewsPageFactory, PartnerPageFactory, PersonFactory
    from hub.models import HomePage, NewsIndexPage, NewsPage, PartnerIndexPage, PartnerPage
    from labs.factories import LabHostPartnerFactory, LabPageFactory, LocalGroupPageFactory
    from labs.models import LabIndexPage, LabPage, LocalGroupIndexPage, LocalGroupPage
    from projects.factories import ProjectPageFactory
    from projects.models import ProjectIndexPage, ProjectPage, ProjectPartner

    for language in ("sv", "en"):
        def count(model, language=language):
            return model.objects.live().filter(locale__language_code=language).count()

        def extra(model):
            return count(model) * (times - 1)

        indexes = {
            model: first(model, language)
            for model in (
                HomePage,
                NewsIndexPage,
                PartnerIndexPage,
                CalendarPage,
                TalkIndexPage,
                LocalGroupIndexPage,
                LabIndexPage,
                ProjectIndexPage,
            )
        }
        tag = f"tema-{language}"
        partners = [
            PartnerPageFactory(parent=indexes[PartnerIndexPage], title=f"Partner {language} {n}")
            for n in range(extra(PartnerPage))
        ]
        for n in range(extra(NewsPage)):
            NewsPageFactory(parent=indexes[NewsIndexPage], title=f"Nyhet {language} {n}")
        speaker = PersonFactory()
        for n in range(extra(LocalGroupPage)):
            group = LocalGroupPageFactory(
                parent=indexes[LocalGroupIndexPage], city=f"Stad {language} {n}"
            )
            EventPageFactory(parent=group, tags=[tag])
        for n in range(extra(LabPage)):
            lab = LabPageFactory(parent=indexes[LabIndexPage], title=f"Labb {language} {n}")
            LabHostPartnerFactory(page=lab, partner=partners[n % len(partners)])
            TalkPageFactory(parent=lab, speakers=[speaker], tags=[tag])
        national = EventPage.objects.live().child_of(indexes[CalendarPage]).count()
        for _ in range(national * (times - 1)):
            EventPageFactory(parent=indexes[CalendarPage], tags=[tag])
        talks = TalkPage.objects.live().child_of(indexes[TalkIndexPage]).count()
        for _ in range(talks * (times - 1)):
            TalkPageFactory(parent=indexes[TalkIndexPage], speakers=[speaker], tags=[tag])
        for n in range(extra(ProjectPage)):
            ProjectPageFactory(
                parent=indexes[ProjectIndexPage],
                title=f"Projekt {language} {n}",
                lead_organisation=partners[n % len(partners)],
                project_partners=[ProjectPartner(partner=partners[-1], role="Partner")],
                themes=[tag, f"tema {n % 5}"],
            )


def test_every_public_page_stays_within_20_queries_at_1x_and_10x_content(
    client, demo, django_assert_max_num_queries
):
    before = measure(client, django_assert_max_num_queries)
    grow(10)
    after = measure(client, django_assert_max_num_queries)
    print("query counts (1x):", before)
    changed = {
        key: (before[key], after[key])
        for key in before
        if before[key] != after[key] and key[1] not in VARIES_WITH_RESULTS
    }
    assert not changed, f"query counts changed with 10x content (1x, 10x): {changed}"
