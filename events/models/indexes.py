"""The calendar (all events) and the talks index: organisers that list and feed events."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hub.models.pages import BasePage

from .events import EventPage, TalkPage
from .organisers import EventOrganiserMixin, site_name


class CalendarPage(EventOrganiserMixin, BasePage):
    """All events of the site (in this language): agenda, month view, filters, the site feed.

    National events live below it; the events of groups and labs live below those pages
    and are listed here too.
    """

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["events.EventPage", "events.TalkPage"]
    max_count_per_parent = 1
    organiser_kind = "calendar"
    page_size = 20

    class Meta:
        verbose_name = _("calendar")

    def feed_events(self):
        # Every event in this language, wherever it sits; aliases are listed once, as
        # their original.
        return EventPage.objects.live().public().filter(locale_id=self.locale_id).originals()

    def organiser_name(self):
        return site_name(self)

    def get_context(self, request, *args, **kwargs):
        from events.listings import calendar_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_listing(self, request))
        return context


class TalkIndexPage(EventOrganiserMixin, BasePage):
    """Expert talks: upcoming and past, with speakers, and a feed of all talks."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["hub.HomePage"]
    subpage_types = ["events.TalkPage"]
    max_count_per_parent = 1
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

    def organiser_name(self):
        return site_name(self)

    def talks(self):
        return (
            TalkPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .originals()
            .prefetch_related("speakers__person")
        )

    def get_context(self, request, *args, **kwargs):
        from events.listings import talk_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(talk_listing(self, request))
        return context
