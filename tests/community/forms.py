"""Admin form data for the HTTP tests (what Wagtail's page editor posts)."""

import datetime as dt

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.localtime import local_today


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
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def group_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "city": page.city,
        "region": page.region,
        "latitude": str(page.latitude or ""),
        "longitude": str(page.longitude or ""),
        "introduction": page.introduction,
        "body": streamfield([]),
        "organisers": inline_formset([]),
        "contact_email": page.contact_email,
        "chat_link": page.chat_link,
        "partners": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "listing_summary": "",
    }
    data.update(overrides)
    return nested_form_data(data)
