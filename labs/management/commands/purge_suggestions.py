"""Erase the submitter's name and email from event suggestions some days after the decision.

Run it daily (cron, a scheduled job):

    python manage.py purge_suggestions            # EVENT_SUGGESTIONS_PURGE_DAYS, default 30
    python manage.py purge_suggestions --days 14
    python manage.py purge_suggestions --dry-run

A decision is the coordinator approving, requesting changes or cancelling the moderation, or
publishing or deleting the draft. Its time is stored in `decided_at` as it happens (see
events.suggestion_decisions.record_decision); for suggestions decided before that was recorded it is
read from the moderation history. Suggestions still awaiting a decision are kept as they are.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import EventSuggestion
from events.suggestions import purge_days


class Command(BaseCommand):
    help = "Erase submitters' names and emails from event suggestions N days after the decision."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Days after the decision.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = purge_days() if days is None else days
        now = timezone.now()
        cutoff = now - dt.timedelta(days=days)
        purged = waiting = 0
        for suggestion in EventSuggestion.objects.unpurged().select_related("event"):
            decided = suggestion.decision_time(now=now)
            if decided is None:
                waiting += 1
                continue
            if not dry_run and suggestion.decided_at is None:
                suggestion.decided_at = decided
                suggestion.save(update_fields=["decided_at"])
            if decided <= cutoff:
                purged += 1
                if not dry_run:
                    suggestion.submitter_name = ""
                    suggestion.submitter_email = ""
                    suggestion.purged_at = now
                    suggestion.save(
                        update_fields=["submitter_name", "submitter_email", "purged_at"]
                    )
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} contact details of {purged} suggestion(s) decided more than {days} days "
            f"ago; {waiting} still await a decision."
        )
