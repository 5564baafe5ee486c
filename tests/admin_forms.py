"""Admin form data for the HTTP tests: what Wagtail's page editor posts (shared by all apps)."""

import datetime as dt

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.localtime import local_today


def page_form(fields, overrides):
    """Wagtail's page editor data: `fields`, the promote tab's and comments, then `overrides`."""
    data = {
        **fields,
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def event_form(**overrides):
    data = {
        "title": "Hackkväll",
        "slug": "hackkvall",
        "introduction": "Vi hackar på öppna data.",
        "tags": "",
        "body": streamfield([]),
        "status": "scheduled",
        "status_note": "",
        "start_date": (local_today() + dt.timedelta(days=7)).isoformat(),
        "start_time": "18:00",
        "end_date": "",
        "end_time": "",
        "date_description": "",
        "repeat_frequency": "",
        "repeat_interval": "1",
        "repeat_monthly_by": "date",
        "repeat_until": "",
        "repeat_count": "",
        "venue_name": "Stadsbiblioteket",
        "address": "Götaplatsen 3",
        "latitude": "",
        "longitude": "",
        "online_url": "",
        "registration_url": "",
        "exception_dates": inline_formset([]),
        "occurrence_overrides": inline_formset([]),
    }
    # Checkboxes post one value per ticked box: added after the nesting, as a list.
    weekdays = overrides.pop("repeat_weekdays", [])
    data = page_form(data, overrides)
    data["repeat_weekdays"] = weekdays
    return data


def group_form(page=None, **overrides):
    """The local group editor's data: `page`'s values, or those of a new group in Umeå."""
    data = {
        "title": page.title if page else "Civic Tech Umeå",
        "slug": page.slug if page else "umea",
        "city": page.city if page else "Umeå",
        "region": page.region if page else "AC",
        "latitude": str(page.latitude or "") if page else "",
        "longitude": str(page.longitude or "") if page else "",
        "introduction": page.introduction if page else "Vi ses.",
        "body": streamfield([]),
        "organisers": inline_formset([]),
        "contact_email": page.contact_email if page else "",
        "chat_link": page.chat_link if page else "",
        "partners": inline_formset([]),
    }
    return page_form(data, overrides)
