"""Admin for community publishing: the coordinators' read-only list of event suggestions.

Only users with `events.view_eventsuggestion` (the Coordinators group; see hub.permissions)
see the menu item or reach the list. Suggestions are never added or edited here: the draft
event is moderated in Wagtail's workflow UI; a suggestion may be deleted (its contact details
go with it) and `purge_suggestions` erases contact details after the decision.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from events.models import EventSuggestion


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """View and delete only: nobody adds or edits a suggestion through the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions, **kwargs):
        actions = [a for a in actions if a not in ("add", "change")]
        if not actions:
            return super().users_with_any_permission(["__none__"], **kwargs)
        return super().users_with_any_permission(actions, **kwargs)


register_permission_policy(EventSuggestion, ReadOnlyPermissionPolicy(EventSuggestion))


class EventSuggestionViewSet(ModelViewSet):
    model = EventSuggestion
    icon = "mail"
    menu_label = _("Event suggestions")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["title"]
    list_display = ["title", "submitter_name", "submitter_email", "status_label", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "submitter_name", "submitter_email"]
    inspect_view_fields = [
        "title",
        "event",
        "submitter_name",
        "submitter_email",
        "language",
        "created_at",
        "decided_at",
        "notified_at",
        "purged_at",
    ]


@hooks.register("register_admin_viewset")
def register_event_suggestion_viewset():
    return EventSuggestionViewSet("event_suggestions")
