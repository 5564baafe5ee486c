"""Public "suggest an event": a form anyone can send, which becomes a draft in moderation.

Nothing sent here is ever live: the view creates a draft EventPage (never published) under
the chosen organiser page, or under the calendar, and starts the "Moderering" workflow on it,
whatever the organiser's publishing mode, so a coordinator approves it in Wagtail's workflow
UI (and gets Wagtail's notification email). The submitter's name and email are stored only
in `EventSuggestion`, with the language of the form they used.

The submitter is told the decision by `events.suggestion_decisions`.

Protection: Django's CSRF check, a honeypot field, a per-address rate limit
(`events.suggestion_rate_limit`), length limits, http(s)-only links and plain text
only: HTML tags and control characters are stripped from every text field (line breaks
too, except in the description) and templates escape the rest.

Settings (all optional): EVENT_SUGGESTIONS_PER_WINDOW, EVENT_SUGGESTIONS_WINDOW,
EVENT_SUGGESTIONS_CLIENT_IP_HEADER (e.g. "HTTP_X_FORWARDED_FOR" behind a proxy you trust;
its left-most address is used), EVENT_SUGGESTIONS_PURGE_DAYS (see purge_suggestions).
"""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.functional import lazy
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.coreutils import cautious_slugify, find_available_slug
from wagtail.models import Locale, Page

from events.localtime import local_today
from events.models import CalendarPage, EventPage, EventSuggestion, organiser_models
from events.suggestion_rate_limit import count_submission, is_rate_limited, rate_limit
from hub.forms import CleanTextField, SingleLineTextField
from hub.permissions import ensure_moderation_workflow
from hub.text import strip_control_chars

MAX_DAYS_AHEAD = 2 * 366


def setting(name, default):
    return getattr(settings, name, default)


def purge_days():
    return setting("EVENT_SUGGESTIONS_PURGE_DAYS", 30)


def plain_text(value, multiline=False):
    """Strip HTML tags and control characters; collapse whitespace (keep line breaks if asked)."""
    value = strip_control_chars(strip_tags(value or ""))
    if multiline:
        lines = [" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return " ".join(value.split())


# --- where a suggestion can go ---------------------------------------------------------------


def host_models():
    """Organiser page types that take events (groups, labs), not the calendar itself."""
    return [
        model
        for model in organiser_models()
        if EventPage in model.allowed_subpage_models() and not issubclass(model, CalendarPage)
    ]


def organiser_choices(locale):
    """Choices for the organiser field: live, public organiser pages in `locale`, by kind."""
    choices = [("", _("None of these: the general calendar"))]
    for model in sorted(host_models(), key=lambda m: str(m._meta.verbose_name_plural)):
        pages = (
            Page.objects.live()
            .public()
            .type(model)
            .filter(locale=locale)
            .order_by("title")
            .values_list("pk", "title")
        )
        if pages:
            label = str(model._meta.verbose_name_plural)
            choices.append((label[:1].upper() + label[1:], [(str(pk), t) for pk, t in pages]))
    return choices


def calendar_for(locale):
    return CalendarPage.objects.live().filter(locale=locale).order_by("depth", "path").first()


# --- the form ------------------------------------------------------------------------------------


class WebLinkField(forms.URLField):
    """A link that a browser opens: http(s) only, and one message for a bad one.

    Django's URLField already runs a URLValidator (which also allows ftp); a second one
    for the schemes, passed as `validators`, reported every bad link twice. So the
    http(s) rule replaces the default instead of joining it.
    """

    default_validators = [URLValidator(schemes=["http", "https"])]


class SuggestEventForm(forms.Form):
    # The page shows the fields in this order; the error summary lists them the same way.
    field_order = [
        "title",
        "description",
        "organiser",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "date_description",
        "venue_name",
        "online_url",
        "submitter_name",
        "submitter_email",
        "website",
    ]

    # The text fields drop control characters (and fold line breaks in one-line fields)
    # before validation, like the admin's, so pasted text is cleaned, not refused.
    title = SingleLineTextField(
        label=_("Name of the event"),
        max_length=120,
        help_text=_("Plain text, at most 120 characters."),
    )
    start_date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        help_text=_("Swedish time."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        help_text=_("Only if it goes on for more than one day."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        required=False,
        help_text=_("Swedish time. Leave empty for two hours after the start."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    date_description = SingleLineTextField(
        label=_("When, in words"),
        max_length=200,
        required=False,
        help_text=_(
            "Optional, e.g. “Every other Tuesday during spring” or “Doors open 17:30”. "
            "Plain text, at most 200 characters."
        ),
    )
    venue_name = SingleLineTextField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Venue and address. Give a place, an online link or both."),
    )
    online_url = WebLinkField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web address starting with https://, e.g. the video meeting."),
    )
    description = CleanTextField(
        label=_("Description"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens and who it is for. Plain text, at most 1000 characters."),
    )
    organiser = forms.ChoiceField(
        label=_("Local group or lab"),
        required=False,
        help_text=_("Who organises it, if it is one of these."),
    )
    submitter_name = SingleLineTextField(label=_("Your name"), max_length=100)
    submitter_email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_(
            "Only the coordinators see it, to contact you about this event if needed. It is "
            "never published, and it is deleted %(days)s days after they have decided."
        ),
    )
    # Honeypot: hidden from people (and from assistive technology), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = locale
        self.fields["organiser"].choices = organiser_choices(locale)
        email = self.fields["submitter_email"]
        email.help_text = email.help_text % {"days": purge_days()}
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["submitter_name"].widget.attrs["autocomplete"] = "name"
        self.fields["submitter_email"].widget.attrs["autocomplete"] = "email"

    def clean_title(self):
        title = plain_text(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the event a name in plain text."))
        return title

    def clean_date_description(self):
        return plain_text(self.cleaned_data.get("date_description"))

    def clean_venue_name(self):
        return plain_text(self.cleaned_data.get("venue_name"))

    def clean_description(self):
        description = plain_text(self.cleaned_data["description"], multiline=True)
        if not description:
            raise forms.ValidationError(_("Describe the event in plain text."))
        return description

    def clean_submitter_name(self):
        name = plain_text(self.cleaned_data["submitter_name"])
        if not name:
            raise forms.ValidationError(_("Give your name in plain text."))
        return name

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        today = local_today()
        if start < today:
            raise forms.ValidationError(_("The date has passed. Suggest an upcoming event."))
        if start > today + dt.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("That is more than two years ahead."))
        return start

    def clean_organiser(self):
        value = self.cleaned_data.get("organiser") or ""
        if not value:
            return None
        page = (
            Page.objects.live()
            .public()
            .type(*host_models())
            .filter(pk=value, locale=self.locale)
            .first()
        )
        if page is None:
            raise forms.ValidationError(_("Choose one of the groups in the list."))
        return page

    def clean(self):
        data = super().clean()
        if (
            not data.get("venue_name")
            and not data.get("online_url")
            and not (self.has_error("venue_name") or self.has_error("online_url"))
        ):
            self.add_error("venue_name", _("Give a place or an online link."))
        if data.get("end_date") and not data.get("end_time") and not self.has_error("end_time"):
            self.add_error("end_time", _("Give the time it ends on the last day."))
        if data.get("start_date") and data.get("start_time") and not self.errors:
            event = self.draft_event()
            event.normalise_schedule()
            for field, message in event.schedule_errors().items():
                self.add_error(field if field in self.fields else None, message)
        return data

    def draft_event(self):
        data = self.cleaned_data
        return EventPage(
            title=data["title"],
            introduction=data["description"],
            start_date=data["start_date"],
            start_time=data["start_time"],
            end_date=data.get("end_date"),
            end_time=data.get("end_time"),
            date_description=data.get("date_description") or "",
            venue_name=data.get("venue_name") or "",
            online_url=data.get("online_url") or "",
        )


# --- creating the draft ------------------------------------------------------------------------


@transaction.atomic
def create_suggestion(form, parent):
    """A draft EventPage below `parent`, in moderation, and its EventSuggestion."""
    event = form.draft_event()
    slug = cautious_slugify(event.title)[:60].strip("-") or "forslag"
    event.slug = find_available_slug(parent, slug)
    event.locale = parent.locale
    event.live = False
    event.has_unpublished_changes = True
    parent.add_child(instance=event)
    event.save_revision(log_action=True)
    ensure_moderation_workflow().start(event, None)
    return EventSuggestion.objects.create(
        event=event,
        title=event.title,
        submitter_name=form.cleaned_data["submitter_name"],
        submitter_email=form.cleaned_data["submitter_email"],
        language=form.locale.language_code,
    )


# --- views ----------------------------------------------------------------------------------------


def _too_many(request, calendar):
    limit, _window = rate_limit()
    return render(
        request,
        "events/suggest_event.html",
        {"rate_limited": True, "calendar": calendar, "limit": limit, "page": None},
        status=429,
    )


@never_cache
def suggest_event(request):
    locale = Locale.get_active()
    calendar = calendar_for(locale)
    if calendar is None:
        raise Http404("No calendar in this language")
    if request.method == "POST":
        if is_rate_limited(request):
            return _too_many(request, calendar)
        form = SuggestEventForm(request.POST, locale=locale)
        if form.is_valid():
            if not count_submission(request):
                return _too_many(request, calendar)
            if not form.cleaned_data.get("website"):
                create_suggestion(form, form.cleaned_data["organiser"] or calendar)
            # A bot that filled the honeypot sees the same confirmation and creates nothing.
            return redirect("events:suggest_event_done")
    else:
        initial = {}
        organiser = request.GET.get("organiser", "")
        if organiser.isdigit():
            initial["organiser"] = organiser
        form = SuggestEventForm(locale=locale, initial=initial)
    for name in form.errors:
        if name in form.fields:
            ids = [f"id_{name}_error"] + ([f"id_{name}_helptext"] if form[name].help_text else [])
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
    return render(
        request,
        "events/suggest_event.html",
        {"form": form, "calendar": calendar, "page": None},
        status=400 if form.is_bound else 200,
    )


def suggest_event_done(request):
    locale = Locale.get_active()
    return render(
        request,
        "events/suggest_event_done.html",
        {"calendar": calendar_for(locale), "purge_days": purge_days(), "page": None},
    )


# Translated paths without a .po entry: /foresla-evenemang/ and /en/suggest-event/.
ROUTES = {"sv": "foresla-evenemang/", "en": "suggest-event/"}
DONE = {"sv": "tack/", "en": "thanks/"}


def _route(*parts):
    def build():
        language = (get_language() or "sv").split("-")[0]
        return "".join(part.get(language, part["sv"]) for part in parts)

    return lazy(build, str)()


urlpatterns = [
    path(_route(ROUTES), suggest_event, name="suggest_event"),
    path(_route(ROUTES, DONE), suggest_event_done, name="suggest_event_done"),
]
