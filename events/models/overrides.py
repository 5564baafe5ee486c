"""One session of a series changed: moved, cancelled, or held somewhere else or under another
title, without breaking the series.

An `EventOccurrenceOverride` is keyed by the date the session had in the series (its
`original_date`). Listings show the changed session in its place (`EventSchedule.occurrences`),
and feeds publish it as a VEVENT with the series' UID and a RECURRENCE-ID naming the original
start, with its own SEQUENCE (raised when this session's time, place or status changes), so
calendar clients update that one session instead of showing a second, unrelated event.
See docs/calendar-feeds.md, "One session of a series changed".
"""

import datetime as dt
import hashlib
import json

from django.db import models
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField

from events.localtime import combine, exists, start_of_day, to_local

# What raises this session's SEQUENCE when it changes.
OVERRIDE_SCHEDULE_FIELDS = (
    "original_date",
    "cancelled",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "venue_name",
    "address",
    "online_url",
)


class EventOccurrenceOverride(models.Model):
    """A change to one session of a series (an RFC 5545 RECURRENCE-ID instance)."""

    event = ParentalKey(
        "events.EventPage", related_name="occurrence_overrides", on_delete=models.CASCADE
    )
    original_date = models.DateField(
        _("date in the series"), help_text=_("The date this session has in the series.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    note = models.CharField(
        _("public note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Cancelled: the venue is closed for the holidays.”"),
    )
    start_date = models.DateField(
        _("moved to date"),
        null=True,
        blank=True,
        help_text=_("Leave the new date and times empty unless the session moves."),
    )
    start_time = models.TimeField(
        _("new start time"),
        null=True,
        blank=True,
        help_text=_("Stockholm time. Empty: the series' time."),
    )
    end_date = models.DateField(_("new end date"), null=True, blank=True)
    end_time = models.TimeField(
        _("new end time"),
        null=True,
        blank=True,
        help_text=_("Stockholm time. Empty: as long as the other sessions."),
    )
    title = models.CharField(
        _("title of this session"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to keep the series' title."),
    )
    venue_name = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("Empty: the series' venue.")
    )
    address = models.TextField(
        _("address"), blank=True, max_length=500, help_text=_("Empty: the series' address.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Empty: the series' online link.")
    )

    # Calendar bookkeeping, like CalendarIdentity on the event; never edited.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    fingerprint = models.CharField(max_length=40, blank=True, editable=False)

    panels = [
        FieldPanel("original_date"),
        FieldRowPanel([FieldPanel("cancelled"), FieldPanel("note")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")], heading=_("Moved to")),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")], heading=_("Ends")),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("venue_name"), FieldPanel("online_url")]),
        FieldPanel("address"),
    ]

    # Open data (Wagtail API v2, on the event): what changed, not the bookkeeping.
    api_fields = [
        APIField(name)
        for name in (
            "original_date",
            "cancelled",
            "note",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "title",
            "venue_name",
            "address",
            "online_url",
        )
    ]

    class Meta:
        ordering = ["original_date"]
        verbose_name = _("changed session")
        verbose_name_plural = _("changed sessions")

    def __str__(self):
        return self.original_date.isoformat() if self.original_date else ""

    # --- what changed ----------------------------------------------------------------------

    @property
    def is_moved(self):
        return any(
            getattr(self, name) is not None
            for name in ("start_date", "start_time", "end_date", "end_time")
        )

    @property
    def changes_place(self):
        return bool(self.venue_name or self.address or self.online_url)

    def span(self, original_start, original_end, all_day):
        """(start, end) of this session: aware datetimes (local midnights for all-day
        series, end exclusive), given the session's start and end in the series."""
        if not self.is_moved:
            return original_start, original_end
        first = self.start_date or self.original_date
        if all_day:
            days = to_local(original_end).date() - to_local(original_start).date()
            last = self.end_date + dt.timedelta(days=1) if self.end_date else first + days
            return start_of_day(first), start_of_day(last)
        start = combine(first, self.start_time or to_local(original_start).time())
        if self.end_time is not None:
            return start, combine(self.end_date or first, self.end_time)
        # Same exact duration as the series' sessions (RFC 5545 3.8.5.3).
        return start, start + (original_end - original_start)

    def naive_times(self, series_time, all_day):
        """[(field, date, time)] of the local wall-clock times this session is moved to."""
        if not self.is_moved or all_day:
            return []
        first = self.start_date or self.original_date
        times = [("start_time", first, self.start_time or series_time)]
        if self.end_time is not None:
            times.append(("end_time", self.end_date or first, self.end_time))
        return times

    def schedule_fingerprint(self):
        values = [str(getattr(self, name) or "") for name in OVERRIDE_SCHEDULE_FIELDS]
        return hashlib.sha1(json.dumps(values).encode(), usedforsecurity=False).hexdigest()


def track_override_sequences(event):
    """Give each of `event`'s overrides its SEQUENCE before the event is published.

    A new override changes a session that calendars already hold with the series' SEQUENCE,
    so it starts one above it; an override whose time, place or status changed since it was
    last published goes up by one. Compared with the stored rows, never with the revision.
    """
    stored = {}
    if event.pk:
        stored = {
            row["original_date"]: row
            for row in EventOccurrenceOverride.objects.filter(event_id=event.pk).values(
                "original_date", "sequence", "fingerprint"
            )
        }
    for override in event.occurrence_overrides.all():
        fingerprint = override.schedule_fingerprint()
        before = stored.get(override.original_date)
        if before is None:
            override.sequence = event.sequence + (1 if event.schedule_fingerprint else 0)
        else:
            override.sequence = before["sequence"]
            if before["fingerprint"] and before["fingerprint"] != fingerprint:
                override.sequence += 1
        override.sequence = max(override.sequence, event.sequence)
        override.fingerprint = fingerprint


# --- validation -------------------------------------------------------------------------


def _day(value):
    return date_format(value, "j F Y")


def override_errors(event, rows, skipped, *, series_known=True):
    """[(row, field, message)] for the override rows of a series, all at once.

    `rows` are (row, values) pairs of the editor's non-deleted rows, `values` an unsaved
    `EventOccurrenceOverride`; `skipped` the exception dates entered with them. Checks that
    each date is a date of the series, not an exception date, and appears once, and that a
    moved session's times exist in Swedish time and it ends after it starts. While the
    series itself has errors (`series_known=False`), only what does not depend on it is
    checked: one change per date, and moved times that exist.
    """
    errors = []
    series_days = set()
    if event.is_recurring and event.start_date:
        series_days = {s.date() for s in event.recurrence.starts(event._first_start_naive())}
    seen = set()
    for row, override in rows:
        day = override.original_date
        if day is None:
            continue
        if not series_known:
            if day in seen:
                errors.append((row, "original_date", _twice(day)))
            seen.add(day)
            errors.extend(_nonexistent(row, override, True))
            continue
        if not event.is_recurring:
            errors.append(
                (row, "original_date", gettext("Changed sessions only apply to a repeating event."))
            )
            continue
        if day in skipped:
            errors.append(
                (
                    row,
                    "original_date",
                    gettext(
                        "%(date)s is a date without a session. Remove it there, or choose "
                        "another date to change."
                    )
                    % {"date": _day(day)},
                )
            )
        elif series_days and day not in series_days:
            errors.append(
                (
                    row,
                    "original_date",
                    gettext("%(date)s is not a date in this series.") % {"date": _day(day)},
                )
            )
        elif day in seen:
            errors.append((row, "original_date", _twice(day)))
        seen.add(day)
        errors.extend(_moved_errors(event, row, override))
    return errors


def _twice(day):
    return gettext("%(date)s is changed more than once. Make one change per date.") % {
        "date": _day(day)
    }


def _nonexistent(row, override, check, series_time=None, all_day=False):
    """Errors for the moved session's local times that do not exist (the night the clocks
    go forward); without the series' time, only the times the editor typed."""
    if not check or all_day:
        return []
    errors = []
    for field, day, time in override.naive_times(series_time, all_day):
        if time is not None and not exists(day, time):
            errors.append(
                (
                    row,
                    field,
                    gettext(
                        "%(time)s does not exist on %(date)s in Swedish time: the clocks go "
                        "forward that night. Choose another time."
                    )
                    % {"time": time_format(time, "H:i"), "date": _day(day)},
                )
            )
    return errors


def _moved_errors(event, row, override):
    if not override.is_moved or not event.start_date:
        return []
    if event.all_day:
        first = override.start_date or override.original_date
        if override.end_date and override.end_date < first:
            return [
                (
                    row,
                    "end_date",
                    gettext("The last day (%(end)s) is before the first day (%(start)s).")
                    % {"end": _day(override.end_date), "start": _day(first)},
                )
            ]
        return []
    if override.start_time is None and event.start_time is None:
        return []
    errors = _nonexistent(row, override, True, event.start_time, event.all_day)
    if errors or event.starts_at is None or event.ends_at is None:
        return errors
    original = combine(override.original_date, event.start_time)
    start, end = override.span(original, original + event.duration, False)
    if end <= start:
        errors.append(
            (
                row,
                "end_time",
                gettext(
                    "The session must end after it starts. It now ends %(end)s but starts "
                    "%(start)s."
                )
                % {
                    "end": date_format(to_local(end), "j F Y H:i"),
                    "start": date_format(to_local(start), "j F Y H:i"),
                },
            )
        )
    return errors


def check_override_rows(form):
    """The event editor's checks of its "Changed sessions" rows (see `override_errors`),
    put on the offending rows. Call from the form's `_post_clean()` after the model's."""
    formset = form.formsets.get("occurrence_overrides")
    if formset is None or not formset.is_valid():
        return
    rows = [
        (row, row.instance)
        for row in formset.forms
        if row.cleaned_data.get("original_date") and not row.cleaned_data.get("DELETE")
    ]
    if not rows:
        return
    schedule_fields = {
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "all_day",
        "repeat_frequency",
        "repeat_until",
        "repeat_count",
        "repeat_weekdays",
        "repeat_monthly_by",
        "repeat_interval",
    }
    event = form.instance
    # While the series has errors, its dates are not known: check what does not need them.
    known = not (schedule_fields & set(form.errors)) and event.start_date is not None
    for row, field, message in override_errors(
        event, rows, event.skipped_dates(), series_known=known
    ):
        row.add_error(field, message)


def editor_exception_dates(form):
    """The exception dates as entered in the editor (None if its rows do not validate)."""
    formset = form.formsets.get("exception_dates")
    if formset is None or not formset.is_valid():
        return None
    return [
        row.cleaned_data["date"]
        for row in formset.forms
        if row.cleaned_data.get("date") and not row.cleaned_data.get("DELETE")
    ]
