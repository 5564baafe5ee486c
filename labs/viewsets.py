"""The coordinators' read-only list of event suggestions, and what its inspect view shows.

Only users with `events.view_eventsuggestion` (the Coordinators group; see hub.permissions)
see the menu item or reach the list. Suggestions are never added or edited here: the draft
event is moderated in Wagtail's workflow UI, which the inspect view links to; a suggestion may
be deleted (its contact details go with it) and `purge_suggestions` erases contact details
after the decision.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

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


def local_datetime(value):
    """An aware datetime in the admin's current time zone (Stockholm unless the user chose
    another), formatted like the listing; "" for none. The inspect template's `localize`
    filter alone would print it in UTC."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class EventSuggestionInspectView(InspectView):
    """A suggestion as a coordinator acts on it: links to the draft's editor (where it is
    approved) and its preview, the language by name, times in local time, empty as empty."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return ""
        if field is not None and field.get_internal_type() == "DateTimeField":
            return local_datetime(value)
        return value

    def get_event_display_value(self):
        event = self.object.event
        if event is None:
            return ""
        return format_html(
            '{title} &middot; <a href="{edit}">{edit_label}</a> &middot; '
            '<a href="{preview}" target="_blank" rel="noreferrer">{preview_label}</a>',
            title=event.get_admin_display_title(),
            edit=reverse("wagtailadmin_pages:edit", args=[event.pk]),
            edit_label=_("Review and approve"),
            preview=reverse("wagtailadmin_pages:view_draft", args=[event.pk]),
            preview_label=_("Preview the draft"),
        )

    def get_language_display_value(self):
        code = self.object.language
        return dict(settings.LANGUAGES).get(code, code)

    def get_status_label_display_value(self):
        return self.object.status_label()


class EventSuggestionViewSet(ModelViewSet):
    model = EventSuggestion
    icon = "mail"
    menu_label = _("Event suggestions")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = EventSuggestionInspectView
    form_fields = ["title"]
    list_display = ["title", "submitter_name", "submitter_email", "status_label", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "submitter_name", "submitter_email"]
    inspect_view_fields = [
        "title",
        "event",
        "status_label",
        "submitter_name",
        "submitter_email",
        "language",
        "created_at",
        "decided_at",
        "notified_at",
        "purged_at",
    ]
