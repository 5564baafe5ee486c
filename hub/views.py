import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.models import Locale, Page

from hub.models.pages import paginate
from hub.models.querysets import private_condition

SEARCH_MAX_LENGTH = 200
SEARCH_WORD = re.compile(r"\w+")


def _active_locale_id(request):
    """The active language's locale, from the home pages the page chrome loads anyway."""
    from django.utils import translation

    from hub.templatetags.hub_tags import home_pages

    home = home_pages(request).get(translation.get_language())
    return home.locale_id if home is not None else Locale.get_active().pk


@require_GET
def search(request):
    """Full-text search over the live, public pages of the active language."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    # Only words reach the search backend: quotes, brackets and operators are syntax to
    # SQLite's FTS5 and PostgreSQL's tsquery, and a stray one must not become a 500.
    # Lower case, so that AND, OR, NOT and NEAR are words, not FTS5 operators.
    terms = " ".join(SEARCH_WORD.findall(query)).lower()
    results = None
    if terms:
        pages = (
            # Wagtail's public(): the search backends read plain field filters only.
            Page.objects.live()
            .public()
            .filter(locale_id=_active_locale_id(request))
            # One query per page type on the results page (at most one per result).
            .specific()
        )
        results = paginate(request, pages.search(terms), 10)
        Query.get(terms).add_hit()
    return TemplateResponse(
        request, "hub/search.html", {"search_query": query, "search_results": results}
    )


class PageSitemap(Sitemap):
    """Wagtail's sitemap of every live, public page, in a constant number of queries.

    Wagtail's own loads each page type's fields with a query per type; the sitemap needs
    only the generic fields (address, dates), so the pages come as specific classes with
    those alone (`specific(defer=True)`), and privacy is a subquery of the same query.
    """

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .exclude(private_condition())
            .order_by("path")
            .specific(defer=True)
        )


def sitemap(request):
    return sitemap_views.sitemap(request, {"wagtail": PageSitemap})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(staticfiles_storage.url("hub/favicon.svg"))


def page_not_found(request, exception=None):
    # `is_error_page` makes the language switcher offer the home pages, not this dead address.
    return render(request, "404.html", {"is_error_page": True}, status=404)


def server_error(request):
    """The 500 page, rendered without context processors: the error may be the database."""
    html = loader.get_template("500.html").render({"request_path": request.path})
    return HttpResponseServerError(html)
