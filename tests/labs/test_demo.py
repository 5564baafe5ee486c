"""The community demo loader: what it creates, and that running it again changes nothing."""

import datetime as dt
import io

from django.test import TestCase
from icalendar import Calendar
from wagtail.models import Page, Revision

from events.localtime import to_local
from events.models import CalendarPage, EventPage, EventStatus, TalkIndexPage, TalkPage
from hub.demo import community, site
from hub.models import Person
from labs.models import LabIndexPage, LabPage, LocalGroupIndexPage, LocalGroupPage


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "people": Person.objects.count(),
        "latest": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id")),
    }


class TestCommunityDemo(TestCase):
    """The hub's demo (partners) and the community demo, loaded once for the class."""

    @classmethod
    def setUpTestData(cls):
        out = io.StringIO()
        site.load(out)
        community.load(out)

    def test_running_twice_changes_nothing(self):
        before = snapshot()
        out = io.StringIO()
        community.load(out)
        assert snapshot() == before
        assert " 0 created, 0 updated" in out.getvalue()

    def test_groups_labs_and_indexes_in_both_languages(self):
        for model, count in [
            (LocalGroupIndexPage, 1),
            (LabIndexPage, 1),
            (CalendarPage, 1),
            (TalkIndexPage, 1),
            (LocalGroupPage, 4),
            (LabPage, 2),
        ]:
            for language in ("sv", "en"):
                assert model.objects.live().filter(locale__language_code=language).count() == count
        cities = set(LocalGroupPage.objects.values_list("city", flat=True))
        assert {"Göteborg", "Stockholm", "Uppsala"} <= cities and len(cities) == 4
        for group in LocalGroupPage.objects.all():
            assert group.has_coordinates
            assert group.organisers.exists()
        scopes = set(LabPage.objects.values_list("scope", flat=True))
        assert scopes == {LabPage.Scope.NATIONAL, LabPage.Scope.REGIONAL}
        for lab in LabPage.objects.filter(locale__language_code="sv"):
            assert lab.host_partners.exists()
            assert EventPage.objects.child_of(lab).live().count() >= 2

    def test_three_expert_talks_with_speakers(self):
        index = TalkIndexPage.objects.get(locale__language_code="sv")
        talks = TalkPage.objects.child_of(index).live()
        assert talks.count() == 3
        assert all(talk.speakers.exists() for talk in talks)

    def test_events_exercise_the_calendar(self):
        events = EventPage.objects.live().filter(locale__language_code="sv")
        monthly = events.get(repeat_frequency="MONTHLY")
        assert monthly.exception_dates.count() == 1
        assert "BYDAY=2TU" in monthly.rrule
        assert events.filter(status=EventStatus.CANCELLED).exists()
        assert events.filter(status=EventStatus.POSTPONED).exists()
        all_day = events.get(all_day=True)
        assert all_day.end_date > all_day.start_date
        assert any(e.is_online_only for e in events)
        weekly = events.get(repeat_frequency="WEEKLY")
        offsets = {o.local_start.utcoffset() for o in weekly.occurrences()}
        assert len(offsets) == 2  # the weekly series crosses a change

    def test_events_on_both_sides_of_both_clock_changes(self):
        events = list(EventPage.objects.live().filter(locale__language_code="sv", rrule=""))
        anchor = community._anchor(CalendarPage.objects.get(locale__language_code="sv"))
        week = dt.timedelta(days=7)
        for month in (3, 10):
            change = community.next_clock_change(anchor, month)
            before = [e for e in events if change - week <= e.start_date < change]
            after = [e for e in events if change <= e.start_date <= change + week]
            assert before and after, (month, change)
            offsets = {to_local(e.starts_at).utcoffset() for e in before + after}
            assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
        # A hack night that runs through the autumn change, into the repeated hour and beyond.
        autumn = community.next_clock_change(anchor, 10)
        night = next(e for e in events if e.start_date < autumn == e.end_date)
        assert night.ends_at - night.starts_at == dt.timedelta(hours=6, minutes=30)

    def test_english_translations_share_the_tree(self):
        group = LocalGroupPage.objects.get(slug="gothenburg")
        assert group.title == "Civic Tech Gothenburg"
        response = self.client.get(group.url)
        assert response.status_code == 200
        assert "Monthly meetup in Gothenburg" in response.content.decode()
        feed = Calendar.from_ical(self.client.get(group.url + "calendar.ics").content)
        summaries = {str(e["SUMMARY"]) for e in feed.walk("VEVENT")}
        assert "Monthly meetup in Gothenburg" in summaries
        assert not any("Stockholm" in s for s in summaries)
