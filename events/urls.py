"""Public URLs of the events app that are not served by its pages' own routes.

Calendar files end in ".ics" and JSON lists in ".json", without a trailing slash, which
Wagtail's page URL pattern does not match; these patterns hand such paths to Wagtail's page
serving, so that the routes of the pages themselves (`EventOrganiserMixin.calendar_feed_view`
and `upcoming_json_view`, `EventPage.event_ics_view`) answer them, after Wagtail's privacy
checks and hooks as for any page. A feed of a public page that is already cached is answered
before routing (`events.feed_cache.cached_public_feed`).

Both kinds are public data that other sites may read from their own scripts: every answer
carries `Access-Control-Allow-Origin: *` (`events.embed.allow_any_origin`), 304s included.
"""

from django.urls import include, path, re_path
from wagtail import views as wagtail_views

from events import suggestions
from events.embed import allow_any_origin
from events.feed_cache import cached_public_feed

app_name = "events"


def serve_ics(request, path):
    response = None
    if path.endswith("calendar.ics"):
        response = cached_public_feed(request)
    if response is None:
        response = wagtail_views.serve(request, path)
    return allow_any_origin(response)


def serve_json(request, path):
    return allow_any_origin(wagtail_views.serve(request, path))


urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+\.ics)$", serve_ics, name="ics"),
    re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+\.json)$", serve_json, name="json"),
    path("", include(suggestions)),  # /foresla-evenemang/, /en/suggest-event/
]
