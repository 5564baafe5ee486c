"""The event editor's script (Wagtail admin only; the public site has none of it).

Its styles come with the editor's panels (events.panels), as Wagtail 8 has no editor CSS hook.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def event_editor_js():
    # Progressive enhancement: without it every field shows and coordinates are typed.
    return format_html('<script src="{}" defer></script>', static("events/admin.js"))
