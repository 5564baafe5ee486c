"""schema.org Event data (JSON-LD) for event and talk pages."""

from events.localtime import event_timezone, to_local

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
RESCHEDULED = "https://schema.org/EventRescheduled"
REPEAT = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
SCHEMA_DAYS = {
    "MO": "https://schema.org/Monday",
    "TU": "https://schema.org/Tuesday",
    "WE": "https://schema.org/Wednesday",
    "TH": "https://schema.org/Thursday",
    "FR": "https://schema.org/Friday",
    "SA": "https://schema.org/Saturday",
    "SU": "https://schema.org/Sunday",
}


def _when(event, occurrence):
    start = occurrence.start if occurrence else event.starts_at
    end = occurrence.end if occurrence else event.ends_at
    if event.all_day:
        last = occurrence.last_day if occurrence else event.end_date or event.start_date
        return to_local(start).date().isoformat(), last.isoformat()
    return to_local(start).isoformat(), to_local(end).isoformat()


def _location(event, occurrence=None):
    """The place of `event`, or of `occurrence` when that session is somewhere else."""
    where = occurrence if occurrence is not None and occurrence.changes_place else event
    places = []
    if where.has_place:
        place = {"@type": "Place", "name": where.venue_name or where.location_text()}
        if where.address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(where.address.split("\n")).strip(", "),
                "addressCountry": "SE",
            }
        # The coordinates are the series' venue's, not another room's or building's.
        moved_away = where is not event and (
            occurrence.override.venue_name or occurrence.override.address
        )
        if event.coordinates and not moved_away:
            lat, lon = event.coordinates
            place["geo"] = {"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}
        places.append(place)
    if where.online_url:
        places.append({"@type": "VirtualLocation", "url": where.online_url})
    if not places:
        return None
    return places[0] if len(places) == 1 else places


def _attendance_mode(event):
    """Mixed, online or offline (`event` may be an occurrence: it has the same attributes)."""
    if event.has_place and event.online_url:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online_url:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def _schedule(event):
    recurrence = event.recurrence
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": f"P{recurrence.interval or 1}{REPEAT[recurrence.frequency]}",
        "startDate": event.start_date.isoformat(),
        "scheduleTimezone": event_timezone().key,
    }
    if not event.all_day:
        schedule["startTime"] = event.start_time.strftime("%H:%M")
        # The end time may be derived (left empty by the editor): read it from the instant.
        schedule["endTime"] = to_local(event.ends_at).strftime("%H:%M")
    if recurrence.weekdays:
        schedule["byDay"] = [SCHEMA_DAYS[code] for code in recurrence.weekdays]
    if recurrence.until:
        schedule["endDate"] = recurrence.until.isoformat()
    if recurrence.count:
        schedule["repeatCount"] = recurrence.count
    # Sessions that do not take place on their date: skipped ones, and changed ones that
    # were moved or cancelled (a moved one is the next occurrence's own startDate).
    skipped = set(event.skipped_dates())
    skipped |= {day for day, x in event.overrides_by_date().items() if x.cancelled or x.is_moved}
    skipped = [day.isoformat() for day in sorted(skipped)]
    if skipped:
        schedule["exceptDate"] = skipped
    return schedule


def _description(event):
    """The summary, led by the free-text date only for a single event: a series already has
    its machine-readable `eventSchedule`, and schema.org has no property for such text."""
    when = event.date_description.strip()
    if not when or event.rrule:
        return event.summary
    if when[-1] not in ".!?":
        when += "."
    return f"{when} {event.summary}".strip()


def _status(event, occurrence):
    if occurrence is not None and occurrence.is_changed and not event.is_cancelled:
        if occurrence.is_cancelled:
            return STATUS["cancelled"]
        if occurrence.is_moved:
            return RESCHEDULED
    return STATUS.get(event.status, STATUS["scheduled"])


def event_jsonld(event, request=None, occurrence=None):
    """A schema.org Event for `event` (its next occurrence when it repeats, as changed if
    that session was moved, cancelled or is held elsewhere or under another title)."""
    if occurrence is None and event.rrule:
        occurrence = event.next_occurrence()
    start, end = _when(event, occurrence) if event.starts_at else (None, None)
    changed = occurrence if occurrence is not None and occurrence.is_changed else None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": changed.title if changed else event.title,
        "url": event.get_full_url(request),
        "startDate": start,
        "endDate": end,
        "eventStatus": _status(event, occurrence),
        "eventAttendanceMode": _attendance_mode(changed or event),
        "inLanguage": event.locale.language_code,
    }
    if changed and changed.is_moved:
        previous = changed.original_start
        data["previousStartDate"] = (
            to_local(previous).date().isoformat()
            if event.all_day
            else to_local(previous).isoformat()
        )
    description = _description(event)
    if description:
        data["description"] = description
    location = _location(event, changed)
    if location:
        data["location"] = location
    organiser = event.get_organiser()
    if organiser is not None:
        name = getattr(organiser, "organiser_name", lambda: organiser.title)()
        data["organizer"] = {
            "@type": "Organization",
            "name": name,
            "url": organiser.get_full_url(request),
        }
        email = organiser.organiser_email() if hasattr(organiser, "organiser_email") else ""
        if email:
            data["organizer"]["email"] = email
    if event.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": event.registration_url,
            "availability": "https://schema.org/InStock",
        }
    if event.rrule:
        data["eventSchedule"] = _schedule(event)
    speakers = getattr(event, "speaker_people", None)
    if speakers:
        data["performer"] = [
            {"@type": "Person", "name": p.name, **({"jobTitle": p.role} if p.role else {})}
            for p in speakers
        ]
    if getattr(event, "recording_url", ""):
        data["recordedIn"] = {"@type": "CreativeWork", "url": event.recording_url}
    return data
