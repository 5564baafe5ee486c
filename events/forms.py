"""Forms: the event editor's cross-field checks, and the public calendar filters."""

import datetime as dt
import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from events.places import known_places
from events.recurrence import MonthlyBy

# When any of the schedule's fields has an error, the form's banner lists them all.
TIME_FIELDS = (
    "all_day",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "repeat_frequency",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_monthly_by",
    "repeat_until",
    "repeat_count",
)
SCHEDULE_FIELDS = (*TIME_FIELDS, "latitude", "longitude")


class KnownPlaceSelect(forms.Select):
    """A select whose options carry the place's venue, address and position as data
    attributes, so that events/static/events/admin.js can fill the fields on choosing."""

    def __init__(self, *args, places=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = places or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        place = self.places.get(value)
        if place is not None:
            option["attrs"].update(
                {
                    "data-venue-name": place.venue_name,
                    "data-address": place.address,
                    "data-latitude": "" if place.latitude is None else str(place.latitude),
                    "data-longitude": "" if place.longitude is None else str(place.longitude),
                }
            )
        return option


class EventPageForm(WagtailAdminPageForm):
    """The admin form for events and talks.

    The model validates time, place and recurrence (`EventPage.clean`), reporting every problem
    at once on its field; this form adds the check that needs the inline rows (every "date
    without a session" must be a date of the series) and a line for Wagtail's error banner,
    which then lists every error with its field's label. Everything entered stays in the form.
    """

    known_place = forms.ChoiceField(
        label=_("Known place"),
        required=False,
        help_text=_(
            "Fills in venue, address and map position from a place this organiser used before, "
            "or an organiser's position. Without JavaScript the empty fields are filled in "
            "when you save."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_known_places()
        monthly_by = self.fields.get("repeat_monthly_by")
        if monthly_by is not None:
            # Only monthly series use it; a hidden select must not block saving the others.
            monthly_by.required = False
        interval = self.fields.get("repeat_interval")
        if interval is not None:
            # Hidden (and not posted) for events that do not repeat.
            interval.required = False

    def _init_known_places(self):
        self.places = {}
        field = self.fields.get("known_place")
        if field is None:
            return
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        groups = known_places(parent, exclude_pk=self.instance.pk)
        self.places = {place.key: place for _label, places in groups for place in places}
        field.choices = [
            ("", _("Choose a place…")),
            *[(label, [(p.key, p.label) for p in places]) for label, places in groups],
        ]
        field.widget = KnownPlaceSelect(places=self.places, choices=field.choices)

    def clean(self):
        cleaned_data = super().clean()
        place = self.places.get(cleaned_data.get("known_place") or "")
        if place is not None:
            # Without JavaScript the choice arrives here: fill only what was left empty.
            for name in ("venue_name", "address", "latitude", "longitude"):
                value = getattr(place, name)
                if name in cleaned_data and cleaned_data[name] in ("", None) and value:
                    cleaned_data[name] = value
        return cleaned_data

    def clean_repeat_monthly_by(self):
        return self.cleaned_data.get("repeat_monthly_by") or MonthlyBy.DATE

    def clean_repeat_interval(self):
        return self.cleaned_data.get("repeat_interval") or 1

    def _post_clean(self):
        from events.models.overrides import check_override_rows, editor_exception_dates

        # The series is checked against the exception dates being entered, not the stored ones.
        self.instance.pending_exception_dates = editor_exception_dates(self)
        super()._post_clean()
        self._check_exception_dates()
        check_override_rows(self)
        failing = [name for name in SCHEDULE_FIELDS if name in self.errors]
        if failing:
            count = sum(len(self.errors[name]) for name in failing)
            self.add_error(
                None,
                ngettext(
                    "The schedule has %(count)s problem, marked at its field.",
                    "The schedule has %(count)s problems, each marked at its field.",
                    count,
                )
                % {"count": count},
            )

    def _check_exception_dates(self):
        formset = self.formsets.get("exception_dates")
        if formset is None or not formset.is_valid():
            return
        # Only a series whose start and rule are valid has dates to compare with.
        if any(name in self.errors for name in TIME_FIELDS):
            return
        if not self.instance.start_date:
            return
        rows = [
            form
            for form in formset.forms
            if form.cleaned_data.get("date") and not form.cleaned_data.get("DELETE")
        ]
        dates = [form.cleaned_data["date"] for form in rows]
        invalid = self.instance.invalid_exception_dates(dates)
        for form in rows:
            day = form.cleaned_data["date"]
            if day not in invalid:
                continue
            if self.instance.is_recurring:
                message = gettext("%(date)s is not a date in this series.") % {
                    "date": date_format(day, "j F Y")
                }
            else:
                message = gettext("Dates without a session only apply to a repeating event.")
            form.add_error("date", message)


MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
TAG_RE = re.compile(r"^[-\w]{1,100}$")


class CalendarFilterForm(forms.Form):
    """The calendar page's filters; all optional, invalid values are ignored."""

    VIEW_LIST = "list"
    VIEW_MONTH = "month"
    WHEN_UPCOMING = "upcoming"
    WHEN_PAST = "past"

    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(VIEW_LIST, _("Agenda")), (VIEW_MONTH, _("Month"))],
    )
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[(WHEN_UPCOMING, _("Upcoming")), (WHEN_PAST, _("Past"))],
    )
    tag = forms.ChoiceField(label=_("Topic"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    organiser = forms.TypedChoiceField(label=_("Organiser"), required=False, coerce=int)
    month = forms.CharField(required=False, max_length=7)

    def __init__(self, data, *, tags=(), kinds=(), organisers=()):
        super().__init__(data)
        self.fields["tag"].choices = [("", _("All topics")), *tags]
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["organiser"].choices = [("", _("All organisers")), *organisers]

    def clean_month(self):
        value = self.cleaned_data.get("month") or ""
        match = MONTH_RE.match(value)
        if not value:
            return None
        if not match:
            raise forms.ValidationError(_("Use the form YYYY-MM."))
        year, month = int(match[1]), int(match[2])
        if not (1900 <= year <= 2200 and 1 <= month <= 12):
            raise forms.ValidationError(_("No such month."))
        return dt.date(year, month, 1)

    def value(self, name, default=None):
        """The cleaned value of `name`, or `default` when it was missing or invalid."""
        if not self.is_bound:
            return default
        self.is_valid()
        if name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value
