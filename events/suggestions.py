"""Public "suggest an event": a form anyone can send, which becomes a draft in moderation.

Nothing sent here is ever live: the view creates a draft EventPage (never published) under
the chosen organiser page, or under the calendar, and starts the "Moderering" workflow on it,
whatever the organiser's publishing mode, so a coordinator approves it in Wagtail's workflow
UI (and gets Wagtail's notification email). The submitter's name and email are stored only
in `EventSuggestion`, with the language of the form they used.

The decision: when the draft is published (a coordinator approves it in the workflow, or
publishes it) or the moderation is rejected ("Request changes"), the submitter gets one email
in their language, with the event's link when published and a neutral text otherwise, and
the decision time is stored in `EventSuggestion.decided_at`, from which `purge_suggestions`
counts. Deleting the draft records the decision but sends nothing (the quiet way to discard
spam sent with someone else's address). `connect_decision_signals()` wires this up.

Protection: Django's CSRF check, a honeypot field, a per-address rate limit in the cache
(`EVENT_SUGGESTIONS_PER_WINDOW` suggestions in any `EVENT_SUGGESTIONS_WINDOW` seconds, a
sliding window; 5 an hour by default), length limits, http(s)-only links and plain text
only: HTML tags are stripped from every text field and templates escape the rest.

Settings (all optional): EVENT_SUGGESTIONS_PER_WINDOW, EVENT_SUGGESTIONS_WINDOW,
EVENT_SUGGESTIONS_CLIENT_IP_HEADER (e.g. "HTTP_X_FORWARDED_FOR" behind a proxy you trust;
its left-most address is used), EVENT_SUGGESTIONS_PURGE_DAYS (see purge_suggestions).
"""

import datetime as dt
import hashlib
import logging
import re
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.signals import pre_delete
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.coreutils import cautious_slugify, find_available_slug
from wagtail.models import Locale, Page
from wagtail.signals import page_published, workflow_rejected

from events.localtime import local_today
from events.models import CalendarPage, EventPage, EventSuggestion, organiser_models
from hub.permissions import ensure_moderation_workflow

logger = logging.getLogger(__name__)

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_DAYS_AHEAD = 2 * 366


def setting(name, default):
    return getattr(settings, name, default)


def purge_days():
    return setting("EVENT_SUGGESTIONS_PURGE_DAYS", 30)


def plain_text(value, multiline=False):
    """Strip HTML tags and control characters; collapse whitespace (keep line breaks if asked)."""
    value = CONTROL_CHARS.sub("", strip_tags(value or ""))
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


class SuggestEventForm(forms.Form):
    title = forms.CharField(
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
    date_description = forms.CharField(
        label=_("When, in words"),
        max_length=200,
        required=False,
        help_text=_(
            "Optional, e.g. “Every other Tuesday during spring” or “Doors open 17:30”. "
            "Plain text, at most 200 characters."
        ),
    )
    venue_name = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Venue and address. Give a place, an online link or both."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A web address starting with https://, e.g. the video meeting."),
    )
    description = forms.CharField(
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
    submitter_name = forms.CharField(label=_("Your name"), max_length=100)
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


# --- telling the submitter the decision -----------------------------------------------------------


def decision_email(suggestion, approved, url=""):
    """(subject, body) of the decision email, in the submitter's language. It names only what
    they sent (their name, the title) and, when published, the event's public address."""
    with translation.override(suggestion.submitter_language()):
        values = {"name": suggestion.submitter_name, "title": suggestion.title, "url": url}
        values["days"] = purge_days()
        if approved:
            subject = gettext("Your event is in the calendar: %(title)s") % values
            text = gettext(
                "Thank you for suggesting “%(title)s”. The coordinators have published it "
                "in the calendar:\n\n%(url)s"
            )
        else:
            subject = gettext("Your event suggestion: %(title)s") % values
            text = gettext(
                "Thank you for suggesting “%(title)s”. The coordinators have decided not to "
                "publish it in the calendar."
            )
        body = "\n\n".join(
            [
                gettext("Hello %(name)s,") % values,
                text % values,
                gettext(
                    "Your name and email address are not published, and they are deleted "
                    "%(days)s days after this decision."
                )
                % values,
                gettext("Civic Tech Sweden"),
            ]
        )
    return subject, body + "\n"


def record_decision(event_id, approved=None, event=None):
    """Store the decision time of the suggestions behind draft `event_id` and, if `approved`
    is True or False, email each submitter not yet told (once the transaction commits); the
    approval email links `event`."""
    now = timezone.now()
    suggestions = EventSuggestion.objects.unpurged().filter(event_id=event_id)
    suggestions.filter(decided_at__isnull=True).update(decided_at=now)
    if approved is None:
        return
    for suggestion in suggestions.filter(notified_at__isnull=True).select_related("event"):
        suggestion.notified_at = now
        suggestion.save(update_fields=["notified_at"])
        url = (event.get_full_url() or "") if approved and event is not None else ""
        subject, body = decision_email(suggestion, approved, url)
        transaction.on_commit(lambda s=suggestion, m=(subject, body): _send(s, *m))


def _send(suggestion, subject, body):
    try:
        send_mail(subject, body, None, [suggestion.submitter_email])
    except Exception:  # a mail server down must not undo the coordinator's decision
        logger.exception("Could not email the decision on event suggestion %s", suggestion.pk)
        EventSuggestion.objects.filter(pk=suggestion.pk).update(notified_at=None)


def _event_published(sender, instance, **kwargs):
    if isinstance(instance, EventPage):
        record_decision(instance.pk, approved=True, event=instance)


def _workflow_rejected(sender, instance, **kwargs):
    model = instance.content_type.model_class()
    if model is not None and issubclass(model, EventPage):
        record_decision(instance.object_id, approved=False)


def _event_deleted(sender, instance, **kwargs):
    record_decision(instance.pk)


def connect_decision_signals():
    """Connect the decision handlers (called from an AppConfig.ready())."""
    page_published.connect(_event_published, dispatch_uid="events-suggestion-published")
    workflow_rejected.connect(_workflow_rejected, dispatch_uid="events-suggestion-rejected")
    pre_delete.connect(_event_deleted, sender=EventPage, dispatch_uid="events-suggestion-deleted")


# --- rate limit ----------------------------------------------------------------------------------


def client_address(request):
    header = setting("EVENT_SUGGESTIONS_CLIENT_IP_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"event-suggestions:{digest}"


def rate_limit():
    return setting("EVENT_SUGGESTIONS_PER_WINDOW", 5), setting("EVENT_SUGGESTIONS_WINDOW", 3600)


# A sliding window counter: one count per fixed window in the cache, and the estimate for the
# last `window` seconds adds the previous window's count weighted by how much of it is still
# inside. Unlike a plain fixed window it allows no double burst across a window's edge, and
# each count is still one atomic cache.incr.


def _windows(request, now):
    _limit, window = rate_limit()
    now = time.time() if now is None else now
    bucket, into = divmod(now, window)
    key = _rate_key(request)
    return f"{key}:{int(bucket)}", f"{key}:{int(bucket) - 1}", 1 - into / window


def submissions_in_window(request, now=None):
    """Estimated suggestions sent from this address in the last window (may be fractional)."""
    current, previous, weight = _windows(request, now)
    counts = cache.get_many([current, previous])
    return counts.get(current, 0) + counts.get(previous, 0) * weight


def is_rate_limited(request, now=None):
    limit, _window = rate_limit()
    return submissions_in_window(request, now) >= limit


def count_submission(request, now=None):
    """Count one submission from this address; False when it goes over the limit."""
    limit, window = rate_limit()
    current, previous, weight = _windows(request, now)
    # Kept for two windows: in the next one it is the "previous" count.
    cache.add(current, 0, 2 * window)
    try:
        count = cache.incr(current)
    except ValueError:  # expired between add and incr
        cache.add(current, 1, 2 * window)
        count = 1
    return count + (cache.get(previous) or 0) * weight <= limit


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
