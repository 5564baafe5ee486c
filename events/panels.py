"""Admin panels for the event editor that show rather than edit: the schedule in words."""

from django.utils import timezone
from wagtail.admin.panels import Panel

#: How many coming sessions the editor sees under the summary.
NEXT_SESSIONS = 5


class ScheduleSummaryPanel(Panel):
    """The schedule in words (`EventSchedule.schedule_summary`, the public page's text) and the
    next sessions, rendered on the server from the saved event or the values just posted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/schedule_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            # Values that failed validation would describe an event that cannot exist.
            valid = not (self.form is not None and self.form.is_bound and self.form.errors)
            summary = event.schedule_summary() if valid and event.starts_at else ""
            context["summary"] = summary
            context["sessions"] = (
                event.occurrences(timezone.now())[:NEXT_SESSIONS] if summary else []
            )
            return context
