"""The organiser contract: what a page that hosts events gets by inheriting one mixin."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Site

from events import calendar_links
from hub.models.querysets import language_codes

FEED_FILENAME = "calendar.ics"
UPCOMING_HORIZON = dt.timedelta(days=366)
# The archive's address below an organiser page, per language (both answer on every page;
# links and the sitemap use the page's own language).
ARCHIVE_ROUTES = {"sv": "tidigare-evenemang", "en": "past-events"}


@dataclass(frozen=True)
class CalendarFeedLink:
    """What the feed templates need: the feed's name and its https address, and from them
    the webcal address and the one-click subscription links of the big calendar services
    (see `events.calendar_links`)."""

    title: str
    url: str

    @property
    def webcal_url(self):
        return calendar_links.webcal_url(self.url)

    @property
    def google_url(self):
        return calendar_links.google_subscribe_url(self.url)

    @property
    def outlook_url(self):
        return calendar_links.outlook_subscribe_url(self.url, self.title)

    @property
    def office365_url(self):
        return calendar_links.office365_subscribe_url(self.url, self.title)


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
    * a calendar feed at `<page url>calendar.ics` (filtered by `?organiser=`, `?tag=`,
      `?kind=`, see events.filters), cached, with ETag and
      Last-Modified, invalidated whenever an event, an organiser or a page above them is
      published, unpublished, moved or deleted (see events.signals). `feed_title()` names
      it (after `feed_scope_name()`); `feed_link(request, event_filter=None)` gives a
      `CalendarFeedLink` (`.title`, `.url`, `.webcal_url` and the one-click links
      `.google_url`, `.outlook_url`, `.office365_url`), also put into the page's context
      as `calendar_feed`.
      `feed_url(request)` and `webcal_url(request)` are shortcuts.
    * `<page url>embed/` (a framable list of upcoming events for other sites) and
      `<page url>upcoming.json` (the same as JSON, readable from any origin): events.embed.
    * `upcoming_events(limit)`: the next occurrences (series expanded), for templates;
      `past_events(limit)`: the most recent past sittings, each event once;
      `upcoming_and_past_events(past_limit)`: both lists from one listing query.
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

    def upcoming_events(self, limit=5, now=None, organisers=True):
        """The next `limit` occurrences (a list of `Occurrence`), within about a year.
        `organisers=False` skips attaching each event's organiser (e.g. when it is this page)."""
        now = now or timezone.now()
        events = self.feed_events()
        if limit:
            return events.next_occurrences(limit, now, UPCOMING_HORIZON)
        return events.upcoming(now).in_window(now, now + UPCOMING_HORIZON, organisers=organisers)

    def past_events(self, limit=5, now=None, organisers=True):
        """The `limit` most recent past sittings (a list of `Occurrence`), each event once
        with its latest sitting, most recent first. A constant number of queries."""
        return self.feed_events().last_occurrences(limit, now, organisers=organisers)

    def upcoming_and_past_events(self, past_limit=5, now=None, organisers=True):
        """(every upcoming occurrence within about a year, the `past_limit` most recent
        past ones as `past_events()` gives them), from one listing query."""
        return self.feed_events().around(past_limit, now, UPCOMING_HORIZON, organisers=organisers)

    # --- identity ----------------------------------------------------------------------------

    def organiser_name(self):
        return self.title

    def organiser_email(self):
        """A public email address for this organiser, or "" (then ORGANIZER uses the page URL)."""
        return ""

    def feed_scope_name(self):
        """What this page's feed covers, named after the site's name in the feed's title
        (default: the page title; a local group gives its city, the calendar "all events")."""
        return self.title

    def feed_title(self, request=None, event_filter=None, organiser_names=None, tag_names=None):
        """The feed's name in calendar apps: "<site name> – <scope>", e.g. "Civic Tech
        Sweden – Göteborg"; with a filter, its organisers, kinds and tags (see
        `events.filters.feed_name`). `organiser_names` ({id: scope name}) and `tag_names`
        ({slug: name}) name the filter's values (ids and slugs otherwise)."""
        from events.filters import feed_name

        return feed_name(
            site_name(self, request),
            self.feed_scope_name(),
            event_filter,
            organiser_names=organiser_names,
            tag_names=tag_names,
            everything=self.organiser_kind == "calendar",
        )

    def feed_description(self):
        return getattr(self, "search_description", "") or ""

    # --- addresses ---------------------------------------------------------------------------

    def feed_url(self, request=None, event_filter=None):
        """The feed's https address, with the filter's canonical query string."""
        url = (self.get_full_url(request) or "") + FEED_FILENAME
        query = event_filter.query_string() if event_filter else ""
        return f"{url}?{query}" if query else url

    def webcal_url(self, request=None, event_filter=None):
        return calendar_links.webcal_url(self.feed_url(request, event_filter))

    def feed_link(self, request=None, event_filter=None, organiser_names=None, tag_names=None):
        """The `CalendarFeedLink` of this page's feed, optionally filtered (an
        `events.filters.EventFilter`); the names as for `feed_title()`."""
        title = self.feed_title(request, event_filter, organiser_names, tag_names)
        return CalendarFeedLink(title=title, url=self.feed_url(request, event_filter))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("calendar_feed", self.feed_link(request))
        return context

    # --- the feed ----------------------------------------------------------------------------

    @re_path(r"^calendar\.ics/$", name="calendar_feed")
    def calendar_feed_view(self, request):
        from events.feeds import serve_organiser_feed

        return serve_organiser_feed(request, self)

    # --- embeds for other sites (events.embed) ------------------------------------------------

    @path("embed/", name="embed")
    def embed_view(self, request):
        from events.embed import serve_embed

        return serve_embed(request, self)

    @re_path(r"^upcoming\.json/$", name="upcoming_json")
    def upcoming_json_view(self, request):
        from events.embed import serve_upcoming_json

        return serve_upcoming_json(request, self)


class EventArchiveMixin(EventOrganiserMixin):
    """An organiser whose past events have a page of their own, all the way back: at
    `<page url>tidigare-evenemang/` (Swedish) or `past-events/` (English), one year at a
    time (`?year=`, the most recent by default) and `archive_page_size` sittings a page
    (`?page=`), with links to every year. Put it in place of `EventOrganiserMixin`.

    The page's template shows `page.past_events()` and links `page.archive_url(request)`;
    the archive renders `archive_template` with `archive` (events.listings.EventArchive),
    `canonical` and `alternate_urls` (the archive of each translation). It is listed in
    the sitemap beside the page. `serves_archive(request)` tells `get_context()` overrides
    to skip what only the page itself shows.
    """

    archive_template = None  # default: "<app label>/<model name>_past_events.html"
    archive_page_size = 20

    def archive_url(self, request=None, language_code=None):
        """The archive's address in the active language (or `language_code`); "" if the page
        has no URL."""
        base = self.get_url(request)
        return self._archive_address(base, language_code)

    def archive_full_url(self, request=None, language_code=None):
        return self._archive_address(self.get_full_url(request), language_code)

    def _archive_address(self, base, language_code=None):
        if not base:
            return ""
        code = language_code or translation.get_language() or settings.LANGUAGE_CODE
        route = ARCHIVE_ROUTES.get(code, ARCHIVE_ROUTES[settings.LANGUAGE_CODE])
        return f"{base.rstrip('/')}/{route}/"

    @staticmethod
    def serves_archive(request):
        match = getattr(request, "routable_resolver_match", None)
        return match is not None and (match.url_name or "").startswith("past_events")

    def get_archive_template(self):
        return self.archive_template or (
            f"{self._meta.app_label}/{self._meta.model_name}_past_events.html"
        )

    @path(f"{ARCHIVE_ROUTES['sv']}/", name="past_events_sv")
    @path(f"{ARCHIVE_ROUTES['en']}/", name="past_events_en")
    def past_events_view(self, request):
        from events.listings import archive_heading, archive_links, archive_title, past_archive

        archive = past_archive(
            self.feed_events(), request, self.archive_page_size, organisers=False
        )
        for occurrence in archive.occurrences:
            occurrence.event.organiser = self  # the events sit below this page
        canonical, alternates = archive_links(
            self,
            request,
            lambda page: page.archive_full_url(request, page.locale.language_code),
            archive.query(),
        )
        return self.render(
            request,
            template=self.get_archive_template(),
            context_overrides={
                "archive": archive,
                "archive_title": archive_title(archive, self.title),
                "archive_heading": archive_heading(self.title),
                "canonical": canonical,
                "alternate_urls": alternates,
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            language_code = language_codes(request).get(self.locale_id)
            archive = self._archive_address(urls[0]["location"], language_code)
            urls.append({**urls[0], "location": archive})
        return urls


def site_name(page, request=None):
    """The Wagtail Site's name (settings.WAGTAIL_SITE_NAME when it has none). With a request,
    the request's site, which Wagtail's routing has already looked up (no query)."""
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = page.get_site() if page else None
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
