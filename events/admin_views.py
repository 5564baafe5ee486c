"""The event editor's live summary: the schedule in words for what is typed, before saving.

The editor's script posts the form here when a date, time or recurrence field changes; the
answer is the panel's new content. Nothing is saved. Only admin users reach it (Wagtail's
admin URLs require admin access).
"""

import datetime as dt

from django import forms
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from .forms import TIME_FIELDS
from .models import EventExceptionDate, EventPage
from .panels import NEXT_SESSIONS
from .recurrence import MonthlyBy

#: At most this many "date without a session" rows are read from a post.
MAX_SKIPPED_ROWS = 500


class ScheduleForm(forms.Form):
    """The editor's date, time and recurrence fields, as plain form fields: the model's own
    checks run on the event built from them (a page's checks need a place in the tree)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(EventPage, fields=TIME_FIELDS))
        for name in ("repeat_monthly_by", "repeat_interval"):
            self.fields[name].required = False  # hidden when they do not apply


def _skipped_dates(data):
    """The "dates without a session" rows of the posted inline formset, deleted ones left out."""
    try:
        total = min(int(data.get("exception_dates-TOTAL_FORMS", 0)), MAX_SKIPPED_ROWS)
    except ValueError:
        return []
    days = []
    for n in range(max(total, 0)):
        if data.get(f"exception_dates-{n}-DELETE"):
            continue
        try:
            days.append(dt.date.fromisoformat(data.get(f"exception_dates-{n}-date", "")))
        except ValueError:
            continue
    return days


@require_POST
def schedule_summary(request):
    """{"html": the summary panel's content} for the posted schedule fields."""
    form = ScheduleForm(request.POST)
    summary, sessions = "", []
    if form.is_valid():
        values = dict(form.cleaned_data)
        values["repeat_monthly_by"] = values["repeat_monthly_by"] or MonthlyBy.DATE
        values["repeat_interval"] = values["repeat_interval"] or 1
        event = EventPage(**values)
        event.exception_dates = [EventExceptionDate(date=d) for d in _skipped_dates(request.POST)]
        event.normalise_schedule()
        if not event.schedule_errors():
            summary = event.schedule_summary()
            sessions = event.occurrences(timezone.now())[:NEXT_SESSIONS] if summary else []
    html = render_to_string(
        "events/admin/schedule_summary.html",
        {"summary": summary, "sessions": sessions},
        request=request,
    )
    return JsonResponse({"html": html})
