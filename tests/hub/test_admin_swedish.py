"""The admin speaks Swedish throughout, Wagtail 8's new strings included.

Wagtail's Swedish catalogues lack the strings Wagtail 7 and 8 added (autosave, the
explorer's header and counts, the readability score); locale_overrides/ supplies them.
"""

import ast
import json
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.users.models import UserProfile

from events.factories import EventPageFactory
from labs.factories import LocalGroupPageFactory
from projects.factories import ProjectIndexPageFactory, ProjectPageFactory, ShowcasePageFactory

#: English that volunteers met in the Swedish admin before the overrides.
ENGLISH = [
    "Autosave is paused",
    "There are validation errors, click save to highlight them.",
    "Exploring",
    "Date updated",
    "Side panels",
    "Minimap",
]
#: The same, as whole words (they are short enough to occur inside other words).
ENGLISH_WORDS = ["Saved", "Good", "Fair", "Complex", "Refresh"]

#: The Wagtail apps whose admin screens the project uses.
WAGTAIL_APPS = [
    "admin", "", "snippets", "documents", "images", "users", "contrib/simple_translation",
    "contrib/settings", "contrib/forms", "contrib/redirects", "contrib/search_promotions",
    "search", "sites", "embeds", "locales",
]
WAGTAIL_DIR = Path(wagtail.__file__).parent
OVERRIDES = settings.BASE_DIR / "locale_overrides" / "sv" / "LC_MESSAGES"


def english_in(html):
    """The strings of ENGLISH and ENGLISH_WORDS found in a page."""
    found = [text for text in ENGLISH if text in html]
    found += [word for word in ENGLISH_WORDS if re.search(rf"\b{word}\b", html)]
    return found


@pytest.fixture
def swedish_admin(client, admin_user):
    UserProfile.get_for_user(admin_user).__class__.objects.filter(user=admin_user).update(
        preferred_language="sv"
    )
    client.force_login(admin_user)
    return client


@pytest.fixture
def content(home):
    group = LocalGroupPageFactory()
    event = EventPageFactory(parent=group, title="Hackkväll")
    index = ProjectIndexPageFactory(parent=home)
    project = ProjectPageFactory(parent=index, title="Alfa")
    showcase = ShowcasePageFactory(parent=index, title="Urval", projects=[project])
    return {"group": group, "event": event, "index": index, "showcase": showcase}


def page_urls(content):
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer at the root": reverse("wagtailadmin_explore_root"),
        "explorer at a group": reverse("wagtailadmin_explore", args=[content["group"].pk]),
        "event editor": reverse("wagtailadmin_pages:edit", args=[content["event"].pk]),
        "new event": reverse(
            "wagtailadmin_pages:add", args=["events", "eventpage", content["group"].pk]
        ),
        "showcase editor": reverse("wagtailadmin_pages:edit", args=[content["showcase"].pk]),
        "new showcase": reverse(
            "wagtailadmin_pages:add", args=["projects", "showcasepage", content["index"].pk]
        ),
    }


def test_admin_screens_have_no_english_left(swedish_admin, content):
    for name, url in page_urls(content).items():
        response = swedish_admin.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="sv"' in html, name
        assert english_in(html) == [], name
        # Wagtail writes this screen-reader label without gettext; templates/ overrides it.
        assert 'aria-label="Actions"' not in html, name


def test_the_explorer_header_and_count_are_swedish(swedish_admin, content):
    html = swedish_admin.get(reverse("wagtailadmin_explore", args=[content["group"].pk])).text
    assert "Utforskar: Civic Tech Göteborg" in html
    # The count reads naturally in Swedish: "1–1 av 1 sidor" would do; the pattern matters.
    # Wagtail names the children by their type when they are all one type ("evenemang").
    assert re.search(r"1–1 av 1 (sid|evenemang)", html)
    assert "Senast ändrad" in html
    assert 'aria-label="Åtgärder"' in html  # the header's landmark (see templates/)


def test_autosave_error_message_is_swedish(swedish_admin, content):
    """The message autosave shows when the form does not validate (a JSON answer)."""
    url = reverse("wagtailadmin_pages:add", args=["projects", "showcasepage", content["index"].pk])
    response = swedish_admin.post(url, {"title": ""}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    message = response.json()["error_message"]
    assert message == "Några fält behöver rättas. Klicka på Spara så markeras de."


def js_catalog(client):
    """The admin's JavaScript catalogue, as the dict its JavaScript reads."""
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    source = response.content.decode()
    catalog = re.search(r"const newcatalog = (\{.*?\});\n", source, re.S).group(1)
    return json.loads(catalog)


def test_the_admin_javascript_catalogue_has_swedish_for_the_new_strings(swedish_admin, home):
    catalog = js_catalog(swedish_admin)
    assert catalog["Good"] == "Bra"
    assert catalog["Fair"] == "Godtagbar"
    assert catalog["Complex"] == "Svår"
    assert catalog["Autosave in progress…"] == "Sparar automatiskt…"
    assert catalog["Changes have been autosaved."] == "Ändringarna har sparats automatiskt."
    # Plural forms come as a list, one per Swedish form.
    assert catalog["%(num)s min"] == ["%(num)s min", "%(num)s min"]
    # Wagtail's own Swedish is still there underneath.
    assert catalog["Close"] == "Stäng"


def test_overrides_win_over_wagtails_own_swedish_and_project_strings_still_work():
    with translation.override("sv"):
        assert gettext("Snippets") == "Innehållsdelar"  # Wagtail says "Snuttar"
        assert gettext("Exploring") == "Utforskar"
        assert gettext("Publish") == "Publicera"  # from Wagtail's catalogue
        assert gettext("English") == "Engelska"  # from the project's locale/
        assert ngettext(
            "%(num_parent_objects)d page has been deleted",
            "%(num_parent_objects)d pages have been deleted",
            1,
        ) == "%(num_parent_objects)d sida har raderats"
        assert ngettext(
            "%(num_parent_objects)d page has been deleted",
            "%(num_parent_objects)d pages have been deleted",
            3,
        ) == "%(num_parent_objects)d sidor har raderats"
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "locale_overrides"


# --- Completeness: a Wagtail upgrade that adds admin strings makes this fail ------------


def po_entries(path):
    """{msgid: entry} of a PO file, each entry a dict of its keywords; obsolete entries
    are skipped. A msgid with a context is keyed "context\x04msgid", as gettext does."""
    entries, current, key = {}, {}, None

    def finish():
        if current.get("msgid"):
            context = current.get("msgctxt")
            entries[f"{context}\x04{current['msgid']}" if context else current["msgid"]] = current

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
            finish()
            current = {}
        current[key] = ast.literal_eval(value)
    finish()
    return entries


def translated(entries):
    """The msgids of `entries` that have every form translated."""
    return {
        msgid for msgid, entry in entries.items()
        if all(value for k, value in entry.items() if k.startswith("msgstr"))
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_swedish(domain):
    ours = translated(po_entries(OVERRIDES / f"{domain}.po"))
    missing = {}
    for app in WAGTAIL_APPS:
        locale = WAGTAIL_DIR / app / "locale" if app else WAGTAIL_DIR / "locale"
        english = locale / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not english.exists():
            continue
        swedish = translated(po_entries(locale / "sv" / "LC_MESSAGES" / f"{domain}.po"))
        lacking = set(po_entries(english)) - swedish - ours
        if lacking:
            missing[app or "wagtail"] = sorted(lacking)
    assert missing == {}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogues_match_their_sources(domain):
    """The committed .mo holds exactly what the .po says (`make run` needs no msgfmt)."""
    import gettext as gnu

    with open(OVERRIDES / f"{domain}.mo", "rb") as handle:
        compiled = gnu.GNUTranslations(handle)
    for msgid, entry in po_entries(OVERRIDES / f"{domain}.po").items():
        if "msgid_plural" in entry:
            assert compiled.ngettext(msgid, entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert compiled.ngettext(msgid, entry["msgid_plural"], 2) == entry["msgstr[1]"]
        else:
            assert compiled.gettext(msgid) == entry["msgstr"], msgid


def test_snippets_are_innehallsdelar_not_snuttar():
    """Every Wagtail entry that says "snuttar" is overridden with a word volunteers know."""
    ours = po_entries(OVERRIDES / "django.po")
    for app in WAGTAIL_APPS:
        locale = WAGTAIL_DIR / app / "locale" if app else WAGTAIL_DIR / "locale"
        swedish = locale / "sv" / "LC_MESSAGES" / "django.po"
        if not swedish.exists():
            continue
        for msgid, entry in po_entries(swedish).items():
            if "snutt" in str(entry).lower():
                assert msgid in ours, msgid
    assert all("snutt" not in str(entry).lower() for entry in ours.values())
