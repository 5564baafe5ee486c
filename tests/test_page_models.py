"""Meta-test: every concrete page model of the project has a factory, fits the tree, and renders.

It discovers page models at collection time, so a new page type in hub, labs, events or
projects is checked as soon as it exists. For each model and each language it:

1. requires `<app>.factories.<Model>Factory`;
2. finds the shortest chain of allowed parents from the home page down (following
   `parent_page_types`) and creates those parents with their own factories;
3. asserts the model may be created there (Wagtail's tree rules, including max counts);
4. creates the page with its factory and asserts it is routable, renders with 200 in its
   language, and that its admin create/edit forms open and its preview renders.
"""

import importlib
import re
from collections import deque
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.coreutils import get_dummy_request
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from hub.models import HomePage

PROJECT_APPS = ("hub", "labs", "events", "projects")


def project_page_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Page)
            and model is not Page
            and not model._meta.abstract
            and model._meta.app_label in PROJECT_APPS
        ),
        key=lambda model: model._meta.label,
    )


PAGE_MODELS = project_page_models()


def factory_for(model):
    """`<app>.factories.<Model>Factory`, or a failure that says what is missing."""
    module_name = f"{model._meta.app_label}.factories"
    factory_name = f"{model.__name__}Factory"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        pytest.fail(f"{model._meta.label} has no factory: create {module_name}.{factory_name}")
    factory = getattr(module, factory_name, None)
    if factory is None:
        pytest.fail(f"{model._meta.label} has no factory: add {factory_name} to {module_name}")
    return factory


def chain_from_home(model):
    """The shortest list of page models [first below home, ..., parent of `model`]."""
    queue = deque([(model, [])])
    seen = {model}
    while queue:
        current, chain = queue.popleft()
        parents = current.allowed_parent_page_models()
        if HomePage in parents:
            return chain
        for parent in sorted(parents, key=lambda m: m._meta.label):
            if parent in seen or parent._meta.app_label not in PROJECT_APPS:
                continue
            seen.add(parent)
            queue.append((parent, [parent, *chain]))
    pytest.fail(f"{model._meta.label} cannot be placed anywhere below the home page")


def assert_routable(page):
    """Like WagtailPageTestCase.assertPageIsRoutable, but from the page's own language root
    (Wagtail's assertion routes the /en/ prefix as if it were a slug)."""
    site = page.get_site()
    assert site is not None, f"{page} does not belong to any site"
    root = site.root_page.get_translation(page.locale).specific
    components = [part for part in page.url_path[len(root.url_path) :].split("/") if part]
    routed_page = root.route(get_dummy_request(), components)[0]
    assert routed_page.pk == page.pk


class _Assertions(WagtailPageTestCase):
    """Wagtail's page-test assertions, used from a pytest function."""

    def runTest(self):  # pragma: no cover - never run as a unittest
        pass


@pytest.fixture
def wagtail_assert(client, db):
    case = _Assertions()
    case.client = client
    case.dummy_request = get_dummy_request()
    return case


def test_page_models_are_discovered():
    labels = {model._meta.label for model in PAGE_MODELS}
    assert {"hub.HomePage", "hub.StandardPage", "hub.NewsPage", "hub.PartnerPage"} <= labels


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_every_page_model_declares_its_place_in_the_tree(model):
    """Parents and children are declared (parent_page_types, or a clean_parent_page_models
    override for page types that accept a family of parents), never Wagtail's "anything"."""
    all_page_models = set(PAGE_MODELS) | {Page}
    parents = set(model.allowed_parent_page_models())
    children = set(model.allowed_subpage_models())
    assert parents, f"{model._meta.label} has no allowed parent"
    assert parents != all_page_models, f"{model._meta.label} must declare parent_page_types"
    assert children != all_page_models, f"{model._meta.label} must declare subpage_types"
    assert (Page in parents) == (model is HomePage), "only the home page sits at the root"
    declared = {name for klass in model.__mro__ if klass is not Page for name in vars(klass)}
    assert "subpage_types" in declared, f"{model._meta.label} must set subpage_types"


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_every_page_model_has_a_factory_fits_the_tree_and_renders(
    model, language, home, home_en, wagtail_assert, client, admin_user
):
    factory = factory_for(model)
    root = home if language == "sv" else home_en
    client.force_login(admin_user)

    if model is HomePage:
        page = root
        wagtail_assert.assertCanCreateAt(Page, HomePage)
    else:
        parent = root
        for parent_model in chain_from_home(model):
            wagtail_assert.assertCanCreateAt(type(parent), parent_model)
            parent = factory_for(parent_model)(parent=parent)
        wagtail_assert.assertCanCreateAt(type(parent), model)
        assert model.can_create_at(parent), (
            f"{model._meta.label} may not be created under {parent._meta.label} "
            "(max_count or can_create_at)"
        )
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=(model._meta.app_label, model._meta.model_name, parent.pk),
        )
        assert client.get(add_url).status_code == 200, f"admin create form for {model.__name__}"
        page = factory(parent=parent)

    page.refresh_from_db()
    page = page.specific
    assert page.live, f"{model._meta.label}Factory should create a live page"
    assert page.locale.language_code == language
    assert_routable(page)
    wagtail_assert.assertPageIsRenderable(page)

    client.logout()
    response = client.get(page.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<html[^>]*\blang="{language}"', html), "wrong <html lang>"
    assert '<main id="main"' in html

    # The admin: the edit form opens and the preview renders. (Wagtail's
    # assertPageIsEditable cannot post StreamFields: their form is built by JS.)
    client.force_login(admin_user)
    edit_response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert edit_response.status_code == 200, f"admin edit form for {model.__name__}"
    assert page.make_preview_request().status_code == 200


TEXT_ELEMENTS = {"title", "script", "style"}


class HeadContents(HTMLParser):
    """Collects what a page's <head> holds: its tags, and any text outside <title>, <script>
    and <style>."""

    def __init__(self):
        super().__init__()
        self.in_head = self.in_text_element = self.done = False
        self.tags, self.stray_text = [], []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.tags.append((tag, dict(attrs)))
            self.in_text_element = tag in TEXT_ELEMENTS

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head, self.done = False, True
        elif tag in TEXT_ELEMENTS:
            self.in_text_element = False

    def handle_data(self, data):
        if self.in_head and not self.in_text_element and data.strip():
            self.stray_text.append(data.strip())


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model._meta.label)
def test_every_page_model_keeps_its_head_to_head_elements(model, home, client):
    """Text in <head> makes browsers end the head early, so everything after it (feed links,
    styles) lands in <body>; and base.html's canonical link must survive every template."""
    page = home
    if model is not HomePage:
        for parent_model in chain_from_home(model):
            page = factory_for(parent_model)(parent=page)
        page = factory_for(model)(parent=page)
    head = HeadContents()
    head.feed(client.get(page.get_url()).content.decode())
    assert head.stray_text == [], f"text in the <head> of {model.__name__}"
    assert any(
        tag == "link" and attrs.get("rel") == "canonical" for tag, attrs in head.tags
    ), f"no canonical link in the <head> of {model.__name__}"
