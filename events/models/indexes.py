"""The calendar (all events) and the talks index: organisers that list and feed events."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.models.pages import BasePage

from .events import EventPage
from .organisers import EventOrganiserMixin, site_name
from .talks import TalkPage


class EventIndexPage(EventOrganiserMixin, BasePage):
    """What the calendar and the talks index share (abstract): a singleton below the home
    page with an introduction, organiser of the site's events in its language, listing
    them with `listing(request)`."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["hub.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def organiser_name(self):
        return site_name(self)

    def listing(self, request):
        """The template context of the listing (see events.listings)."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing(request))
        return context


class CalendarPage(EventIndexPage):
    """All events of the site (in this language): agenda, month view, filters, the site feed.

    National events live below it; the events of groups and labs live below those pages
    and are listed here too.
    """

    subpage_types = ["events.EventPage", "events.TalkPage"]
    organiser_kind = "calendar"
    page_size = 20

    class Meta:
        verbose_name = _("calendar")

    def feed_scope_name(self):
        return gettext("all events")

    def feed_events(self):
        # Every event in this language, wherever it sits; aliases are listed once, as
        # their original.
        return EventPage.objects.live().public().filter(locale_id=self.locale_id).originals()

    def listing(self, request):
        from events.listings import calendar_listing

        return calendar_listing(self, request)


class TalkIndexPage(EventIndexPage):
    """Expert talks: upcoming and past, with speakers, and a feed of all talks."""

    subpage_types = ["events.TalkPage"]
    organiser_kind = "talks"
    page_size = 12

    class Meta:
        verbose_name = _("expert talks index")

    def feed_events(self):
        # All talks in this language, including those given at labs.
        return (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .type(TalkPage)
            .originals()
        )

    def talks(self):
        return (
            TalkPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .originals()
            .prefetch_related("speakers__person")
        )

    def listing(self, request):
        from events.listings import talk_listing

        return talk_listing(self, request)
