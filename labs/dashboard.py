"""The admin dashboard as volunteers and coordinators meet it.

* A group's or lab's editors (members of an "Redaktörer: <title>" group, see labs.publishing)
  get a panel of their own: their pages in each language with edit links, "add event" in one
  click, their drafts and where each stands in moderation, and links to the public page and
  its calendar feed.
* Coordinators (and superusers) get a panel of what waits for them: open event suggestions,
  pages awaiting their review, and events in the next seven days without a place.

Each panel costs a constant number of queries however much content there is (pinned in
tests/community/test_dashboard.py). The hooks in labs.wagtail_hooks also hide what means
nothing to a volunteer: the site-wide page count and Wagtail's "pages and snippets in a
workflow" panel (the editors' panel shows their drafts' moderation instead). Where the
explorer and the page chooser start is labs.navigation.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from events.models import EventPage, EventSuggestion
from hub.permissions import is_coordinator
from labs.publishing import EditorGroup, source_page

#: How many drafts, suggestions or reviews a panel lists before "and n more".
PANEL_ROWS = 10
#: How far ahead the coordinators' panel looks for events without a place.
PLACE_CHECK_DAYS = 7


def add_event_url(parent):
    """The editor of a new event below `parent`: "add event" in one click."""
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


# --- the editors' panel -------------------------------------------------------------------------


@dataclass
class Draft:
    page: Page
    state: WorkflowState | None

    @property
    def edit_url(self):
        return edit_url(self.page.pk)

    @property
    def status(self):
        """Where the draft stands, in the words the editor sees elsewhere in the admin."""
        state = self.state
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return _("Changes requested")
        if state is not None and state.current_task_state_id:
            return _("Awaiting review: %(task)s") % {"task": state.current_task_state.task.name}
        if self.page.live:
            return _("Published, with unpublished changes")
        return _("Draft, not submitted")


def editor_groups(user):
    """The editors groups `user` belongs to, with their pages (Swedish first), in 2 queries."""
    links = list(
        EditorGroup.objects.filter(group__user=user).select_related("group").order_by("group__name")
    )
    if not links:
        return []
    pages = (
        Page.objects.filter(
            translation_key__in=[link.translation_key for link in links], alias_of__isnull=True
        )
        .select_related("locale")
        .order_by("pk")
    )
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    groups = []
    for link in links:
        group_pages = by_key.get(link.translation_key, [])
        if not group_pages:
            continue
        main = source_page(group_pages)
        group_pages.sort(key=lambda page: page.pk != main.pk)
        groups.append({"link": link, "main": main, "pages": group_pages})
    return groups


def drafts_under(pages, limit=PANEL_ROWS):
    """Pages at or below `pages` with unpublished changes, newest first, each with its open
    moderation state: 3 queries (count, rows, states)."""
    if not pages:
        return [], 0
    where = Q()
    for page in pages:
        where |= Q(path__startswith=page.path)
    drafts = Page.objects.filter(where, has_unpublished_changes=True)
    total = drafts.count()
    rows = list(
        drafts.select_related("locale").order_by("-latest_revision_created_at", "-pk")[:limit]
    )
    states = {}
    if rows:
        open_states = (
            WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(page.pk) for page in rows],
            )
            .select_related("current_task_state__task")
        )
        states = {int(state.object_id): state for state in open_states}
    return [Draft(page, states.get(page.pk)) for page in rows], total


class GroupEditorPanel(Component):
    """A group's or lab's editors' home: its pages, "add event", drafts, public links."""

    name = "hub_group_editor"
    template_name = "wagtailadmin/home/group_editor_panel.html"
    order = 50

    def __init__(self, groups):
        self.groups = groups

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        groups = []
        for group in self.groups:
            drafts, total = drafts_under(group["pages"])
            main = group["main"]
            groups.append(
                {
                    **group,
                    "page_rows": [
                        {
                            "page": page,
                            "edit_url": edit_url(page.pk),
                            "add_event_url": add_event_url(page),
                            "language": page.locale.get_display_name(),
                        }
                        for page in group["pages"]
                    ],
                    "add_event_url": add_event_url(main),
                    "public_url": main.get_url(request) if main.live else "",
                    "feed_url": main.specific_deferred.feed_url(request) if main.live else "",
                    "drafts": drafts,
                    "more_drafts": max(total - len(drafts), 0),
                }
            )
        return {"groups": groups, "request": request}


# --- the coordinators' panel --------------------------------------------------------------------


def open_suggestions():
    """Suggestions still awaiting a decision whose draft exists."""
    return EventSuggestion.objects.filter(decided_at__isnull=True, event__isnull=False)


def reviews_awaiting(user):
    """Task states `user` can approve now, newest first (pages only)."""
    page_type = ContentType.objects.get_for_model(Page)
    return (
        TaskState.objects.reviewable_by(user)
        .filter(revision__base_content_type=page_type)
        .order_by("-started_at", "-pk")
    )


def events_without_place(now=None, days=PLACE_CHECK_DAYS):
    """Live events with a sitting in the next `days` days and neither a venue nor an online
    link, each once, by first sitting: a constant number of queries."""
    now = now or timezone.now()
    placeless = EventPage.objects.live().originals().filter(venue_name="", online_url="")
    seen, events = set(), []
    for occurrence in placeless.in_window(now, now + dt.timedelta(days=days), organisers=False):
        if occurrence.event.pk not in seen:
            seen.add(occurrence.event.pk)
            events.append(occurrence)
    return events


class CoordinatorPanel(Component):
    """What waits for a coordinator."""

    name = "hub_coordinator"
    template_name = "wagtailadmin/home/coordinator_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        suggestions = open_suggestions()
        reviews = reviews_awaiting(request.user)
        review_rows = [state.revision for state in reviews.select_related("revision")[:PANEL_ROWS]]
        placeless = events_without_place()
        return {
            "request": request,
            "suggestions_url": reverse("event_suggestions:index"),
            "suggestion_count": suggestions.count(),
            "suggestions": [
                {"title": s.title, "edit_url": edit_url(s.event_id)}
                for s in suggestions.order_by("-created_at", "-pk")[:PANEL_ROWS]
            ],
            "review_count": reviews.count(),
            "reviews": [
                {"title": revision.object_str, "edit_url": edit_url(int(revision.object_id))}
                for revision in review_rows
            ],
            "placeless": [
                {
                    "title": occurrence.event.title,
                    "start": occurrence.local_start,
                    "edit_url": edit_url(occurrence.event.pk),
                }
                for occurrence in placeless[:PANEL_ROWS]
            ],
            "placeless_more": max(len(placeless) - PANEL_ROWS, 0),
            "days": PLACE_CHECK_DAYS,
        }


# --- what the hooks call ------------------------------------------------------------------------


def add_panels(request, panels):
    """construct_homepage_panels: the editors' and coordinators' panels; a volunteer does
    not get Wagtail's "pages and snippets in a workflow" (their panel says it in their terms)."""
    user = request.user
    coordinator = is_coordinator(user)
    groups = editor_groups(user)
    if coordinator:
        panels.append(CoordinatorPanel())
    if groups:
        panels.append(GroupEditorPanel(groups))
        if not coordinator:
            panels[:] = [
                panel
                for panel in panels
                if getattr(panel, "name", "") != "user_objects_in_workflow_moderation"
            ]


def trim_summary(request, items):
    """construct_homepage_summary_items: the site-wide page count only for coordinators."""
    from wagtail.admin.site_summary import PagesSummaryItem

    if not is_coordinator(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
