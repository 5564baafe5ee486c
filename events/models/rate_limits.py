"""Counters of the suggestion form's rate limit, shared by every application process."""

from django.db import models


class SuggestionRateCount(models.Model):
    """Suggestions sent from one client address in one fixed window.

    `address` is a hash of the address (the table holds no addresses); `ends_at` (POSIX
    seconds) is when the row stops mattering, so expired rows can be deleted in one query.
    Counting is one atomic `UPDATE ... SET count = count + 1`, see
    `events.suggestion_rate_limit`.
    """

    address = models.CharField(max_length=64)
    window = models.PositiveIntegerField()
    bucket = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)
    ends_at = models.FloatField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address", "window", "bucket"], name="events_rate_count_unique"
            )
        ]

    def __str__(self):
        return f"{self.address[:8]}… {self.bucket}: {self.count}"
