"""Approving a moderated event says that it was published.

Wagtail's page editor ends a workflow action ("Approve and publish" in the footer) with its
generic "Page '…' has been updated.", and the dashboard's approve button with no message at
all. When the approval published the page, coordinators are told so with Wagtail's own
"has been published" message (already translated). Registered for event pages (and so
talks) as their page viewset in labs.wagtail_hooks.
"""

from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from events.models import EventPage

APPROVE = "approve"


def published_latest_revision(page_id):
    """True when the page is live with its latest revision (one query)."""
    return Page.objects.filter(
        pk=page_id, live=True, live_revision_id=F("latest_revision_id")
    ).exists()


def published_message(page):
    # Wagtail's msgid, so Wagtail's translations apply.
    return _("Page '%(page_title)s' has been published.") % {"page_title": get_latest_str(page)}


class ApprovalEditView(EditView):
    def add_save_confirmation_message(self):
        if getattr(self, "workflow_action", None) == APPROVE and published_latest_revision(
            self.page.pk
        ):
            buttons = [self.get_view_live_message_button()] if self.page.url else []
            buttons.append(self.get_edit_message_button())
            messages.success(self.request, published_message(self.page), buttons=buttons)
            return
        super().add_save_confirmation_message()


class ApprovalWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name == APPROVE and published_latest_revision(self.object.pk):
            messages.success(request, published_message(self.object))
        return response


class EventPageViewSet(PageViewSet):
    model = EventPage
    edit_view_class = ApprovalEditView
    workflow_action_view_class = ApprovalWorkflowActionView
