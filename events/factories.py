"""Factories for events, talks, the calendar and the talks index (wagtail-factories).

Called without `parent`, an event lands on the Swedish calendar page (created if missing).
Dates default to a week from today at 18:00 Stockholm time, two hours long.

    EventPageFactory(title="Öppen data-träff", start_date=date(2026, 3, 24),
                     start_time=time(18), tags=["öppna data"])
    EventPageFactory(date_description="Varannan tisdag under våren", ...)
    EventPageFactory(all_day=True, start_date=d, end_date=d + timedelta(days=2))
    EventPageFactory(repeat_frequency="MONTHLY", repeat_monthly_by="weekday",
                     repeat_count=6, exception_dates=[d2])
    EventPageFactory(repeat_frequency="WEEKLY", repeat_count=8, occurrence_overrides=[
        {"original_date": d3, "cancelled": True, "note": "Lokalen är stängd."}])
    TalkPageFactory(parent=talk_index, speakers=[person], recording_url="https://...")

Pages are created live, as `add_child` does; call `.save_revision().publish()` on the result
when a test needs Wagtail's publishing path (SEQUENCE, signals).
"""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from events.localtime import local_today
from events.models import (
    CalendarPage,
    EventExceptionDate,
    EventOccurrenceOverride,
    EventPage,
    TalkIndexPage,
    TalkPage,
    TalkSpeaker,
)
from hub.factories import default_home, sample_body


def default_calendar():
    """The Swedish calendar page below the Swedish home page, created if missing."""
    home = default_home()
    return CalendarPage.objects.child_of(home).first() or CalendarPageFactory(parent=home)


def default_talk_index():
    home = default_home()
    return TalkIndexPage.objects.child_of(home).first() or TalkIndexPageFactory(parent=home)


class CalendarPageFactory(wagtail_factories.PageFactory):
    title = "Kalender"
    slug = "kalender"
    introduction = "Alla träffar, labb och föreläsningar i nätverket."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = CalendarPage


class TalkIndexPageFactory(wagtail_factories.PageFactory):
    title = "Expertföreläsningar"
    slug = "foredrag"
    introduction = "Korta föreläsningar av människor som vet, med inspelningar och bilder."
    parent = factory.LazyFunction(default_home)

    class Meta:
        model = TalkIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Civic tech-träff {n}")
    slug = factory.Sequence(lambda n: f"trff-{n}")
    parent = factory.LazyFunction(default_calendar)
    introduction = "Vi ses och pratar om öppna data, digital demokrati och nya projekt."
    start_date = factory.LazyFunction(lambda: local_today() + dt.timedelta(days=7))
    start_time = dt.time(18, 0)
    date_description = ""
    venue_name = "Stadsbiblioteket"
    address = "Götaplatsen 3\n412 56 Göteborg"
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    class Params:
        with_body = factory.Trait(body=factory.LazyFunction(sample_body))

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if extracted:
            obj.tags.add(*extracted)
            if create:
                obj.save()

    @factory.post_generation
    def exception_dates(obj, create, extracted, **kwargs):
        if not extracted:
            return
        if not create:
            for day in extracted:
                obj.exception_dates.add(EventExceptionDate(date=day))
            return
        EventExceptionDate.objects.bulk_create(
            EventExceptionDate(event=obj, date=day) for day in extracted
        )
        # Part of the initial state: record it as published without raising SEQUENCE.
        obj.schedule_fingerprint = obj._schedule_fingerprint()
        EventPage.objects.filter(pk=obj.pk).update(schedule_fingerprint=obj.schedule_fingerprint)

    @factory.post_generation
    def occurrence_overrides(obj, create, extracted, **kwargs):
        """Changed sessions, as dicts of `EventOccurrenceOverride` fields."""
        if not extracted:
            return
        for values in extracted:
            obj.occurrence_overrides.add(EventOccurrenceOverride(**values))
        if create:
            # Saved with the page, which widens its stored bounds to moved sessions.
            obj.save()


class TalkPageFactory(EventPageFactory):
    title = factory.Sequence(lambda n: f"Föreläsning {n}: öppna data i kommunen")
    slug = factory.Sequence(lambda n: f"forelasning-{n}")
    parent = factory.LazyFunction(default_talk_index)
    venue_name = ""
    address = ""
    online_url = "https://meet.example.org/civictech"

    class Meta:
        model = TalkPage
        skip_postgeneration_save = True

    @factory.post_generation
    def speakers(obj, create, extracted, **kwargs):
        if extracted:
            for order, person in enumerate(extracted):
                TalkSpeaker.objects.create(page=obj, person=person, sort_order=order)
