"""Forms: the event editor's cross-field checks, and the public calendar filters."""

import datetime as dt
import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """The admin form for events and talks.

    The model validates time, place and recurrence (`EventPage.clean`); this form adds the one
    check that needs the inline rows: every "date without a session" must be a date of the
    series. Errors are put on the offending rows, and everything entered stays in the form.
    """

    def _post_clean(self):
        from events.models.overrides import check_override_rows, editor_exception_dates

        # The series is checked against the exception dates being entered, not the stored ones.
        self.instance.pending_exception_dates = editor_exception_dates(self)
        super()._post_clean()
        check_override_rows(self)
        formset = self.formsets.get("exception_dates")
        if formset is None or self.errors or not formset.is_valid():
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
