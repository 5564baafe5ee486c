"""Public URLs of the events app that are not served by its pages' own routes.

Calendar files end in ".ics" without a trailing slash, which Wagtail's page URL pattern does
not match; this pattern hands such paths to Wagtail's page serving so that the routes of the
pages themselves (`EventOrganiserMixin.calendar_feed_view`, `EventPage.event_ics_view`) answer
them, with Wagtail's privacy checks and hooks as for any page.
"""

from django.urls import re_path
from wagtail import views as wagtail_views

app_name = "events"
urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)*[\w\-]+\.ics)$", wagtail_views.serve, name="ics"),
]
