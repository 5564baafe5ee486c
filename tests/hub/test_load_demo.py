"""`manage.py load_demo`: demo content in both languages, idempotent, with an admin login."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from hub.management.commands import load_demo
from hub.models import NewsPage, PartnerPage, Person, SiteSettings, StandardPage


@pytest.fixture
def hub_only(monkeypatch):
    """Only the hub's own loader (the other apps' loaders have their own tests)."""
    monkeypatch.setattr(load_demo, "LOADERS", ["hub.demo.site"])


@pytest.fixture
def no_loaders(monkeypatch):
    monkeypatch.setattr(load_demo, "LOADERS", [])


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".demo-admin-password"
    monkeypatch.setattr(load_demo, "PASSWORD_FILE", path)
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    return path


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "users": get_user_model().objects.count(),
        "live": Page.objects.live().count(),
    }


def run():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_is_idempotent(db, password_file):
    """Every app's loader (the full LOADERS list): a second run changes nothing."""
    first = run()
    after_first = counts()
    second = run()
    assert counts() == after_first, "a second run must not create pages or revisions"
    assert "created" in first
    summaries = [line.strip() for line in second.splitlines() if line.strip().startswith("->")]
    assert len(summaries) == len(load_demo.LOADERS)
    for summary in summaries:
        assert summary.startswith("-> 0 created, 0 updated"), second
    # Projects carry dated results (DateBlocks): stored as ISO strings, loaded as dates.
    assert "updated project" not in second


def test_apply_fields_compares_date_blocks_by_content(db):
    """A stream read back from the database (raw JSON: ISO dates, struct fields left out)
    equals the same content given as native values; a moved date is a change."""
    import datetime as dt

    from hub.demo import apply_fields
    from projects.factories import ProjectPageFactory, sample_results
    from projects.models import ProjectPage

    day = dt.date(2025, 3, 1)
    stored = ProjectPage.objects.get(pk=ProjectPageFactory(results=sample_results(day)).pk)
    assert not apply_fields(stored, {"results": sample_results(day)})
    assert apply_fields(stored, {"results": sample_results(day + dt.timedelta(days=1))})
    assert stored.results[0].value["date"] == day - dt.timedelta(days=29)


def test_load_demo_content(db, password_file, hub_only):
    run()
    for slug in ("om", "tillganglighet"):
        sv = StandardPage.objects.get(slug=slug, locale__language_code="sv")
        assert sv.live
        en = sv.get_translation_or_none(sv.locale.__class__.objects.get(language_code="en"))
        assert en is not None and en.live
    assert NewsPage.objects.filter(locale__language_code="sv").count() >= 3
    partners = set(
        PartnerPage.objects.filter(locale__language_code="sv").values_list("title", flat=True)
    )
    assert {
        "Digidem Lab", "RISE", "Coompanion Sverige", "Vinnova", "Mötesplats Social Innovation",
        "Bron Innovation", "Code for All", "Centrum för Tjänsteforskning",
    } <= partners
    assert PartnerPage.objects.get(slug="digidem-lab", locale__language_code="sv").kind == (
        PartnerPage.Kind.COORDINATOR
    )
    assert PartnerPage.objects.get(slug="vinnova", locale__language_code="sv").kind == (
        PartnerPage.Kind.FUNDER
    )
    site_settings = SiteSettings.objects.get()
    assert site_settings.accessibility_page.slug == "tillganglighet"
    assert site_settings.footer_text_en


def test_load_demo_repairs_edited_content(db, password_file, hub_only):
    run()
    about = StandardPage.objects.get(slug="om")
    about.introduction = "Ändrad"
    about.save_revision().publish()
    output = run()
    about.refresh_from_db()
    assert about.introduction != "Ändrad"
    assert "updated standard page: Om nätverket [sv]" in output


def test_admin_password_is_generated_once_and_stored(db, password_file, no_loaders, client):
    output = run()
    password = password_file.read_text().strip()
    assert len(password) >= 12
    assert f"Password: {password}" in output
    assert "http://testserver/admin/" in output
    assert "User:     admin" in output
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"
    assert client.login(username="admin", password=password)
    # The second run reuses the stored password.
    assert f"Password: {password}" in run()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff


def test_admin_password_from_environment(db, password_file, no_loaders, monkeypatch, client):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "correct-horse-battery")
    output = run()
    assert "Password: correct-horse-battery" in output
    assert not password_file.exists()
    assert client.login(username="admin", password="correct-horse-battery")
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "another-staple-42")
    run()
    assert client.login(username="admin", password="another-staple-42")


def test_existing_admin_keeps_its_password(db, password_file, no_loaders):
    get_user_model().objects.create_superuser("admin", "a@example.org", "chosen-by-me-1")
    output = run()
    assert "unchanged" in output
    assert get_user_model().objects.get(username="admin").check_password("chosen-by-me-1")


def test_loaders_run_in_one_transaction(db, password_file, monkeypatch):
    monkeypatch.setattr(load_demo, "LOADERS", ["hub.demo.site", "tests.hub.failing_loader"])
    with pytest.raises(RuntimeError):
        run()
    assert not StandardPage.objects.filter(slug="om").exists()
