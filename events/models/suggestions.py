"""Event suggestions from the public: who sent which draft event, kept apart from the page.

The submitter's name and email live only here, never on the EventPage (so never in pages,
feeds or the API), are shown to coordinators only (the read-only "Event suggestions" listing
in the admin) and are erased some days after the coordinator's decision by the
`purge_suggestions` command. The submitter is emailed the decision once, in the language they
wrote in (events.suggestion_decisions).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventSuggestionQuerySet(models.QuerySet):
    def unpurged(self):
        return self.filter(purged_at__isnull=True)


class EventSuggestion(models.Model):
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("draft event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    title = models.CharField(_("title"), max_length=255)
    submitter_name = models.CharField(_("submitter's name"), max_length=100, blank=True)
    submitter_email = models.EmailField(_("submitter's email"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        editable=False,
        help_text=_("The language of the form the suggestion was sent from."),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    purged_at = models.DateTimeField(_("contact details erased"), null=True, blank=True)
    notified_at = models.DateTimeField(_("submitter told the decision"), null=True, blank=True)

    objects = EventSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event suggestion")
        verbose_name_plural = _("event suggestions")

    def __str__(self):
        return self.title

    def submitter_language(self):
        """The language to write to the submitter in: the form's, else the draft's, else the
        site's default (suggestions sent before the language was stored)."""
        if self.language:
            return self.language
        if self.event_id is not None:
            return self.event.locale.language_code
        return settings.LANGUAGE_CODE

    def workflow_state(self):
        """The newest moderation state of the draft event, or None."""
        from wagtail.models import WorkflowState

        if self.event_id is None:
            return None
        return WorkflowState.objects.for_instance(self.event).order_by("-created_at", "-pk").first()

    def decision_time(self, now=None):
        """When a coordinator decided: approved, asked for changes, cancelled the moderation or
        published the draft; `now` for a deleted draft (its deletion time is not recorded).
        None while the suggestion still awaits a decision."""
        from wagtail.models import WorkflowState

        if self.decided_at:
            return self.decided_at
        if self.event_id is None:
            return now
        state = self.workflow_state()
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            return None
        if state is not None:
            finished = (
                state.task_states.exclude(finished_at__isnull=True)
                .order_by("-finished_at")
                .values_list("finished_at", flat=True)
                .first()
            )
            return finished or state.created_at
        if self.event.live:
            return self.event.first_published_at
        return None

    def status_label(self):
        from wagtail.models import WorkflowState

        if self.event_id is None:
            return _("Draft deleted")
        state = self.workflow_state()
        if self.event.live:
            return _("Published")
        if state is None:
            return _("Draft")
        return {
            WorkflowState.STATUS_IN_PROGRESS: _("Awaiting review"),
            WorkflowState.STATUS_APPROVED: _("Approved"),
            WorkflowState.STATUS_NEEDS_CHANGES: _("Changes requested"),
            WorkflowState.STATUS_CANCELLED: _("Cancelled"),
        }.get(state.status, state.status)

    status_label.short_description = _("status")
