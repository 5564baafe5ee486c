from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from hub import health, views
from hub.api import api_router

# Private and non-page URLs first; they are never cached by a CDN.
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    # The page chooser starts at a group's editors' own group (labs.navigation).
    path("admin/", include("labs.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Error pages in the site's design, viewable while developing.
    urlpatterns += [
        path("__errors__/404/", views.page_not_found, {"exception": None}),
        path("__errors__/500/", views.server_error),
    ]

# Public, language-prefixed URLs: Swedish at /, English at /en/.
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("", include("hub.public_urls")),
    path("", include("events.urls")),
    path("", include("labs.urls")),
    path("", include("projects.urls")),
    # Wagtail's page serving comes last: it catches everything else.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "hub.views.page_not_found"
handler500 = "hub.views.server_error"
