"""Site-wide template tags: navigation, language switcher, hreflang, breadcrumbs, meta."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from hub import tags as tags_helpers
from hub.models.querysets import private_condition

register = template.Library()

# Open Graph wants territory codes.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _site(request):
    if request is None:
        return None
    if not hasattr(request, "_hub_site"):
        request._hub_site = Site.find_for_request(request)
    return request._hub_site


def _chrome(request, page=None):
    """Everything the page chrome shows from the page tree, in one query, once per request.

    The live home page of every language, the live children of each (the sections; the
    public, in-menu ones make the menu), the live translations of `page`, its live ancestors
    (for the breadcrumbs) and the translations of the accessibility statement chosen in the
    site settings: {"homes": {code: page}, "sections": {home_pk: [pages]},
    "menus": {home_pk: [pages]}, "translations": {code: page}, "ancestors": [pages],
    "statements": {locale_id: page}, "page_pk": pk}. The pages are generic `Page` objects,
    each annotated with `private`.
    """
    page_pk = page.pk if isinstance(page, Page) and page.pk else None
    cached = getattr(request, "_hub_chrome", None) if request is not None else None
    if cached is not None and cached["page_pk"] == page_pk:
        return cached
    chrome = {
        "homes": {},
        "sections": {},
        "menus": {},
        "translations": {},
        "ancestors": [],
        "statements": {},
    }
    chrome["page_pk"] = page_pk
    site = _site(request)
    if site is None and page_pk is None:
        return chrome
    wanted = Q(pk__in=[])
    root = site.root_page if site is not None else None
    if root is not None:
        wanted |= Q(translation_key=root.translation_key, depth=root.depth)
        wanted |= Q(depth=root.depth + 1)  # the sections below each home page
        settings_id = _accessibility_page_id(request)
        if settings_id:
            wanted |= Q(
                translation_key__in=Page.objects.filter(pk=settings_id).values("translation_key")
            )
    if page_pk is not None:
        wanted |= Q(translation_key=page.translation_key)
        step = Page.steplen
        ancestor_paths = [page.path[: step * depth] for depth in range(2, page.depth)]
        if ancestor_paths:
            wanted |= Q(path__in=ancestor_paths)
    rows = list(
        Page.objects.live()
        .filter(wanted)
        .annotate(private=private_condition())
        .select_related("locale")
        .order_by("path")
    )
    home_paths = {}
    if root is not None:
        for row in rows:
            if row.translation_key == root.translation_key and row.depth == root.depth:
                chrome["homes"][row.locale.language_code] = row
                home_paths[row.path] = row.pk
        for row in rows:
            parent_pk = home_paths.get(row.path[: -Page.steplen])
            if row.depth != root.depth + 1 or parent_pk is None:
                continue
            chrome["sections"].setdefault(parent_pk, []).append(row)
            if row.show_in_menus and not row.private:
                chrome["menus"].setdefault(parent_pk, []).append(row)
        statement_key = next(
            (row.translation_key for row in rows if row.pk == _accessibility_page_id(request)),
            None,
        )
        for row in rows:
            if statement_key is not None and row.translation_key == statement_key:
                chrome["statements"][row.locale_id] = row
    if page_pk is not None:
        chrome["translations"] = {
            row.locale.language_code: row
            for row in rows
            if row.translation_key == page.translation_key
        }
        chrome["ancestors"] = [row for row in rows if row.path in ancestor_paths]
    if request is not None:
        request._hub_chrome = chrome
    return chrome


def _accessibility_page_id(request):
    if request is None:
        return None
    from hub.models import SiteSettings

    return SiteSettings.for_request(request).accessibility_page_id


def home_pages(request):
    """The live home page of every locale, by language code (loaded with the chrome)."""
    if request is None:
        return {}
    return _chrome_loaded(request)["homes"]


def home_section(request, model, page=None):
    """The live child of the active language's home page that is a `model` (an index page
    such as the news or project index), found in the chrome already loaded: no query.

    Returns a generic `Page` (enough for its URL and title), or None. Pass the page being
    rendered when the chrome may not be loaded yet, so that it is loaded once, for it.
    """
    if request is None:
        return None
    home = _chrome_loaded(request, page)["homes"].get(translation.get_language())
    if home is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    for section in _chrome_loaded(request, page)["sections"].get(home.pk, []):
        if section.content_type_id == content_type.pk:
            return section
    return None


def _chrome_loaded(request, page=None):
    """The chrome loaded for this request (for whichever page), else loaded for `page`."""
    return getattr(request, "_hub_chrome", None) or _chrome(request, page)


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falling back to the site root)."""
    request = context.get("request")
    _chrome(request, context.get("page"))
    homes = home_pages(request)
    language = translation.get_language()
    if language in homes:
        return homes[language]
    site = _site(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def accessibility_statement(context, site_settings):
    """The live accessibility statement chosen in the site settings, in the active language
    (loaded with the rest of the chrome)."""
    if not site_settings or not site_settings.accessibility_page_id:
        return None
    request = context.get("request")
    if request is None:
        return None
    home = home_pages(request).get(translation.get_language())
    locale_id = home.locale_id if home else Locale.get_active().pk
    return _chrome(request, context.get("page"))["statements"].get(locale_id)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live, public, in-menu children of the home page in the active language."""
    home = localized_home(context)
    if home is None:
        return []
    request = context.get("request")
    if request is None:
        return list(home.get_children().live().public().in_menu().order_by("path"))
    return _chrome(request, context.get("page"))["menus"].get(home.pk, [])


def _page_translations(request, page):
    """Live translations of `page` (itself included), by language code."""
    if request is None:
        return {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    return _chrome(request, page)["translations"]


def _is_page_route(request):
    """True when the request is served by Wagtail's page view (or does not resolve at all)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True
    return match.url_name in {"wagtail_serve", "wagtail_serve_preview"} or match.url_name is None


def _alternate_urls(context):
    """[(language_code, language_name, url, translation_page_or_True_or_None)] per language.

    The fourth item is the translated page, True for a translated non-page view, or None
    when the link falls back to that language's home page.
    """
    request = context.get("request")
    page = context.get("page")
    if request is not None:
        _chrome(request, page)  # one query for the homes and this page's translations
    homes = home_pages(request)
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = _page_translations(request, page)
    non_page_view = request is not None and not isinstance(page, Page) and not _is_page_route(
        request
    )
    status_404 = context.get("is_error_page", False)
    # A view of a page that is not the page itself (a RoutablePage route) gives its own
    # address in each language it exists in: {language_code: url}.
    overrides = context.get("alternate_urls") or {}
    alternates = []
    for code, name in settings.LANGUAGES:
        url = None
        own = None
        if code in overrides:
            url = overrides[code]
            own = True
        elif code in translations:
            own = translations[code]
            url = own.get_url(request=request)
        elif non_page_view and not status_404:
            url = translate_url(request.get_full_path(), code)
            own = True
        if not url and code in homes:
            url = homes[code].get_url(request=request)
        if not url:
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        alternates.append((code, name, url, own))
    return alternates


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    current = translation.get_language()
    links = []
    for code, name, url, _own in _alternate_urls(context):
        with translation.override(code):
            local_name = translation.gettext(name)
        links.append(
            {"code": code, "name": local_name, "url": url, "is_current": code == current}
        )
    return {"links": links}


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    """<link rel=alternate hreflang> for each language that has this page (own translation)."""
    request = context.get("request")
    links = []
    default = None
    for code, _name, url, own in _alternate_urls(context):
        if not own:
            continue
        if isinstance(own, Page):
            # The same absolute form as the canonical link and the sitemap.
            absolute = own.get_full_url(request=request)
        else:
            absolute = request.build_absolute_uri(url) if request is not None else url
        links.append({"code": code, "url": absolute})
        if code == settings.LANGUAGE_CODE:
            default = absolute
    return {"links": links if len(links) > 1 else [], "default": default}


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        return page.get_full_url(request=request) or ""
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag
def og_locale(language_code=None):
    return OG_LOCALES.get(language_code or translation.get_language(), "sv_SE")


@register.simple_tag(takes_context=True)
def breadcrumb_ancestors(context, page):
    """Ancestors of `page` from its home page down (the page itself excluded)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    request = context.get("request")
    if request is None or not page.pk:
        return list(page.get_ancestors().filter(depth__gte=2).live())
    return _chrome(request, page)["ancestors"]


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.filter
def is_in_section(page, menu_item):
    """True when `page` is `menu_item` or lives below it (for aria-current in the menu)."""
    if not isinstance(page, Page) or not isinstance(menu_item, Page):
        return False
    return page.path.startswith(menu_item.path)


@register.filter
def footer_text(site_settings, language_code):
    """The footer text of the site settings in `language_code` (Swedish as fallback)."""
    if not site_settings:
        return ""
    return site_settings.footer_text(language_code)


@register.filter
def display_url(url):
    """A web address as people read it: "digidemlab.org", "kau.se/ctf"."""
    parts = urlsplit(url or "")
    if not parts.netloc:
        return url
    host = parts.netloc.removeprefix("www.")
    return host + parts.path.rstrip("/")


@register.simple_tag(takes_context=True)
def tag_label(context, tag):
    """A tag's name in the active language (`hub.tags.tag_label`); the English names are
    read once per request however many tags the page shows."""
    return tags_helpers.tag_label(tag, request=context.get("request"))


@register.filter
def with_labels(tags):
    """`{% with tags=page.tags.all|with_labels %}`: the tags with their English names in
    the same query on English pages (see `hub.tags.with_labels`)."""
    return tags_helpers.with_labels(tags)
