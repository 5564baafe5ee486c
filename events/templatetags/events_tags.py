"""Template tags for events: upcoming events anywhere, dates, the calendar page, JSON-LD."""

import hashlib
import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from events.models import CalendarPage, EventPage
from events.models.organisers import UPCOMING_HORIZON
from hub.models.querysets import language_codes
from hub.templatetags.hub_tags import home_section

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def upcoming_events_for(page, limit=4):
    """The next `limit` occurrences of live events in `page`'s language (site-wide)."""
    if page is None or not getattr(page, "locale_id", None):
        return []
    now = timezone.now()
    events = (
        EventPage.objects.live().public().filter(locale_id=page.locale_id).originals().upcoming(now)
    )
    return events.in_window(now, now + UPCOMING_HORIZON)[:limit]


@register.simple_tag(takes_context=True)
def calendar_page_for(context, page):
    """The live calendar page in `page`'s language, or None: from the page chrome the hub
    already loaded for this request when there is one, else one query."""
    if page is None or not getattr(page, "locale_id", None):
        return None
    request = context.get("request")
    if request is not None and language_codes(request).get(page.locale_id) == get_language():
        section = home_section(request, CalendarPage, page)
        if section is not None:
            return section
    return CalendarPage.objects.live().filter(locale_id=page.locale_id).first()


@register.inclusion_tag("events/includes/when.html")
def event_when(occurrence):
    """Date and time of an occurrence in Stockholm time, with <time> elements."""
    return {"o": occurrence}


@register.filter
def jsonld_script(data):
    """Render a dict as a <script type="application/ld+json"> element, safely escaped."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.filter
def dom_id(value, prefix="id"):
    """A stable, unique-enough HTML id derived from a value (e.g. a feed URL)."""
    digest = hashlib.sha1(str(value).encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}-{digest}"


@register.simple_tag(takes_context=True)
def add_to_calendar_links(context, event, occurrence):
    """{"google", "outlook", "office365"}: links that add one sitting of `event` (the
    `occurrence`, e.g. the next one of a series) to those calendars; None without one."""
    from events.calendar_links import event_details, event_links

    if occurrence is None:
        return None
    page_url = event.get_full_url(context.get("request")) or ""
    if occurrence.all_day:
        start, end = occurrence.local_start.date(), occurrence.local_end.date()
    else:
        start, end = occurrence.start, occurrence.end
    return event_links(
        event.title,
        start,
        end,
        all_day=occurrence.all_day,
        details=event_details(event.summary, page_url),
        location=event.location_text() or event.online_url,
    )
