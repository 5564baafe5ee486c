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
from wagtail.models import Locale, Page

from hub.models.pages import paginate

SEARCH_MAX_LENGTH = 200
SEARCH_WORD = re.compile(r"\w+")


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
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(request, pages.search(terms), 10)
        Query.get(terms).add_hit()
    return TemplateResponse(
        request, "hub/search.html", {"search_query": query, "search_results": results}
    )


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
