"""One-click links into people's calendar apps: pure functions from values to URLs.

* Subscriptions (a feed): `webcal://` (Apple Calendar, Thunderbird and most desktop apps
  open their subscribe dialog), Google Calendar (`calendar/r?cid=`), Outlook.com and
  Office 365 (`calendar/0/addfromweb?url=&name=`).
* One event ("add to my calendar"): Google Calendar's event template
  (`calendar/render?action=TEMPLATE`) and Outlook's compose deep link (outlook.live.com for
  personal accounts, outlook.office.com for work and school accounts). These take a single
  sitting, in UTC; only the `.ics` file keeps a series' recurrence.

Nothing here reads the database or the request: the callers pass titles, instants and text.
"""

import datetime as dt
from urllib.parse import quote, urlencode

GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r"
GOOGLE_EVENT = "https://calendar.google.com/calendar/render"
OUTLOOK_LIVE = "https://outlook.live.com"
OUTLOOK_OFFICE = "https://outlook.office.com"
# Event links carry text in the URL: keep them well within what browsers and the services
# accept (a couple of thousand characters); the full text is on the page the link names.
MAX_DETAILS = 800


# --- subscriptions ---------------------------------------------------------------------------


def webcal_url(url):
    """The `webcal://` form of an http(s) feed address (other addresses unchanged)."""
    scheme, _sep, rest = url.partition("://")
    return f"webcal://{rest}" if scheme in ("http", "https") else url


def google_subscribe_url(feed_url):
    """Google Calendar's "add calendar by URL" dialog for a feed. Google takes the webcal
    form in `cid` (it refuses some https addresses there)."""
    return f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': webcal_url(feed_url)}, quote_via=quote)}"


def _addfromweb(host, feed_url, name):
    query = urlencode({"url": feed_url, "name": name}, quote_via=quote)
    return f"{host}/calendar/0/addfromweb?{query}"


def outlook_subscribe_url(feed_url, name):
    """Outlook.com (personal Microsoft accounts): subscribe to a feed, named `name`."""
    return _addfromweb(OUTLOOK_LIVE, feed_url, name)


def office365_subscribe_url(feed_url, name):
    """Outlook on the web for work and school accounts (Microsoft 365)."""
    return _addfromweb(OUTLOOK_OFFICE, feed_url, name)


# --- single events ---------------------------------------------------------------------------


def _utc(instant):
    return instant.astimezone(dt.UTC)


def event_details(text, page_url):
    """The description of an event link: its text (shortened) and the page's address."""
    text = (text or "").strip()
    if len(text) > MAX_DETAILS:
        text = text[: MAX_DETAILS - 1].rstrip() + "…"
    return "\n\n".join(part for part in (text, page_url) if part)


def google_event_url(title, start, end, *, all_day=False, details="", location=""):
    """Google Calendar's "new event" form, filled in.

    `start`/`end` are aware datetimes (sent in UTC, `YYYYMMDDTHHMMSSZ`), or for `all_day`
    dates with `end` exclusive (the day after the last day), as Google expects.
    """
    if all_day:
        dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
    else:
        dates = f"{_utc(start):%Y%m%dT%H%M%SZ}/{_utc(end):%Y%m%dT%H%M%SZ}"
    params = {"action": "TEMPLATE", "text": title, "dates": dates}
    if details:
        params["details"] = details
    if location:
        params["location"] = location
    return f"{GOOGLE_EVENT}?{urlencode(params, quote_via=quote)}"


def _compose(host, title, start, end, all_day, details, location):
    params = {"path": "/calendar/action/compose", "rru": "addevent", "subject": title}
    if all_day:
        params.update(allday="true", startdt=start.isoformat(), enddt=end.isoformat())
    else:
        params["startdt"] = f"{_utc(start):%Y-%m-%dT%H:%M:%SZ}"
        params["enddt"] = f"{_utc(end):%Y-%m-%dT%H:%M:%SZ}"
    if details:
        params["body"] = details
    if location:
        params["location"] = location
    return f"{host}/calendar/0/deeplink/compose?{urlencode(params, quote_via=quote)}"


def outlook_event_url(title, start, end, *, all_day=False, details="", location=""):
    """Outlook.com's "new event" form, filled in (times in UTC; all-day: dates, end
    exclusive)."""
    return _compose(OUTLOOK_LIVE, title, start, end, all_day, details, location)


def office365_event_url(title, start, end, *, all_day=False, details="", location=""):
    """The same form in Outlook on the web for work and school accounts (Microsoft 365)."""
    return _compose(OUTLOOK_OFFICE, title, start, end, all_day, details, location)


def event_links(title, start, end, *, all_day=False, details="", location=""):
    """{"google": …, "outlook": …, "office365": …} for one sitting of an event."""
    args = (title, start, end)
    kwargs = {"all_day": all_day, "details": details, "location": location}
    return {
        "google": google_event_url(*args, **kwargs),
        "outlook": outlook_event_url(*args, **kwargs),
        "office365": office365_event_url(*args, **kwargs),
    }
