"""Calendar identity: a UID minted once, and a SEQUENCE raised when the schedule changes.

Calendar clients recognise an event by its UID and accept an update only when its SEQUENCE
rose (Outlook in particular). So the UID is random, minted when the event is first saved and
never derived from its URL or title; and each publication compares a fingerprint of the
schedule (time, place, recurrence, status) with the last published one. See
docs/calendar-feeds.md, "Identity".
"""

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

UID_DOMAIN = getattr(settings, "EVENTS_UID_DOMAIN", "civictech.se")

# What raises SEQUENCE when it changes: time, place, recurrence and status.
SCHEDULE_FIELDS = (
    "all_day",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "rrule",
    "status",
    "venue_name",
    "address",
    "latitude",
    "longitude",
    "online_url",
)


def mint_uid():
    """A new calendar UID: random, never derived from the URL or the title."""
    return f"{uuid.uuid4()}@{UID_DOMAIN}"


class CalendarIdentity(models.Model):
    """UID and SEQUENCE bookkeeping for a page that is a calendar event (abstract).

    The page's `save()` calls `_assign_uid()` and `_track_sequence()`.
    """

    uid = models.CharField(
        _("calendar UID"), max_length=255, blank=True, editable=False, db_index=True
    )
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=40, blank=True, editable=False)

    # Copies are new events; translations get their own UID in `_assign_uid()`.
    exclude_fields_in_copy = ["uid", "sequence", "schedule_fingerprint"]

    class Meta:
        abstract = True

    def _schedule_fingerprint(self):
        def normal(name):
            value = getattr(self, name)
            if name in ("latitude", "longitude") and value not in (None, ""):
                return f"{float(value):.6f}"  # "57.7", 57.7 and Decimal("57.700000") alike
            return str(value if value is not None else "")

        values = [normal(name) for name in SCHEDULE_FIELDS]
        values.append(",".join(sorted(str(x.date) for x in self.exception_dates.all())))
        return hashlib.sha1(json.dumps(values).encode(), usedforsecurity=False).hexdigest()

    def _assign_uid(self):
        """Mint a UID once. A translation derives its own from the original's UID
        ("<uuid>-en@domain"): the same event, but a distinct UID per language feed, because
        some clients (Google) merge or drop same-UID events across subscribed calendars."""
        if self.uid:
            return
        source = (
            type(self)
            ._default_manager.filter(translation_key=self.translation_key)
            .exclude(pk=self.pk)
            .exclude(uid="")
            .filter(alias_of__isnull=True)
            .order_by("pk")
            .values_list("uid", flat=True)
            .first()
        )
        if source:
            local, _sep, domain = source.partition("@")
            self.uid = f"{local}-{self.locale.language_code}@{domain or UID_DOMAIN}"
        else:
            self.uid = mint_uid()

    def _track_sequence(self):
        """Raise SEQUENCE when a publication changes time, place, recurrence or status.

        Compared with what was last published (kept as a fingerprint on the row), never
        with the revision being published, which may carry stale counters.
        """
        stored = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values("sequence", "schedule_fingerprint")
            .first()
            if self.pk
            else None
        ) or {"sequence": 0, "schedule_fingerprint": ""}
        self.sequence = stored["sequence"]
        self.schedule_fingerprint = stored["schedule_fingerprint"]
        if not self.live:
            return
        fingerprint = self._schedule_fingerprint()
        if stored["schedule_fingerprint"] and stored["schedule_fingerprint"] != fingerprint:
            self.sequence += 1
        self.schedule_fingerprint = fingerprint

    def with_content_json(self, content):
        # Publishing or reverting to an old revision never changes the calendar identity.
        obj = super().with_content_json(content)
        if self.uid:
            obj.uid = self.uid
        obj.sequence = self.sequence
        obj.schedule_fingerprint = self.schedule_fingerprint
        return obj
