"""Telling the person who suggested an event what the coordinators decided.

When the draft is published (a coordinator approves it in the workflow, or publishes it) or
the moderation is rejected ("Request changes"), the submitter gets one email in their
language, with the event's link when published and a neutral text otherwise, and the
decision time is stored in `EventSuggestion.decided_at`, from which `purge_suggestions`
counts. Deleting the draft records the decision but sends nothing (the quiet way to discard
spam sent with someone else's address). `connect_decision_signals()` wires this up.
"""

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import pre_delete
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.signals import page_published, workflow_rejected

from events.models import EventPage, EventSuggestion
from events.suggestions import purge_days

logger = logging.getLogger(__name__)


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


