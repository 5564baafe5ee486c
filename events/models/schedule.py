"""When an event happens: what editors enter, what is derived from it, and occurrences.

Editors enter Stockholm wall-clock dates and times (or "all day") and a series as a form
(`events.recurrence.Recurrence`). On save `normalise_schedule()` fills the defaults and
derives the stored instants (`starts_at`, `ends_at`, `series_ends_at`) and the RRULE that
listings and feeds use. `occurrences()` expands a series the way calendar clients do.
"""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.fields import WeekdaysField
from events.localtime import UTC, combine, exists, localize, start_of_day, to_local
from events.recurrence import MAX_INTERVAL, MAX_OCCURRENCES, Frequency, MonthlyBy, Recurrence

from .querysets import Occurrence

DEFAULT_DURATION = dt.timedelta(hours=2)
DEFAULT_START_TIME = dt.time(18, 0)


class EventSchedule(models.Model):
    """The schedule of an event: its fields and logic (abstract; EventPage inherits it).

    Exception dates are `EventPage.exception_dates` (an inline of `EventExceptionDate`),
    changed sessions `EventPage.occurrence_overrides` (`events.models.overrides`).
    """

    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("For conferences and hack days: the times are then ignored."),
    )
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        default=DEFAULT_START_TIME,
        help_text=_("Stockholm time."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the event ends on the day it starts."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Stockholm time. Leave empty for two hours after the start."),
    )
    date_description = models.CharField(
        _("date description"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional, e.g. “Every other Tuesday during spring”. Shown next to the date; "
            "the start and end above still decide when the event is in calendars."
        ),
    )
    repeat_frequency = models.CharField(
        _("repeats"), max_length=8, choices=Frequency.choices, default="", blank=True
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL)],
        help_text=_("1 = every day, week, month or year; 2 = every other; and so on."),
    )
    repeat_weekdays = WeekdaysField(
        _("on these weekdays"),
        help_text=_("Weekly series only. Leave empty to repeat on the first date's weekday."),
    )
    repeat_monthly_by = models.CharField(
        _("a monthly series repeats"),
        max_length=8,
        choices=MonthlyBy.choices,
        default=MonthlyBy.DATE,
        help_text=_("Monthly series only."),
    )
    repeat_until = models.DateField(
        _("last date"), null=True, blank=True, help_text=_("The series ends on this date.")
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("or number of times"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OCCURRENCES)],
        help_text=_("Instead of a last date: how many times it happens."),
    )

    # Derived on save; never edited.
    rrule = models.CharField(_("recurrence rule"), max_length=300, blank=True, editable=False)
    starts_at = models.DateTimeField(_("starts at"), null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, editable=False)
    series_ends_at = models.DateTimeField(
        _("series ends at"), null=True, editable=False, db_index=True
    )
    # `starts_at`, or earlier if a changed session moved before it (`cover_overrides()`):
    # what listings' date queries bound on; `starts_at` stays the series' DTSTART.
    earliest_start_at = models.DateTimeField(
        _("earliest start"), null=True, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    @property
    def recurrence(self):
        return Recurrence(
            frequency=self.repeat_frequency or "",
            interval=self.repeat_interval or 1,
            weekdays=tuple(self.repeat_weekdays or ()),
            monthly_by=self.repeat_monthly_by or MonthlyBy.DATE,
            until=self.repeat_until,
            count=self.repeat_count,
        )

    @property
    def is_recurring(self):
        return bool(self.repeat_frequency)

    def _first_start_naive(self):
        if self.all_day or self.start_time is None:
            return dt.datetime.combine(self.start_date, dt.time.min)
        return dt.datetime.combine(self.start_date, self.start_time)

    def normalise_schedule(self):
        """Fill defaults (end = two hours after the start; one-day all-day events) and
        derive the stored instants and the RRULE. Safe to call more than once."""
        if not self.start_date:
            return
        if self.all_day:
            self.start_time = None
            self.end_time = None
            if not self.end_date:
                self.end_date = self.start_date
        elif self.start_time is not None and self.end_time is None:
            end = to_local(combine(self.start_date, self.start_time) + DEFAULT_DURATION)
            self.end_date, self.end_time = end.date(), end.time()
        elif self.end_time is not None and not self.end_date:
            self.end_date = self.start_date
        if not self.repeat_frequency:
            self.repeat_weekdays = []
        self._derive()

    def _derive(self):
        if self.all_day:
            self.starts_at = start_of_day(self.start_date)
            self.ends_at = start_of_day((self.end_date or self.start_date) + dt.timedelta(days=1))
        elif self.start_time is not None and self.end_time is not None:
            self.starts_at = combine(self.start_date, self.start_time)
            self.ends_at = combine(self.end_date or self.start_date, self.end_time)
        else:
            return
        recurrence = self.recurrence
        if recurrence.repeats and not recurrence.errors(self._first_start_naive()):
            self.rrule = recurrence.to_ical(self.start_date, self.all_day)
            last = recurrence.starts(self._first_start_naive())[-1]
            self.series_ends_at = self._occurrence_end(localize(last))
        else:
            self.rrule = ""
            self.series_ends_at = self.ends_at

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    def _occurrence_end(self, start):
        if self.all_day:
            days = to_local(self.ends_at).date() - to_local(self.starts_at).date()
            return start_of_day(to_local(start).date() + days)
        # Same exact duration for every occurrence (RFC 5545 3.8.5.3).
        return (start.astimezone(UTC) + self.duration).astimezone(start.tzinfo)

    def schedule_errors(self):
        """{field: message} for the time and recurrence fields; empty when they make sense."""
        errors = {}
        if not self.start_date:
            return errors
        if not self.all_day:
            if self.start_time is None:
                errors["start_time"] = gettext("Give a start time, or tick “All day”.")
            for date_field, time_field in (("start_date", "start_time"), ("end_date", "end_time")):
                day = getattr(self, date_field) or self.start_date
                time = getattr(self, time_field)
                if time is not None and not exists(day, time):
                    errors[time_field] = gettext(
                        "%(time)s does not exist on %(date)s in Swedish time: the clocks go "
                        "forward that night. Choose another time."
                    ) % {"time": time_format(time, "H:i"), "date": date_format(day, "j F Y")}
        if errors:
            return errors
        if self.all_day:
            if self.end_date and self.end_date < self.start_date:
                errors["end_date"] = gettext(
                    "The last day (%(end)s) is before the first day (%(start)s)."
                ) % {
                    "end": date_format(self.end_date, "j F Y"),
                    "start": date_format(self.start_date, "j F Y"),
                }
        elif self.end_time is not None:
            start = combine(self.start_date, self.start_time)
            end = combine(self.end_date or self.start_date, self.end_time)
            if end <= start:
                errors["end_time"] = gettext(
                    "The event must end after it starts. It now ends %(end)s but starts %(start)s."
                ) % {
                    "end": date_format(to_local(end), "j F Y H:i"),
                    "start": date_format(to_local(start), "j F Y H:i"),
                }
        if errors:
            return errors
        errors.update(self.recurrence.errors(self._first_start_naive(), self.skipped_dates()))
        return errors

    def invalid_exception_dates(self, dates):
        """Those of `dates` that are not dates of this series (all, if it does not repeat)."""
        if not self.is_recurring or not self.start_date:
            return set(dates)
        series_days = {start.date() for start in self.recurrence.starts(self._first_start_naive())}
        return {day for day in dates if day not in series_days}

    # --- occurrences ---------------------------------------------------------------------------

    @cached_property
    def _series_starts(self):
        return [localize(naive) for naive in self.recurrence.starts(self._first_start_naive())]

    def skipped_dates(self):
        """The series' exception dates (the editor's, while a form is being validated)."""
        pending = getattr(self, "pending_exception_dates", None)
        if pending is not None:
            return set(pending)
        return {x.date for x in self.exception_dates.all()}

    def overrides_by_date(self):
        """{original date: EventOccurrenceOverride} of the series' changed sessions."""
        if not self.is_recurring:
            return {}
        return {x.original_date: x for x in self.occurrence_overrides.all()}

    def occurrences(self, start=None, end=None):
        """Occurrences overlapping [start, end) (either side may be None), in order.

        A changed session is in its changed place (a moved one at its new time, a cancelled
        one still listed, marked); exception dates are left out.
        """
        if self.starts_at is None:
            return []
        if not self.rrule:
            candidates = [Occurrence(self, self.starts_at, self.ends_at)]
        else:
            skipped = self.skipped_dates()
            changed = self.overrides_by_date()
            candidates = []
            for occ_start in self._series_starts:
                day = to_local(occ_start).date()
                if day in skipped:
                    continue
                occ_end = self._occurrence_end(occ_start)
                override = changed.get(day)
                if override is None:
                    candidates.append(Occurrence(self, occ_start, occ_end))
                    continue
                new_start, new_end = override.span(occ_start, occ_end, self.all_day)
                candidates.append(Occurrence(self, new_start, new_end, override, occ_start))
            if changed:
                candidates.sort(key=lambda o: o.start)
        return [
            o
            for o in candidates
            if (end is None or o.start < end) and (start is None or o.end > start)
        ]

    def schedule_changes(self, now=None):
        """(skipped dates, changed sessions) of the series from today on, in date order:
        what the event page lists under "Changes to the series"."""
        if not self.rrule:
            return [], []
        now = now or timezone.now()
        today = to_local(now).date()
        skipped = sorted(day for day in self.skipped_dates() if day >= today)
        changed = [
            o
            for o in self.occurrences()
            if o.is_changed and (o.end > now or o.original_day >= today)
        ]
        changed.sort(key=lambda o: o.original_start)
        return skipped, changed

    def cover_overrides(self):
        """Widen the stored bounds (`earliest_start_at`, `series_ends_at`) to the changed
        sessions, so that date queries find a session moved before the series' first date or
        after its last. Call after `normalise_schedule()`."""
        self.earliest_start_at = self.starts_at
        if not self.rrule or self.starts_at is None:
            return
        spans = [(o.start, o.end) for o in self.occurrences() if o.is_changed]
        if spans:
            self.earliest_start_at = min(self.starts_at, *(s for s, _e in spans))
            self.series_ends_at = max(self.series_ends_at, *(e for _s, e in spans))

    def next_occurrence(self, now=None):
        upcoming = self.occurrences(now or timezone.now())
        return upcoming[0] if upcoming else None

    def exdates(self):
        """EXDATE values: dates (all-day) or the aware starts of the skipped occurrences."""
        days = sorted(self.skipped_dates())
        if self.all_day:
            return days
        return [combine(day, self.start_time) for day in days]

    def recurrence_text(self):
        return self.recurrence.describe(self.start_date) if self.is_recurring else ""

    def display_occurrence(self, now=None):
        """The sitting to show first: the next one, or else the most recent one."""
        upcoming = self.next_occurrence(now)
        if upcoming:
            return upcoming
        everything = self.occurrences()
        return everything[-1] if everything else None
