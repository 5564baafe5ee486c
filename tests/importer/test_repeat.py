"""Re-running the import: idempotence, updates, editors' changes, dry runs and rollback."""

import datetime as dt

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from events.models import EventPage
from hub.importer.models import ImportRecord
from hub.importer.run import ImportFailed, JekyllImport
from hub.models import PartnerPage, Person
from labs.models import LocalGroupPage

from .jekyll import write

pytestmark = pytest.mark.django_db

UTC = dt.UTC
SOMMARHACK = "_events/2019-07-04-sommarhack.md"


def snapshot():
    """Everything an import writes, counted."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "records": ImportRecord.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "people": Person.objects.count(),
    }


def media_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def edit_source(site_tree, path, old, new):
    file = site_tree / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_second_run_changes_nothing(site_tree):
    first = JekyllImport(site_tree).run()
    before = snapshot()
    second = JekyllImport(site_tree).run()
    assert snapshot() == before  # no new pages, revisions, people, images
    assert second.counts["created"] == second.counts["updated"] == 0
    imported = set(first.paths("created")) | set(first.paths("updated"))
    assert set(second.paths("unchanged")) == imported
    assert second.of("warning") == [] and second.of("corrected time") == []


def test_a_changed_file_updates_its_page_with_a_new_revision(site_tree):
    JekyllImport(site_tree).run()
    event = EventPage.objects.get(title="Sommarhack i Göteborg")
    revisions = Revision.objects.count()
    old_revision, old_sequence = event.latest_revision_id, event.sequence

    edit_source(site_tree, SOMMARHACK, "17:30:00 +01:00", "19:00:00 +02:00")
    edit_source(site_tree, SOMMARHACK, "title: Sommarhack i Göteborg", "title: Sommarhack!")
    report = JekyllImport(site_tree).run()

    assert report.paths("updated") == [SOMMARHACK]
    assert Revision.objects.count() == revisions + 1
    event.refresh_from_db()
    assert event.title == "Sommarhack!"
    assert event.starts_at.astimezone(UTC) == dt.datetime(2019, 7, 4, 17, 0, tzinfo=UTC)
    assert event.latest_revision_id != old_revision and event.live
    assert event.sequence == old_sequence + 1  # calendars see the new time
    record = ImportRecord.objects.get(source_path=SOMMARHACK)
    assert record.revision_id == event.latest_revision_id


def test_events_imported_before_the_date_description_field_are_updated(site_tree, monkeypatch):
    """An import made when event-date-desc went into the body: the next run re-applies the
    events that have one (their hash includes the new mapping) and leaves the rest alone."""
    from hub.importer.civictech import EventMapper

    def old_fingerprint(self, doc):
        group = self.shared.group_doc(doc, report=False)
        return f"{type(self).__name__}:{group.path if group else ''}"

    with monkeypatch.context() as patch:
        patch.setattr(EventMapper, "fingerprint", old_fingerprint)
        JekyllImport(site_tree).run()
    report = JekyllImport(site_tree).run()

    assert sorted(report.paths("updated")) == [
        "_events/2019-02-12-hack-stockholm-en.md",
        "_events/2019-02-12-hack-stockholm.md",
    ]
    assert SOMMARHACK in report.paths("unchanged")
    event = EventPage.objects.get(title="Hackkväll i februari")
    assert event.date_description == "Tisdagar 12, 19 och 26 februari, kl 18–21"
    assert JekyllImport(site_tree).run().counts["updated"] == 0


def test_a_changed_group_moves_the_event(site_tree):
    JekyllImport(site_tree).run()
    uid = EventPage.objects.get(title="Sommarhack i Göteborg").uid
    edit_source(site_tree, SOMMARHACK, "group: _groups/goteborg.md", "group: stockholm")
    edit_source(site_tree, SOMMARHACK, "Sommarens hack.", "Flyttat till Stockholm.")
    JekyllImport(site_tree).run()
    event = EventPage.objects.get(title="Sommarhack i Göteborg")
    assert event.get_parent().title == "Civic Tech Stockholm"
    assert "Flyttat till Stockholm." in str(event.body.raw_data)
    assert event.url_path.startswith(event.get_parent().url_path)
    assert event.uid == uid  # moving never changes the calendar identity


def test_a_changed_image_counts_as_a_change(site_tree):
    JekyllImport(site_tree).run()
    (site_tree / "_uploads" / "event1.png").write_bytes(
        (site_tree / "_uploads" / "person.png").read_bytes()
    )
    report = JekyllImport(site_tree).run()
    assert "_events/2019-02-12-hack-stockholm.md" in report.paths("updated")


def test_pages_changed_by_an_editor_are_kept_unless_forced(site_tree):
    JekyllImport(site_tree).run()
    group = LocalGroupPage.objects.get(title="Civic Tech Göteborg")
    group.introduction = "Skrivet i hubben."
    group.save_revision().publish()
    edited_revision = group.latest_revision_id

    # Source unchanged: nothing to do, the editor's text stays.
    report = JekyllImport(site_tree).run()
    assert "_groups/goteborg.md" in report.paths("unchanged")

    # Source changed: the page is not overwritten, and the report says why.
    edit_source(site_tree, "_groups/goteborg.md", "samlar alla", "samlar alla och envar")
    report = JekyllImport(site_tree).run()
    (skip,) = [e for e in report.of("skipped") if e.path == "_groups/goteborg.md"]
    assert "--force" in skip.message
    group.refresh_from_db()
    assert group.introduction == "Skrivet i hubben."
    assert group.latest_revision_id == edited_revision

    # --force: the source wins, with a new revision (the editor's stays in the history).
    report = JekyllImport(site_tree, force=True).run()
    assert report.paths("updated") == ["_groups/goteborg.md"]
    group.refresh_from_db()
    assert group.introduction == ""
    assert group.latest_revision_id != edited_revision
    assert Revision.objects.filter(pk=edited_revision).exists()
    # After a forced run the page counts as imported again.
    assert JekyllImport(site_tree).run().counts["updated"] == 0


def test_pages_deleted_in_the_hub_are_not_recreated_unless_forced(site_tree):
    JekyllImport(site_tree).run()
    EventPage.objects.get(title="Civic tech-konferensen").delete()
    report = JekyllImport(site_tree).run()
    assert [e.path for e in report.of("skipped") if "deleted" in e.message] == [
        "_events/2020-01-15-konferens.md"
    ]
    assert not EventPage.objects.filter(title="Civic tech-konferensen").exists()
    report = JekyllImport(site_tree, force=True).run()
    assert "_events/2020-01-15-konferens.md" in report.paths("created")
    assert EventPage.objects.filter(title="Civic tech-konferensen", live=True).exists()


def test_dry_run_reports_but_writes_nothing(site_tree, media_root):
    before = snapshot()
    report = JekyllImport(site_tree, dry_run=True).run()
    assert report.counts["created"] > 20  # the report is the real one
    assert report.of("corrected time")
    assert snapshot() == before  # not even the home page
    assert media_files(media_root) == []


def test_dry_run_after_an_import(site_tree, media_root):
    JekyllImport(site_tree).run()
    before, files = snapshot(), media_files(media_root)
    edit_source(site_tree, SOMMARHACK, "Sommarens hack.", "Sommarens stora hack.")
    report = JekyllImport(site_tree, dry_run=True).run()
    assert report.paths("updated") == [SOMMARHACK]
    assert snapshot() == before and media_files(media_root) == files
    # The real run still has the change to make.
    assert JekyllImport(site_tree).run().paths("updated") == [SOMMARHACK]


def test_a_failure_late_in_the_import_leaves_nothing_behind(site_tree, media_root):
    # Posts are imported after groups and events: this one fails when its page is saved.
    write(site_tree, "_posts/2020-12-31-trasig.md", f"---\ntitle: {'x' * 300}\n---\nText\n")
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        JekyllImport(site_tree).run()
    assert "_posts/2020-12-31-trasig.md" in str(failure.value)
    assert "nothing was imported" in str(failure.value)
    assert snapshot() == before
    assert not PartnerPage.objects.exists()
    assert media_files(media_root) == []  # the images it had written are gone too


def test_a_failed_rerun_keeps_the_previous_import(site_tree, media_root):
    JekyllImport(site_tree).run()
    before, files = snapshot(), media_files(media_root)
    edit_source(site_tree, SOMMARHACK, "Sommarens hack.", "Ändrad text.")
    write(site_tree, "_posts/2020-12-31-trasig.md", f"---\ntitle: {'x' * 300}\n---\nText\n")
    with pytest.raises(ImportFailed):
        JekyllImport(site_tree).run()
    assert snapshot() == before and media_files(media_root) == files
    event = EventPage.objects.get(title="Sommarhack i Göteborg")
    assert "Sommarens hack." in str(event.body.raw_data)


def test_unreadable_files_stop_the_import_before_anything_is_written(site_tree):
    write(site_tree, "_events/trasig.md", "---\ntitle: [oavslutad\n---\n")
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        JekyllImport(site_tree).run()
    assert "_events/trasig.md" in str(failure.value)
    assert snapshot() == before


def test_events_without_a_readable_date_are_skipped(site_tree):
    write(site_tree, "_events/utan-datum.md", "---\ntitle: Utan datum\nevent-date: snart\n---\n")
    report = JekyllImport(site_tree).run()
    (skip,) = [e for e in report.of("skipped") if e.path == "_events/utan-datum.md"]
    assert "event-date" in skip.message
    assert not EventPage.objects.filter(title="Utan datum").exists()


def test_a_change_the_translation_inherits_updates_it_too(site_tree):
    JekyllImport(site_tree).run()
    sv_path = "_events/2019-02-12-hack-stockholm.md"
    edit_source(site_tree, sv_path, "place: Stadsbiblioteket,", "place: Kulturhuset,")
    report = JekyllImport(site_tree).run()
    assert sorted(report.paths("updated")) == [
        "_events/2019-02-12-hack-stockholm-en.md", sv_path]
    english = EventPage.objects.get(title="Hack night in February")
    assert english.venue_name == "Kulturhuset"


def test_a_site_with_content_keeps_its_pages_and_gains_the_rest(site_tree, home):
    from labs.models import LocalGroupIndexPage

    index = home.add_child(instance=LocalGroupIndexPage(title="Grupper", slug="grupper"))
    made_by_hand = index.add_child(instance=LocalGroupPage(
        title="Civic Tech Stockholm", slug="sthlm", city="Stockholm", region="AB",
        introduction="Skriven för hand.",
    ))
    made_by_hand.save_revision().publish()
    home.introduction = "Hubbens egen text."
    home.save_revision().publish()

    report = JekyllImport(site_tree).run()
    skipped = {e.path: e.message for e in report.of("skipped")}
    assert "already exists in the hub" in skipped["_groups/stockholm.md"]
    assert "already exists in the hub" in skipped["index.md"]
    # No second Stockholm group and no second group index; the events go under the old page.
    assert LocalGroupPage.objects.filter(locale__language_code="sv").count() == 2
    assert LocalGroupIndexPage.objects.filter(locale__language_code="sv").count() == 1
    event = EventPage.objects.get(title="Kommande hackkväll")
    assert event.get_parent().pk == made_by_hand.pk
    made_by_hand.refresh_from_db()
    home.refresh_from_db()
    assert made_by_hand.introduction == "Skriven för hand."
    assert home.introduction == "Hubbens egen text."

    # --force fills the existing pages from the files; from then on they are imported pages.
    report = JekyllImport(site_tree, force=True).run()
    assert {"_groups/stockholm.md", "index.md"} <= set(report.paths("updated"))
    made_by_hand.refresh_from_db()
    assert made_by_hand.introduction.startswith("Vi träffas varje månad")
    assert ImportRecord.objects.get(source_path="_groups/stockholm.md").page_id == made_by_hand.pk
    assert JekyllImport(site_tree).run().counts["updated"] == 0


def test_events_sharing_a_title_are_different_events(site_tree):
    for day in ("2019-10-01", "2019-11-05"):
        write(site_tree, f"_events/{day}-manadstraff.md",
              f"---\ntitle: Månadsträff\ngroup: stockholm\nevent-date: {day} 18:00\n---\nHej\n")
    JekyllImport(site_tree).run()
    events = EventPage.objects.filter(title="Månadsträff").order_by("start_date")
    assert [event.start_date.isoformat() for event in events] == ["2019-10-01", "2019-11-05"]
    assert len({event.slug for event in events}) == 2
