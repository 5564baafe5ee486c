"""The organiser contract: what a page that hosts events gets by inheriting one mixin."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path

FEED_FILENAME = "calendar.ics"
UPCOMING_HORIZON = dt.timedelta(days=366)


@dataclass(frozen=True)
class CalendarFeedLink:
    """What the feed templates need: a title and the https and webcal addresses."""

    title: str
    url: str

    @property
    def webcal_url(self):
        scheme, _sep, rest = self.url.partition("://")
        return f"webcal://{rest}" if scheme in ("http", "https") else self.url


class EventOrganiserMixin(RoutablePageMixin):
    """Mix into any page type that hosts events: put it first, before the page base class.

        class LocalGroupPage(EventOrganiserMixin, BasePage):
            organiser_kind = "group"          # "group", "lab", "calendar" or "talks"
            subpage_types = ["events.EventPage"]

            def organiser_email(self):        # optional: a public address for ORGANIZER
                return self.contact_email

    What the page then has:

    * `feed_events()`: the live, public events in its scope (an `EventQuerySet`); by default
      the EventPages (talks included) below the page. Override to widen or narrow it.
    * a calendar feed at `<page url>calendar.ics` (and `?tag=<slug>`), cached, with ETag and
      Last-Modified, invalidated whenever an event, an organiser or a page above them is
      published, unpublished, moved or deleted (see events.signals). `feed_title()` names
      it; `feed_link(request, tag=None)` gives a `CalendarFeedLink` (`.title`, `.url`,
      `.webcal_url`), also put into the page's context as `calendar_feed`.
      `feed_url(request)` and `webcal_url(request)` are shortcuts.
    * `upcoming_events(limit)`: the next occurrences (series expanded), for templates.
    * `organiser_name()` (default: the page title) and `organiser_email()` (default: none),
      used for the events' ORGANIZER in feeds and "organised by" on event pages.
    * EventPage and TalkPage accept any concrete page model with this mixin as a parent (the
      parent must also list them in its own `subpage_types`).

    Templates to include: "events/includes/feed_link.html" in `extra_head`,
    "events/includes/subscribe.html" (the subscribe control) and
    "events/includes/event_list.html" (a list of occurrences, e.g. `page.upcoming_events`),
    all with `feed=calendar_feed` / `occurrences=...`; see each template's header comment.
    Call `super().get_context()` if you override `get_context()`.
    """

    organiser_kind = "group"

    # --- scope -----------------------------------------------------------------------------

    def feed_events(self):
        """Live, public events that this page's feed and listings show."""
        from .events import EventPage

        return EventPage.objects.live().public().descendant_of(self)

    def upcoming_events(self, limit=5, now=None):
        """The next `limit` occurrences (a list of `Occurrence`), within about a year."""
        now = now or timezone.now()
        events = self.feed_events()
        if limit:
            return events.next_occurrences(limit, now, UPCOMING_HORIZON)
        return events.upcoming(now).in_window(now, now + UPCOMING_HORIZON)

    # --- identity ----------------------------------------------------------------------------

    def organiser_name(self):
        return self.title

    def organiser_email(self):
        """A public email address for this organiser, or "" (then ORGANIZER uses the page URL)."""
        return ""

    def feed_title(self):
        return self.title

    def feed_description(self):
        return getattr(self, "search_description", "") or ""

    # --- addresses ---------------------------------------------------------------------------

    def feed_url(self, request=None, tag=None):
        url = (self.get_full_url(request) or "") + FEED_FILENAME
        if tag:
            url += "?" + urlencode({"tag": tag})
        return url

    def webcal_url(self, request=None, tag=None):
        return CalendarFeedLink("", self.feed_url(request, tag)).webcal_url

    def feed_link(self, request=None, tag=None, tag_name=None):
        title = self.feed_title()
        if tag:
            title = f"{title}: {tag_name or tag}"
        return CalendarFeedLink(title=title, url=self.feed_url(request, tag))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("calendar_feed", self.feed_link(request))
        return context

    # --- the feed ----------------------------------------------------------------------------

    @re_path(r"^calendar\.ics/$", name="calendar_feed")
    def calendar_feed_view(self, request):
        from events.feeds import serve_organiser_feed

        return serve_organiser_feed(request, self)


def site_name(page, request=None):
    site = page.get_site() if page else None
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
