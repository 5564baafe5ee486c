"""The suggestion form's error state through HTTP: every message once, the summary first
and linked to the fields, the page title saying so, and what was typed kept.

The browser side (focus, keyboard, styles, axe) is in tests/browser/test_suggest_form.py.
"""

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.urls import get_resolver
from django.utils import translation

from events.localtime import local_today
from events.models import EventPage
from events.suggestions import SuggestEventForm
from tests.community.test_suggestions import EN_URL, SV_URL, suggestion

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def later(days):
    return (local_today() + dt.timedelta(days=days)).isoformat()


#: Bad inputs, alone and together: each should produce its messages once.
BAD_INPUTS = {
    "nothing filled in": dict.fromkeys(suggestion(), ""),
    "not a link": {"online_url": "inte en länk", "venue_name": ""},
    "javascript link": {"online_url": "javascript:alert(1)", "venue_name": ""},
    "ftp link": {"online_url": "ftp://example.org/x", "venue_name": ""},
    "scheme only": {"online_url": "https://", "venue_name": ""},
    "space in host": {"online_url": "https://exa mple.org", "venue_name": ""},
    "long link": {"online_url": "https://example.org/" + "a" * 600},
    "title of tags": {"title": "<b></b>"},
    "long title": {"title": "x" * 121},
    "description of tags": {"description": "<p> </p>"},
    "long description": {"description": "y" * 1001},
    "impossible date": {"start_date": "2025-13-45"},
    "words for a date": {"start_date": "i morgon"},
    "past date": {"start_date": "2001-01-01"},
    "far future": {"start_date": later(3 * 366)},
    "impossible time": {"start_time": "25:99"},
    "words for a time": {"start_time": "kvällen"},
    "last day without an end": {"end_date": later(11)},
    "last day before the first": {"end_date": later(5), "end_time": "10:00"},
    "ends before it starts": {"end_time": "17:00"},
    "bad email": {"submitter_email": "not-an-address"},
    "long email": {"submitter_email": "x" * 250 + "@example.org"},
    "name of tags": {"submitter_name": "<i></i>"},
    "unknown organiser": {"organiser": "999999"},
    "organiser not a number": {"organiser": "abc"},
    "long date in words": {"date_description": "x" * 201},
    "everything wrong at once": {
        "title": "x" * 121,
        "description": "",
        "organiser": "abc",
        "start_date": "2025-13-45",
        "start_time": "25:99",
        "end_date": "nej",
        "end_time": "nej",
        "date_description": "x" * 201,
        "venue_name": "x" * 201,
        "online_url": "javascript:alert(1)",
        "submitter_name": "",
        "submitter_email": "sara@",
    },
}


@pytest.mark.parametrize("bad", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_each_error_is_reported_once_beside_its_field_and_once_in_the_summary(
    client, calendar, bad
):
    response = client.post(SV_URL, suggestion(**bad))
    assert response.status_code == 400
    assert not EventPage.objects.exists()
    form = response.context["form"]
    assert form.errors
    for name, messages in form.errors.items():
        assert len(messages) == len(set(messages)), (name, messages)

    page = soup_of(response)
    summary = page.select_one("#error-summary")
    listed = [item.get_text(" ", strip=True) for item in summary.select("li")]
    assert len(listed) == len(set(listed)), listed
    expected = list(form.non_field_errors())
    for name in form.fields:
        for message in form[name].errors:
            expected.append(f"{form[name].label}: {message}")
    assert listed == expected
    for name, messages in form.errors.items():
        if name == "__all__":
            continue
        beside = page.select(f"#id_{name}_error")
        assert len(beside) == 1
        assert beside[0].get_text(strip=True) == " ".join(messages)


def test_a_bad_link_says_so_once(client, calendar):
    with translation.override("sv"):
        response = client.post(SV_URL, suggestion(online_url="inte en länk"))
    assert response.context["form"].errors["online_url"] == ["Ange en giltig URL."]
    assert response.content.decode().count("Ange en giltig URL.") == 2  # summary + field


def test_no_public_form_runs_two_validators_of_one_kind_on_a_field():
    """The doubled link message came from a second URLValidator next to URLField's own:
    no form of the site's apps may stack two validators of the same kind on one field."""
    assert get_resolver().url_patterns  # imports every view, and so every form they use
    for module in ("events.forms", "events.suggestions", "hub.forms"):
        importlib.import_module(module)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [
        form
        for form in subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in {"hub", "labs", "events", "projects"}
    ]
    assert SuggestEventForm in ours
    for form in ours:
        for name, field in getattr(form, "base_fields", {}).items():
            kinds = [type(validator) for validator in field.validators]
            assert len(kinds) == len(set(kinds)), f"{form.__name__}.{name}: {field.validators}"


def test_the_summary_comes_first_and_links_to_each_field(client, calendar):
    response = client.post(
        SV_URL, suggestion(title="", start_time="25:99", submitter_email="nej")
    )
    page = soup_of(response)
    main = page.select_one("main")
    first = main.find(lambda tag: tag.name in {"h1", "h2", "form", "div"} and tag.get("id"))
    assert first["id"] == "error-summary"
    summary = page.select_one("#error-summary")
    assert summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    assert summary.select_one("h2")["id"] == summary["aria-labelledby"]
    # Before the page's heading and the form.
    order = [tag for tag in main.find_all(True) if tag.name in {"h1", "form"} or tag is summary]
    assert order[0] is summary

    targets = [link["href"] for link in summary.select("a")]
    assert targets == ["#id_title", "#id_start_time", "#id_submitter_email"]
    form = page.select_one("form.suggest-event__form")
    for target in targets:
        control = form.select_one(target)
        assert control.name in {"input", "select", "textarea"}
        assert control["aria-invalid"] == "true"
        assert f"{control['id']}_error" in control["aria-describedby"].split()


def test_the_summary_lists_fields_in_the_order_of_the_page(client, calendar):
    everything = BAD_INPUTS["everything wrong at once"]
    page = soup_of(client.post(SV_URL, suggestion(**everything)))
    listed = [link["href"][1:] for link in page.select("#error-summary a")]
    on_page = [
        control["id"]
        for control in page.select("form.suggest-event__form :is(input, select, textarea)")
        if control.get("id") in listed
    ]
    assert listed == list(dict.fromkeys(on_page))
    assert len(listed) >= 10


@pytest.mark.parametrize(("url", "language"), [(SV_URL, "sv"), (EN_URL, "en")])
def test_the_title_starts_with_error_after_a_failed_submit(
    client, calendar, calendar_en, url, language
):
    with translation.override(language):
        prefix = translation.gettext("Error: %(title)s") % {"title": ""}
        title = translation.gettext("Suggest an event")
    # The Swedish "Fel: " arrives with the integrator's merge of the translations.
    assert prefix.endswith(": ") and len(prefix) > 2
    fresh = soup_of(client.get(url))
    assert fresh.title.string.startswith(title)
    assert fresh.select_one("#error-summary") is None
    assert not fresh.select("script[src*='error-summary']")

    failed = soup_of(client.post(url, suggestion(title="")))
    assert failed.title.string.startswith(prefix + title)
    # The script that focuses the summary is a static file (the CSP allows no inline one).
    scripts = failed.select("script")
    assert [s.get("src", "").rsplit("/", 1)[-1] for s in scripts] == ["error-summary.js"]
    assert all(not s.string for s in scripts)


@pytest.mark.parametrize("url", [SV_URL, SV_URL + "?organiser=12", EN_URL])
def test_the_form_posts_to_its_path_without_a_fragment(client, calendar, calendar_en, url):
    """No action attribute means "this document's address", fragment included: after an
    error link (#id_title) the next failed submit jumped to that field past the summary."""
    path = url.split("?")[0]
    for response in (client.get(url), client.post(path, suggestion(title=""))):
        action = soup_of(response).select_one("form.suggest-event__form")["action"]
        assert action == path


def test_every_public_form_names_its_action_without_a_fragment():
    """The class of the stale-fragment bug: a form without an action goes to the current
    address, fragment and all (a GET form keeps it too), so every public template's form
    names its action, and no action carries a field's fragment. A fragment naming a fixed
    section is deliberate (the calendar builder lands on the subscribe box it filled in)."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    found = {}
    for template in templates.rglob("*.html"):
        if "wagtailadmin" in template.parts:
            continue
        for tag in re.findall(r"<form\b[^>]*>", template.read_text(), flags=re.DOTALL):
            found[f"{template.relative_to(templates)}: {tag}"] = re.search(
                r'\saction="([^"]*)"', tag
            )
    assert any("suggest_event.html" in key for key in found)
    for where, action in found.items():
        assert action and action.group(1), f"no action: {where}"
        fragment = action.group(1).partition("#")[2]
        assert not fragment.startswith("id_"), f"a field's fragment in the action: {where}"
        assert "{" not in fragment, f"a computed fragment in the action: {where}"


def test_what_was_typed_is_kept_after_a_failed_submit(client, calendar, group_a):
    typed = suggestion(
        title="Hackkväll",
        organiser=str(group_a.pk),
        end_date=later(11),
        end_time="",
        date_description="Två kvällar",
        online_url="https://meet.example.org/x",
        description="Vi bygger.\n\nAlla välkomna.",
    )
    response = client.post(SV_URL, typed)
    assert list(response.context["form"].errors) == ["end_time"]
    form = soup_of(response).select_one("form.suggest-event__form")
    for name, value in typed.items():
        control = form.select_one(f"[name={name}]")
        if control.name == "textarea":
            assert control.get_text().strip("\n") == value.replace("\n", "\r\n") or (
                control.get_text().strip("\n") == value
            )
        elif control.name == "select":
            assert control.select_one("option[selected]")["value"] == value
        else:
            assert control.get("value", "") == value, name


#: Queries of the form page, blank and after a failed submit (which also reads the
#: sender's rate-limit count). Measured, and the same for 10 or 200 organisers.
MAX_QUERIES = {"blank": 10, "with errors": 11}


def test_the_form_and_its_errors_cost_the_same_queries_for_10_or_200_groups(
    client, calendar, group_index, lab_index, django_assert_max_num_queries
):
    """The organiser list is one query per kind of organiser (groups, labs), whatever their
    number; the error state adds none."""
    from labs.factories import LabPageFactory, LocalGroupPageFactory

    def counts():
        measured = []
        for state, request in (
            ("blank", lambda: client.get(SV_URL)),
            ("with errors", lambda: client.post(SV_URL, suggestion(online_url="nej"))),
        ):
            request()  # warm what a running process keeps
            with django_assert_max_num_queries(MAX_QUERIES[state], info=state) as run:
                response = request()
            assert response.status_code == {"blank": 200, "with errors": 400}[state]
            measured.append(len(run))
        return measured

    def add_organisers(total):
        while LocalGroupPageFactory._meta.model.objects.count() < total // 2:
            LocalGroupPageFactory(parent=group_index)
        while LabPageFactory._meta.model.objects.count() < total - total // 2:
            LabPageFactory(parent=lab_index)

    add_organisers(10)
    small = counts()
    add_organisers(200)
    large = counts()
    assert small == large
    html = client.get(SV_URL).content.decode()
    assert html.count("<option") == 201  # 200 organisers and "none of these"
