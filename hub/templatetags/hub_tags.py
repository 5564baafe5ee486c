"""Site-wide template tags: navigation, language switcher, hreflang, breadcrumbs, meta."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()

# Open Graph wants territory codes.
OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _site(request):
    if request is None:
        return None
    if not hasattr(request, "_hub_site"):
        request._hub_site = Site.find_for_request(request)
    return request._hub_site


def _home_pages(request):
    """The live home page of every locale, by language code (cached on the request)."""
    if request is None:
        return {}
    if not hasattr(request, "_hub_homes"):
        homes = {}
        site = _site(request)
        if site is not None:
            root = site.root_page
            for home in (
                Page.objects.filter(translation_key=root.translation_key)
                .live()
                .select_related("locale")
            ):
                homes[home.locale.language_code] = home
        request._hub_homes = homes
    return request._hub_homes


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falling back to the site root)."""
    request = context.get("request")
    homes = _home_pages(request)
    language = translation.get_language()
    if language in homes:
        return homes[language]
    site = _site(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def accessibility_statement(context, site_settings):
    """The live accessibility statement chosen in the site settings, in the active language.

    One query: the chosen page's translation in the active locale (the locale comes from the
    home pages already loaded for the menu).
    """
    if not site_settings or not site_settings.accessibility_page_id:
        return None
    request = context.get("request")
    home = _home_pages(request).get(translation.get_language())
    locale_id = home.locale_id if home else Locale.get_active().pk
    chosen = Page.objects.filter(pk=site_settings.accessibility_page_id).values("translation_key")
    return (
        Page.objects.live()
        .filter(translation_key__in=chosen, locale_id=locale_id)
        .first()
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live, public, in-menu children of the home page in the active language."""
    home = localized_home(context)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().order_by("path"))


def _page_translations(request, page):
    """Live translations of `page` (itself included), by language code."""
    cache = getattr(request, "_hub_translations", None) if request is not None else None
    if cache is not None and cache[0] == page.pk:
        return cache[1]
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    if request is not None:
        request._hub_translations = (page.pk, translations)
    return translations


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
    homes = _home_pages(request)
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
    return list(page.get_ancestors().filter(depth__gte=2).live())


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
