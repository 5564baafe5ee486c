"""The event editor's script and its live summary URL (Wagtail admin only; the public site
has none of it).

Its styles come with the editor's panels (events.panels), as Wagtail 8 has no editor CSS hook.
"""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def event_editor_js():
    # Progressive enhancement: without it every field shows and coordinates are typed.
    return format_html('<script src="{}" defer></script>', static("events/admin.js"))


@hooks.register("register_admin_urls")
def event_editor_urls():
    from .admin_views import schedule_summary

    return [
        path("events/schedule-summary/", schedule_summary, name="events_schedule_summary"),
    ]
