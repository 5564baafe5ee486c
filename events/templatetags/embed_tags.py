"""Template tags for the "embed these events" snippet (events/includes/embed_snippet.html)."""

from django import template

from events.embed import embed_snippet as snippet_for

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_snippet(context, page):
    """{url, json_url, title} of `page`'s embed ({} for a page without events): see
    `events.embed.embed_snippet`. On the page being shown, with the filter its listing
    read (`event_filter`, the calendar's) and its feed: the embed is what the page shows."""
    if page is None or not hasattr(page, "embed_view"):
        return {}
    event_filter = feed = None
    if page is context.get("page"):
        event_filter, feed = context.get("event_filter"), context.get("calendar_feed")
    return snippet_for(page, context.get("request"), event_filter, feed)
