"""Admin panels for the event editor beyond plain fields: the schedule in words, and a map of
Sweden to pick a position on."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import ObjectList, Panel

from hub.geo import map_size, outline_path, project, projection_attrs

#: How many coming sessions the editor sees under the summary.
NEXT_SESSIONS = 5


class Tab(ObjectList):
    """A tab of the editor with a fixed identifier (`#tab-<name>`).

    Wagtail derives a tab's id from its heading and caches it on the class's edit handler, so
    the ids would be in whichever language the admin first rendered in ("tab-nar" or
    "tab-when") for the life of the process; links, tests and scripts need one id."""

    def __init__(self, children=(), *args, name="", **kwargs):
        super().__init__(children, *args, **kwargs)
        self.name = name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "name": self.name}

    @property
    def clean_name(self):
        return self.name or super().clean_name


class ScheduleSummaryPanel(Panel):
    """The schedule in words (`EventSchedule.schedule_summary`, the public page's text) and the
    next sessions, rendered on the server from the saved event or the values just posted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/schedule_summary_panel.html"

        class Media:
            css = {"all": ["events/admin.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            # Values that failed validation would describe an event that cannot exist.
            valid = not (self.form is not None and self.form.is_bound and self.form.errors)
            summary = event.schedule_summary() if valid and event.starts_at else ""
            context["summary"] = summary
            context["live_url"] = reverse("events_schedule_summary")
            context["sessions"] = (
                event.occurrences(timezone.now())[:NEXT_SESSIONS] if summary else []
            )
            return context


class MapPositionPanel(Panel):
    """An outline of Sweden (hub.geo, drawn on the server) on which a click sets the latitude
    and longitude fields (events/static/events/admin.js). No map service is involved; without
    JavaScript the map only shows the position and the numbers are typed."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/map_position_panel.html"

        class Media:
            css = {"all": ["events/admin.css"]}

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            width, height = map_size()
            context.update(
                outline=outline_path(),
                width=width,
                height=height,
                projection=projection_attrs(),
                marker=None,
            )
            lat, lon = self.instance.latitude, self.instance.longitude
            if lat is not None and lon is not None:
                context["marker"] = project(lat, lon)
            return context
