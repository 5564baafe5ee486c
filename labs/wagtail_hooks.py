"""Admin for community publishing: the coordinators' event suggestions (labs.viewsets)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from events.models import EventSuggestion
from labs import dashboard, navigation
from labs.approval import EventPageViewSet
from labs.viewsets import EventSuggestionViewSet, ReadOnlyPermissionPolicy

register_permission_policy(EventSuggestion, ReadOnlyPermissionPolicy(EventSuggestion))


@hooks.register("register_admin_viewset")
def register_event_suggestion_viewset():
    return EventSuggestionViewSet("event_suggestions")


@hooks.register("register_admin_viewset")
def register_event_page_viewset():
    return EventPageViewSet()


hooks.register("construct_homepage_panels", dashboard.add_panels)
hooks.register("construct_homepage_summary_items", dashboard.trim_summary)
hooks.register("construct_main_menu", navigation.start_explorer_at_group)
