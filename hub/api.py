"""Wagtail API v2: pages (projects, events, groups...), images and documents as open data."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    """Wagtail's pages endpoint, with one hook so a page type can load its listing in bulk.

    When a listing is narrowed to one page type (`?type=app.Model`) and that type's
    queryset has `load_for_api()`, the requested page of results is evaluated through it
    (select and prefetch what the type's `api_fields` read, returning a list), so the
    listing runs a constant number of queries instead of some for every page.
    """

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        load_for_api = getattr(pages, "load_for_api", None)
        return load_for_api() if callable(load_for_api) else pages


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
