"""Bounded recurrence: what editors fill in, the RRULE it becomes, and its occurrences.

Editors never type an RRULE. They choose a frequency, an interval, weekdays (weekly series),
how a monthly series repeats, and when the series ends (a last date or a number of times).
`Recurrence` turns those choices into:

* an RFC 5545 RRULE (`vrecur()`), built by `icalendar` and stored on the event as text, with
  UNTIL in UTC form when the series has a time of day (RFC 5545 3.3.10 requires this when
  DTSTART carries a TZID) and as a DATE for all-day series;
* the same rule as a `dateutil` rrule over local wall-clock times (`rule()`), used for listings,
  so that an 18:00 meetup stays at 18:00 across daylight-saving changes, as calendar clients do.

Every series is bounded: it must end, and it may not produce more than `MAX_OCCURRENCES`.
"""

import datetime as dt
from dataclasses import dataclass
from itertools import islice

from dateutil import rrule as du
from django.db import models
from django.utils.formats import date_format
from django.utils.text import format_lazy, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from icalendar import vRecur

from .localtime import UTC, exists, localize

MAX_OCCURRENCES = 500
MAX_INTERVAL = 99
END_OF_DAY = dt.time(23, 59, 59)


class Frequency(models.TextChoices):
    NONE = "", gettext_lazy("Does not repeat")
    DAILY = "DAILY", gettext_lazy("Daily")
    WEEKLY = "WEEKLY", gettext_lazy("Weekly")
    MONTHLY = "MONTHLY", gettext_lazy("Monthly")
    YEARLY = "YEARLY", gettext_lazy("Yearly")


class MonthlyBy(models.TextChoices):
    DATE = "date", gettext_lazy("On the same date (for example the 14th)")
    WEEKDAY = (
        "weekday",
        gettext_lazy("On the same weekday (for example the second Tuesday, or the last one)"),
    )


WEEKDAYS = [
    ("MO", gettext_lazy("Monday")),
    ("TU", gettext_lazy("Tuesday")),
    ("WE", gettext_lazy("Wednesday")),
    ("TH", gettext_lazy("Thursday")),
    ("FR", gettext_lazy("Friday")),
    ("SA", gettext_lazy("Saturday")),
    ("SU", gettext_lazy("Sunday")),
]
WEEKDAY_CODES = [code for code, _label in WEEKDAYS]
_DU_FREQ = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
_DU_DAY = dict(zip(WEEKDAY_CODES, (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU), strict=True))

LIMIT_HELP = format_lazy(
    gettext_lazy("A series must end, and may have at most {limit} occurrences."),
    limit=MAX_OCCURRENCES,
)

# RFC 5545 counts COUNT before EXDATE removes any dates; editors need to know.
SKIPPED_HELP = gettext_lazy(
    "Dates in the series on which nothing happens, e.g. holidays. They still count towards "
    "“number of times”: 10 times with one date without a session gives 9 sessions."
)


def weekday_code(day):
    return WEEKDAY_CODES[day.weekday()]


def nth_weekday(day):
    """(n, code) naming `day` within its month: (2, "TU") is the second Tuesday.

    A fifth weekday becomes "the last" (-1), since most months have no fifth.
    """
    n = (day.day - 1) // 7 + 1
    return (-1 if n == 5 else n), weekday_code(day)


@dataclass(frozen=True)
class Recurrence:
    """A bounded repetition rule as editors enter it (see the module docstring)."""

    frequency: str = ""
    interval: int = 1
    weekdays: tuple = ()
    monthly_by: str = MonthlyBy.DATE
    until: dt.date | None = None
    count: int | None = None

    @property
    def repeats(self):
        return bool(self.frequency)

    def _byday(self, first_day):
        if self.frequency == Frequency.WEEKLY and self.weekdays:
            return [code for code in WEEKDAY_CODES if code in self.weekdays]
        if self.frequency == Frequency.MONTHLY and self.monthly_by == MonthlyBy.WEEKDAY:
            n, code = nth_weekday(first_day)
            return [f"{n}{code}"]
        return None

    # --- outputs -----------------------------------------------------------------------

    def rule(self, dtstart):
        """A dateutil rrule over naive local wall-clock datetimes starting at `dtstart`."""
        kwargs = {"dtstart": dtstart, "interval": self.interval or 1}
        byday = self._byday(dtstart.date())
        if byday:
            days = []
            for item in byday:
                code, n = item[-2:], item[:-2]
                days.append(_DU_DAY[code](int(n)) if n else _DU_DAY[code])
            kwargs["byweekday"] = days
        if self.until:
            kwargs["until"] = dt.datetime.combine(self.until, END_OF_DAY)
        if self.count:
            kwargs["count"] = self.count
        return du.rrule(_DU_FREQ[self.frequency], **kwargs)

    def vrecur(self, first_day, all_day):
        """The RFC 5545 RRULE value for a series whose first occurrence is on `first_day`."""
        parts = {"FREQ": self.frequency}
        if self.interval and self.interval > 1:
            parts["INTERVAL"] = self.interval
        byday = self._byday(first_day)
        if byday:
            parts["BYDAY"] = byday
        if self.until:
            # All-day series: UNTIL is a DATE like DTSTART. Timed series: UNTIL is the end of
            # the last local day, in UTC ("Z"), as RFC 5545 requires when DTSTART has a TZID.
            parts["UNTIL"] = (
                self.until
                if all_day
                else localize(dt.datetime.combine(self.until, END_OF_DAY)).astimezone(UTC)
            )
        if self.count:
            parts["COUNT"] = self.count
        return vRecur(parts)

    def to_ical(self, first_day, all_day):
        """The RRULE as stored on the event, e.g. "FREQ=WEEKLY;UNTIL=20251216T225959Z;BYDAY=TU"."""
        return self.vrecur(first_day, all_day).to_ical().decode("ascii")

    def starts(self, dtstart, limit=MAX_OCCURRENCES + 1):
        """The series' naive local start datetimes, at most `limit` of them."""
        return list(islice(self.rule(dtstart), limit))

    # --- validation ----------------------------------------------------------------------

    def errors(self, dtstart, skipped=None):
        """Problems with this rule for a series starting at naive local `dtstart`.

        `skipped` are the series' exception dates: given (even empty), the series' time of
        day must exist in Swedish time on every other date; None checks the rule alone (as
        deriving the stored RRULE does). Returns {model field name: message}; empty when the
        rule is acceptable.
        """
        if not self.repeats:
            return {}
        errors = {}
        first_day = dtstart.date()
        if self.weekdays and self.frequency != Frequency.WEEKLY:
            errors["repeat_weekdays"] = _(
                "Weekdays can only be chosen for a weekly series. Untick them or choose “Weekly”."
            )
        elif self.weekdays and weekday_code(first_day) not in self.weekdays:
            errors["repeat_weekdays"] = _(
                "The series starts on a %(weekday)s, which is not one of the chosen weekdays. "
                "Tick %(weekday)s as well, or move the first date to a chosen weekday."
            ) % {"weekday": date_format(first_day, "l")}
        if self.until and self.count:
            errors["repeat_count"] = _("Give either a last date or a number of times, not both.")
        elif not self.until and not self.count:
            errors["repeat_until"] = _(
                "Choose when the series ends: a last date or a number of times. "
                "Series without an end are not allowed."
            )
        elif self.count and self.count > MAX_OCCURRENCES:
            errors["repeat_count"] = _("A series can have at most %(limit)s occurrences.") % {
                "limit": MAX_OCCURRENCES
            }
        elif self.until and self.until < first_day:
            errors["repeat_until"] = _(
                "The last date (%(until)s) is before the first date (%(first)s)."
            ) % {
                "until": date_format(self.until, "j F Y"),
                "first": date_format(first_day, "j F Y"),
            }
        if errors:
            return errors
        if len(self.starts(dtstart)) > MAX_OCCURRENCES:
            errors["repeat_until"] = _(
                "This series would have more than %(limit)s occurrences. Choose an earlier "
                "last date, a longer interval or fewer weekdays."
            ) % {"limit": MAX_OCCURRENCES}
        elif skipped is not None:
            errors.update(self._nonexistent_errors(dtstart, skipped))
        return errors

    def _nonexistent_errors(self, dtstart, skipped):
        """The series' time of day does not exist on some of its dates (the night the clocks
        go forward): refused, naming the dates, unless they are exception dates. The first
        date is the start time's own check (EventSchedule.schedule_errors)."""
        if dtstart.time() == dt.time.min:
            return {}  # all-day series (and midnight never falls in the gap in Sweden)
        missing = [
            start.date()
            for start in self.starts(dtstart)[1:]
            if start.date() not in skipped and not exists(start.date(), start.time())
        ]
        if not missing:
            return {}
        dates = ", ".join(date_format(day, "j F Y") for day in missing)
        return {
            "start_time": ngettext(
                "%(time)s does not exist on %(dates)s in Swedish time (the clocks go forward "
                "that night), and the series has a session then. Choose another time, or add "
                "%(dates)s as a date without a session.",
                "%(time)s does not exist on %(dates)s in Swedish time (the clocks go forward "
                "those nights), and the series has sessions then. Choose another time, or add "
                "those dates as dates without a session.",
                len(missing),
            )
            % {"time": dtstart.strftime("%H:%M"), "dates": dates}
        }

    # --- display -------------------------------------------------------------------------

    def describe_rule(self, first_day):
        """How often, without the end: "Every Tuesday", "Every 2 weeks on Tuesday, Thursday",
        "Every month on the first Tuesday"; empty when it does not repeat."""
        if not self.repeats:
            return ""
        n = self.interval or 1
        labels = dict(WEEKDAYS)
        if self.frequency == Frequency.WEEKLY and n == 1:
            # A weekly series without chosen weekdays repeats on the first date's weekday.
            codes = [c for c in WEEKDAY_CODES if c in self.weekdays] or [weekday_code(first_day)]
            days = get_text_list([str(labels[c]) for c in codes], _("and"))
            return _("Every %(days)s") % {"days": days}
        every = {
            Frequency.DAILY: ngettext("Every day", "Every %(n)s days", n),
            Frequency.WEEKLY: ngettext("Every week", "Every %(n)s weeks", n),
            Frequency.MONTHLY: ngettext("Every month", "Every %(n)s months", n),
            Frequency.YEARLY: ngettext("Every year", "Every %(n)s years", n),
        }[self.frequency] % {"n": n}
        parts = [every]
        if self.frequency == Frequency.WEEKLY:
            codes = [c for c in WEEKDAY_CODES if c in self.weekdays] or [weekday_code(first_day)]
            days = [str(labels[c]) for c in codes]
            parts.append(_("on %(days)s") % {"days": ", ".join(days)})
        elif self.frequency == Frequency.MONTHLY and self.monthly_by == MonthlyBy.WEEKDAY:
            position, code = nth_weekday(first_day)
            ordinal = {
                1: _("the first"),
                2: _("the second"),
                3: _("the third"),
                4: _("the fourth"),
                -1: _("the last"),
            }[position]
            parts.append(
                _("on %(ordinal)s %(weekday)s") % {"ordinal": ordinal, "weekday": labels[code]}
            )
        return " ".join(parts)

    def describe(self, first_day):
        """A short human description, e.g. "Every 2 weeks on Tuesday, until 16 December 2025"."""
        if not self.repeats:
            return ""
        text = self.describe_rule(first_day)
        if self.until:
            return _("%(rule)s, until %(date)s") % {
                "rule": text,
                "date": date_format(self.until, "j F Y"),
            }
        return ngettext("%(rule)s, %(count)s time", "%(rule)s, %(count)s times", self.count) % {
            "rule": text,
            "count": self.count,
        }
