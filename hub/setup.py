"""Bootstrapping the page tree: locales, the home pages and the site record.

Used by `load_demo`, the Jekyll importer and the tests, so that each can start
from a freshly migrated database or from a site that already has content.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from hub.models import HomePage

DEFAULT_HOME_TITLE = "Civic Tech Sweden"

#: Host names that mean "not configured yet": Wagtail's initial migration creates the default
#: Site as localhost:80, and the development default BASE_URL is on the loopback address.
PLACEHOLDER_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1", "[::1]", "example.com"})


def base_url_address(base_url=None):
    """The (hostname, port) that `BASE_URL` names; the port defaults to the scheme's."""
    parts = urlsplit(base_url or settings.BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"BASE_URL must be an http(s) address, not {base_url!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def is_placeholder_site(site):
    return site.hostname.strip().lower() in PLACEHOLDER_HOSTS


def configure_default_site(site=None):
    """Give the default Site the address `BASE_URL` names, while it still has a placeholder.

    Absolute URLs (canonical, hreflang, feeds, the subscribe box, sitemap, API `html_url`) come
    from the Site's root URL, so a database that was only migrated must not keep Wagtail's
    `localhost:80`. A Site an operator has given a real host name is left alone.
    Returns the Site, or None when there is no default Site yet.
    """
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = base_url_address()
    if is_placeholder_site(site) and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


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
        hostname, port = base_url_address()
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True,
            site_name=title,
        )
    else:
        if site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        configure_default_site(site)

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
