"""Public URLs of the events app that are not served by its pages' own routes.

Calendar files end in ".ics" without a trailing slash, which Wagtail's page URL pattern does
not match; this pattern hands such paths to Wagtail's page serving, so that the routes of the
pages themselves (`EventOrganiserMixin.calendar_feed_view`, `EventPage.event_ics_view`) answer
them, after Wagtail's privacy checks and hooks as for any page. A feed of a public page that
is already cached is answered before routing (`events.feed_cache.cached_public_feed`).
"""

from django.urls import include, path, re_path
from wagtail import views as wagtail_views

from events import suggestions
from events.feed_cache import cached_public_feed

app_name = "events"


def serve_ics(request, path):
    if path.endswith("calendar.ics"):
        response = cached_public_feed(request)
        if response is not None:
            return response
    return wagtail_views.serve(request, path)


urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+\.ics)$", serve_ics, name="ics"),
    path("", include(suggestions)),  # /foresla-evenemang/, /en/suggest-event/
]
