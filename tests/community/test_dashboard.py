"""The dashboard as a group's editor and as a coordinator meet it, over HTTP; each panel in a
constant number of queries however much content there is."""

import datetime as dt
import json
import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from events.factories import EventPageFactory
from events.localtime import local_today
from hub.factories import translate
from hub.permissions import ensure_moderation_workflow
from labs.dashboard import CoordinatorPanel, GroupEditorPanel, editor_groups
from tests.community.test_suggestions import SV_URL, suggestion

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def swedish(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def group_en(group_a, home_en, group_index):
    translate(group_index, "en", title="Local groups", slug="groups")
    return translate(group_a, "en", title="Civic Tech Gothenburg", slug="gothenburg")


def submitted_draft(parent, user, **fields):
    """An event draft `user` has submitted to moderation."""
    event = EventPageFactory(parent=parent, live=False, has_unpublished_changes=True, **fields)
    event.save_revision(user=user)
    ensure_moderation_workflow().start(event, user)
    return event


def panel(html, panel_id):
    match = re.search(rf'id="{panel_id}-section".*?</section>', html, re.S)
    assert match, f"no panel {panel_id}"
    return match.group(0)


def sidebar_explorer(html):
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    return json.dumps(json.loads(props.group(1)))


def test_editor_dashboard_is_their_groups_home(editor_a, group_a, group_en):
    draft = submitted_draft(group_a, editor_a, title="Kodkväll i maj")
    response = swedish(editor_a).get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    mine = panel(html, "group-editor-goteborg")
    # Both languages' pages, with edit links; "add event" in one click.
    for page in (group_a, group_en):
        assert f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"' in mine
    add_event = reverse("wagtailadmin_pages:add", args=("events", "eventpage", group_a.pk))
    assert f'href="{add_event}"' in mine
    # The public page and its feed.
    assert f'href="{group_a.url}"' in mine or f'href="{group_a.full_url}"' in mine
    assert "calendar.ics" in mine
    # The draft, where it stands: waiting for the coordinators' task.
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[draft.pk])}"' in mine
    assert "Kodkväll i maj" in mine and "Godkännande av koordinator" in mine
    # Nothing site-wide: no page count of the whole site, no "pages and snippets in workflow".
    root = Page.get_first_root_node()
    assert f'href="{reverse("wagtailadmin_explore", args=[root.pk])}"' not in html
    assert 'id="objects-in-workflow"' not in html
    assert 'id="coordinator-tasks"' not in html


def test_editor_menu_pages_opens_at_the_swedish_group_page(editor_a, group_a, group_en):
    html = swedish(editor_a).get(DASHBOARD).content.decode()
    sidebar = sidebar_explorer(html)
    assert reverse("wagtailadmin_explore", args=[group_a.pk]) in sidebar
    assert f'"start_page_id": {group_a.pk}' in sidebar or f"{group_a.pk}" in sidebar
    # The explorer itself still reaches the English page (no redirect away from it).
    response = swedish(editor_a).get(reverse("wagtailadmin_explore", args=[group_en.pk]))
    assert response.status_code == 200


def test_coordinator_keeps_wagtails_start_and_site_count(coordinator, group_a):
    html = swedish(coordinator).get(DASHBOARD).content.decode()
    root = Page.get_first_root_node()
    assert reverse("wagtailadmin_explore", args=[group_a.pk]) not in sidebar_explorer(html)
    assert 'id="group-editor-' not in html
    assert "wagtailadmin/pages/" in html or f"/admin/pages/{root.pk}/" in html


def test_coordinator_panel_shows_what_waits(client, coordinator, editor_a, calendar, group_a):
    client.post(SV_URL, suggestion(organiser=str(group_a.pk), title="Förslag om hackkväll"))
    suggested = WorkflowState.objects.get().content_object
    moderated = submitted_draft(group_a, editor_a, title="Redaktörens evenemang")
    soon = local_today() + dt.timedelta(days=2)
    nowhere = EventPageFactory(
        parent=group_a, title="Träff utan plats", start_date=soon, venue_name="", address=""
    )
    EventPageFactory(
        parent=group_a,
        title="Digital träff",
        start_date=soon,
        venue_name="",
        online_url="https://meet.example.org/civic",
    )
    EventPageFactory(
        parent=group_a,
        title="Långt fram utan plats",
        venue_name="",
        start_date=local_today() + dt.timedelta(days=20),
    )
    html = swedish(coordinator).get(DASHBOARD).content.decode()
    tasks = panel(html, "coordinator-tasks")
    assert f'href="{reverse("event_suggestions:index")}"' in tasks
    assert "Förslag om hackkväll" in tasks
    edit = lambda page: f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"'  # noqa: E731
    assert edit(suggested) in tasks and edit(moderated) in tasks
    assert edit(nowhere) in tasks and "Träff utan plats" in tasks
    assert "Digital träff" not in tasks and "Långt fram utan plats" not in tasks
    counts = [int(n) for n in re.findall(r">\s*(\d+) \w", tasks)]
    assert counts[:2] == [1, 2]  # one open suggestion; two pages awaiting review


def grow_group(group, editor, n):
    """`n` more live events without a place this week and `n` drafts in moderation."""
    soon = local_today() + dt.timedelta(days=1)
    for i in range(n):
        EventPageFactory(parent=group, title=f"Utan plats {i}", venue_name="", start_date=soon)
        submitted_draft(group, editor, title=f"Utkast {i}")


def dashboard_queries(client, django_assert_max_num_queries, limit):
    client.get(DASHBOARD)  # warm per-process caches
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured)


def panel_queries(panel, user, django_assert_max_num_queries, limit):
    request = RequestFactory().get(DASHBOARD)
    request.user = user
    panel.render_html({"request": request, "csrf_token": "x"})  # warm per-process caches
    with django_assert_max_num_queries(limit) as captured:
        html = panel.render_html({"request": request, "csrf_token": "x"})
    assert "Utan plats 0" in html or "Utkast" in html
    return len(captured)


def test_editors_dashboard_queries_do_not_grow_with_content(
    editor_a, group_a, django_assert_max_num_queries
):
    client = swedish(editor_a)
    grow_group(group_a, editor_a, 10)
    small = dashboard_queries(client, django_assert_max_num_queries, 40)
    panel_small = panel_queries(
        GroupEditorPanel(editor_groups(editor_a)), editor_a, django_assert_max_num_queries, 10
    )
    grow_group(group_a, editor_a, 190)
    large = dashboard_queries(client, django_assert_max_num_queries, small)
    panel_large = panel_queries(
        GroupEditorPanel(editor_groups(editor_a)), editor_a, django_assert_max_num_queries, 10
    )
    print(f"editor: dashboard {small}/{large} queries, panel {panel_small}/{panel_large}")
    assert (large, panel_large) == (small, panel_small)


def test_coordinators_panel_queries_do_not_grow_with_content(
    coordinator, editor_a, group_a, django_assert_max_num_queries
):
    grow_group(group_a, editor_a, 10)
    small = panel_queries(CoordinatorPanel(), coordinator, django_assert_max_num_queries, 10)
    grow_group(group_a, editor_a, 190)
    large = panel_queries(CoordinatorPanel(), coordinator, django_assert_max_num_queries, small)
    print(f"coordinator: panel {small} queries at 10, {large} at 200")
    assert large == small


def test_editor_page_chooser_opens_at_the_group(editor_a, group_a, group_en, coordinator):
    chooser = reverse("wagtailadmin_choose_page")
    assert chooser == "/admin/choose-page/"
    response = swedish(editor_a).get(chooser)
    assert response.status_code == 200
    assert response.context["parent_page"].pk == group_a.pk
    # A chosen parent, or a specific page type, is left to Wagtail.
    response = swedish(editor_a).get(reverse("wagtailadmin_choose_page_child", args=[group_en.pk]))
    assert response.context["parent_page"].pk == group_en.pk
    # Coordinators start at the root as before; nobody logged out gets in.
    response = swedish(coordinator).get(chooser)
    assert response.context["parent_page"].pk == Page.get_first_root_node().pk
    assert Client().get(chooser).status_code == 302
