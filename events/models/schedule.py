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
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.fields import WeekdaysField
from events.localtime import UTC, combine, exists, localize, start_of_day, to_local
from events.recurrence import MAX_INTERVAL, MAX_OCCURRENCES, Frequency, MonthlyBy, Recurrence

from .querysets import Occurrence

DEFAULT_DURATION = dt.timedelta(hours=2)
DEFAULT_START_TIME = dt.time(18, 0)
# How many skipped dates the summary names before it says "and N more".
SUMMARY_SKIPPED = 5


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
        help_text=_(
            "Leave empty if the event ends on the day it starts: it then moves with the start."
        ),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_(
            "Stockholm time. Leave empty for two hours after the start: it then moves with "
            "the start."
        ),
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
        help_text=_(
            "Instead of a last date: how many times it happens. Dates without a session count "
            "too: 10 times with one date without a session gives 9 sessions."
        ),
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
        """Tidy what the editor entered and derive the stored instants and the RRULE.

        An end the editor left empty stays empty: the end instant is derived from the start
        each time (two hours later, or the same day), so moving the start can never leave a
        stale end behind. Safe to call more than once.
        """
        if not self.start_date:
            return
        if self.all_day:
            self.start_time = None
            self.end_time = None
        if self.end_date == self.start_date:
            # "Ends on the day it starts" is what an empty end date says; storing the date
            # would pin the end there when the start moves.
            self.end_date = None
        if not self.repeat_frequency:
            self.repeat_weekdays = []
        self._derive()

    def _local_end(self):
        """The first occurrence's end as (date, time), derived where the editor left it empty.

        None when the start time is missing (the form then shows an error).
        """
        if self.all_day:
            return (self.end_date or self.start_date), None
        if self.start_time is None:
            return None
        if self.end_time is None:
            end = to_local(combine(self.start_date, self.start_time) + DEFAULT_DURATION)
            return end.date(), end.time()
        return (self.end_date or self.start_date), self.end_time

    def _derive(self):
        end = self._local_end()
        if end is None:
            return
        if self.all_day:
            self.starts_at = start_of_day(self.start_date)
            self.ends_at = start_of_day(end[0] + dt.timedelta(days=1))
        else:
            self.starts_at = combine(self.start_date, self.start_time)
            self.ends_at = combine(*end)
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
        """{field: message} for the time and recurrence fields; empty when they make sense.

        Every problem is reported at once, each on its own field, so that an editor fixes a
        schedule in one go; a check that needs a valid start is skipped only when the start
        itself has an error.
        """
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
            if self.end_date and self.end_time is None and "end_time" not in errors:
                errors["end_time"] = gettext("Give the time it ends on the last day.")
        start_valid = "start_time" not in errors
        errors.update(self._end_errors(errors))
        if start_valid:
            errors.update(self.recurrence.errors(self._first_start_naive(), self.skipped_dates()))
        return errors

    def _end_errors(self, errors):
        """The end is after the start (checked only when both exist and are valid)."""
        if self.all_day:
            if self.end_date and self.end_date < self.start_date:
                return {
                    "end_date": gettext(
                        "The last day (%(end)s) is before the first day (%(start)s)."
                    )
                    % {
                        "end": date_format(self.end_date, "j F Y"),
                        "start": date_format(self.start_date, "j F Y"),
                    }
                }
            return {}
        if self.end_time is None or "start_time" in errors or "end_time" in errors:
            return {}
        start = combine(self.start_date, self.start_time)
        end = combine(self.end_date or self.start_date, self.end_time)
        if end > start:
            return {}
        message = gettext(
            "The event must end after it starts. It now ends %(end)s but starts %(start)s."
        ) % {
            "end": date_format(to_local(end), "j F Y H:i"),
            "start": date_format(to_local(start), "j F Y H:i"),
        }
        # Put it where the mistake most likely is: a hand-set end date before the start.
        field = "end_date" if self.end_date and self.end_date < self.start_date else "end_time"
        return {field: message}

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

    def schedule_summary(self):
        """The schedule in words, as the admin and the public event page show it, e.g.
        "Every Tuesday, 18:00–20:00, 10 times until 9 March 2027, except 29 December 2026:
        9 sessions in all".

        Skipped dates are named, and when there are any the number of sessions that remain is
        given, because RFC 5545 counts "10 times" before the skipped dates are removed.
        Empty until the schedule is complete enough to derive its instants.
        """
        if self.starts_at is None or self.ends_at is None:
            return ""
        times = self._times_text()
        if not self.rrule:
            first = to_local(self.starts_at)
            return gettext("%(date)s, %(times)s") % {
                "date": date_format(first, "l j F Y"),
                "times": times,
            }
        recurrence = self.recurrence
        starts = [start.date() for start in recurrence.starts(self._first_start_naive())]
        skipped = sorted({x.date for x in self.exception_dates.all()} & set(starts))
        parts = [
            gettext("%(rule)s, %(times)s")
            % {"rule": recurrence.describe_rule(self.start_date), "times": times}
        ]
        if recurrence.count:
            parts.append(
                ngettext(
                    "%(count)s time until %(date)s", "%(count)s times until %(date)s", len(starts)
                )
                % {"count": len(starts), "date": date_format(starts[-1], "j F Y")}
            )
        else:
            parts.append(gettext("until %(date)s") % {"date": date_format(starts[-1], "j F Y")})
        if skipped:
            shown = [date_format(day, "j F Y") for day in skipped[:SUMMARY_SKIPPED]]
            if len(skipped) > SUMMARY_SKIPPED:
                more = len(skipped) - SUMMARY_SKIPPED
                shown.append(ngettext("%(n)s more date", "%(n)s more dates", more) % {"n": more})
            parts.append(
                gettext("except %(dates)s") % {"dates": get_text_list(shown, gettext("and"))}
            )
        text = ", ".join(parts)
        sessions = len(starts) - len(skipped)
        if skipped or not recurrence.count:
            text = gettext("%(schedule)s: %(sessions)s") % {
                "schedule": text,
                "sessions": ngettext("%(n)s session in all", "%(n)s sessions in all", sessions)
                % {"n": sessions},
            }
        return text

    def _times_text(self):
        """ "18:00–20:00", "all day", "3 days" or "22:00–02:00 the next day"."""
        start, end = to_local(self.starts_at), to_local(self.ends_at)
        if self.all_day:
            days = (end.date() - start.date()).days
            if days <= 1:
                return gettext("all day")
            return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
        clock = {"start": time_format(start, "H:i"), "end": time_format(end, "H:i")}
        days = (end.date() - start.date()).days
        if days == 0:
            return gettext("%(start)s–%(end)s") % clock
        return ngettext(
            "%(start)s–%(end)s %(n)s day later", "%(start)s–%(end)s %(n)s days later", days
        ) % {**clock, "n": days}

    def display_occurrence(self, now=None):
        """The sitting to show first: the next one, or else the most recent one."""
        upcoming = self.next_occurrence(now)
        if upcoming:
            return upcoming
        everything = self.occurrences()
        return everything[-1] if everything else None
