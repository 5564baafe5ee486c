"""Bootstrapping the page tree: locales, the home pages and the site record.

Used by `load_demo`, the Jekyll importer and the tests, so that each can start
from a freshly migrated database or from a site that already has content.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from hub.models import HomePage

DEFAULT_HOME_TITLE = "Civic Tech Sweden"


def ensure_locales():
    """Create a Locale for every language in WAGTAIL_CONTENT_LANGUAGES; return them by code."""
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], _created = Locale.objects.get_or_create(language_code=code)
    return locales


def ensure_tree_roots(locale):
    """Return the page tree's root, recreating it and the root collection if missing.

    Wagtail's migrations create both; a database flushed by a transactional test (or
    restored from a partial dump) may lack them.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


@transaction.atomic
def ensure_home_pages(title=DEFAULT_HOME_TITLE):
    """Return the Swedish and English home pages, creating them (and the Site) if needed.

    The Swedish home page is the site's root; the English one is its translation,
    so Wagtail serves it at /en/.
    """
    locales = ensure_locales()
    default_code = settings.LANGUAGE_CODE
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = None
    if site and isinstance(site.root_page.specific, HomePage):
        home = site.root_page.specific
    if home is None:
        home = HomePage.objects.filter(locale=locales[default_code]).first()
    if home is None:
        root = ensure_tree_roots(locales[default_code])
        # Wagtail's initial migration leaves a plain "Welcome" page; it is replaced.
        for stale in root.get_children().exact_type(Page):
            stale.delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(title=title, slug="home", locale=locales[default_code])
        )
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name=title,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    translations = {default_code: home}
    for code, locale in locales.items():
        if code == default_code:
            continue
        translation = home.get_translation_or_none(locale)
        if translation is None:
            translation = home.copy_for_translation(locale)
            translation.save_revision().publish()
        translations[code] = translation.specific
    return translations[default_code], translations.get("en")
