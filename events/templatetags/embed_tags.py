"""Template tags for the "embed these events" snippet (events/includes/embed_snippet.html)."""

from django import template

from events.embed import embed_snippet as snippet_for

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_snippet(context, page):
    """{url, json_url, title} of `page`'s embed ({} for a page without events): see
    `events.embed.embed_snippet`."""
    if page is None or not hasattr(page, "embed_view"):
        return {}
    return snippet_for(page, context.get("request"))
