"""The Swedish admin in real Chromium: no English in the editor, no autosave error unasked."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from events.factories import EventPageFactory
from labs.factories import LocalGroupPageFactory
from projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from projects.models import ShowcasePage

from ..hub.test_admin_swedish import english_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_superuser("coordinator", "c@example.org", PASSWORD)
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="sv")
    return user


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def settle(page):
    """Give the editor's scripts (autosave runs every half second) time to act."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2000)
    page.wait_for_load_state("networkidle")


def autosave_state(page):
    """The autosave indicator's state: its visible text, empty while it is idle."""
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count() == 0:
        return ""
    return " ".join(indicator.inner_text().split())


def test_new_showcase_form_is_swedish_with_no_autosave_error(live_server, page, coordinator):
    index = ProjectIndexPageFactory()
    ProjectPageFactory(parent=index, title="Alfa")
    autosaves = []
    page.on(
        "request",
        lambda request: autosaves.append(request.url) if request.method == "POST" else None,
    )
    log_in(page, live_server)
    autosaves.clear()

    page.goto(live_server.url + reverse(
        "wagtailadmin_pages:add", args=["projects", "showcasepage", index.pk]
    ))
    settle(page)
    text = page.locator("body").inner_text()
    assert english_in(text) == []
    assert "Automatisk sparning är pausad" not in text
    assert page.locator(".messages .error, .w-message--error").count() == 0
    assert autosaves == []  # nothing typed, nothing to save
    assert "pausad" not in autosave_state(page)

    # Once the coordinator types a title, autosave saves a draft: no project is needed yet.
    page.locator("#id_title").press_sequentially("Vårt urval")
    settle(page)
    assert "pausad" not in autosave_state(page), autosave_state(page)
    assert english_in(page.locator("body").inner_text()) == []
    draft = ShowcasePage.objects.get(title="Vårt urval")
    assert not draft.live and draft.items.count() == 0


def test_event_editor_is_swedish(live_server, page, coordinator):
    group = LocalGroupPageFactory()
    event = EventPageFactory(parent=group, title="Hackkväll")
    log_in(page, live_server)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[event.pk]))
    settle(page)
    text = page.locator("body").inner_text()
    assert english_in(text) == []
    assert "pausad" not in autosave_state(page)
    # The checks panel's readability score is Swedish (it comes from the JS catalogue).
    page.locator("[data-side-panel-toggle='checks']").click()
    panel = page.locator("[data-side-panel='checks']")
    panel.wait_for(state="visible")
    page.wait_for_timeout(500)
    assert english_in(panel.inner_text()) == []
