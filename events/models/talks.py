"""Expert talks: an event with speakers, a recording and slides."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField

from hub.models.mixins import Ordered

from .events import EventPage, event_tabs
from .querysets import EventPageManager


class TalkPage(EventPage):
    """An expert talk: an event with speakers, a recording and slides."""

    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("A YouTube, Vimeo or PeerTube address is shown as a player; others as a link."),
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventPageManager()

    what_panels = [
        *EventPage.what_panels[:2],
        InlinePanel("speakers", heading=_("Speakers"), label=_("Speaker"), min_num=0),
        FieldPanel("recording_url"),
        FieldPanel("slides"),
        *EventPage.what_panels[2:],
    ]
    edit_handler = event_tabs(what_panels, EventPage.when_panels, EventPage.where_panels)

    api_fields = EventPage.api_fields + [
        APIField("speakers"),
        APIField("recording_url"),
        APIField("slides"),
    ]

    class Meta:
        verbose_name = _("expert talk")
        verbose_name_plural = _("expert talks")

    @cached_property
    def speaker_people(self):
        """The speakers' people, in order: read once per page (template and JSON-LD)."""
        speakers = self.speakers.all()
        if "speakers" not in getattr(self, "_prefetched_objects_cache", {}):
            speakers = speakers.select_related("person")
        return [speaker.person for speaker in speakers]

    def recording_embed_html(self):
        """The player HTML for the recording, or "" (then the template shows a link)."""
        if not self.recording_url:
            return ""
        from wagtail.embeds.embeds import get_embed
        from wagtail.embeds.exceptions import EmbedException

        try:
            html = get_embed(self.recording_url).html or ""
        except (EmbedException, OSError, ValueError):
            return ""
        if "<iframe" in html and "title=" not in html:
            # Players from oEmbed often lack a title, which screen readers need.
            title = gettext("Recording: %(title)s") % {"title": self.title}
            html = html.replace("<iframe", format_html('<iframe title="{}"', title), 1)
        return html


class TalkSpeaker(Ordered):
    """A speaker at a talk (a Person snippet), in the order the editor chose."""

    page = ParentalKey(TalkPage, related_name="speakers", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "hub.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]
    api_fields = [
        APIField("person"),
        APIField("name", serializer=serializers.CharField(source="person.name", read_only=True)),
        APIField("role", serializer=serializers.CharField(source="person.role", read_only=True)),
    ]

    class Meta(Ordered.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return str(self.person)
