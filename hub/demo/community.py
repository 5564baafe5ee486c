"""Demo content for the community: local groups, labs, expert talks and the calendar.

Four local groups on the map (Göteborg, Stockholm, Uppsala, Umeå) with organisers and
partners; a national and a regional Civic Tech Lab with sessions; a calendar and a talks
index with three expert talks; and events chosen to exercise every calendar client: a
monthly series with a date off, a cancelled and a postponed event, an all-day event over
two days, a weekly series and late-evening events across both daylight-saving changes, and
an online-only webinar. Everything has an English translation.

Dates are relative to the day of the first load (recovered from a stored event on later
runs, so texts that mention dates stay put); later runs leave an existing event's schedule
alone, so running twice changes nothing, and only add what is missing.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from events.models import (
    CalendarPage,
    EventExceptionDate,
    EventOccurrenceOverride,
    EventPage,
    EventStatus,
    TalkIndexPage,
    TalkPage,
    TalkSpeaker,
)
from hub.demo import DemoReport, apply_fields, upsert_child, upsert_translation
from hub.models import PartnerIndexPage, PartnerPage, Person
from hub.setup import ensure_home_pages
from labs.geo import County
from labs.models import (
    LabHostPartner,
    LabIndexPage,
    LabPage,
    LocalGroupIndexPage,
    LocalGroupOrganiser,
    LocalGroupPage,
    LocalGroupPartner,
)

LANGUAGES = ("sv", "en")


def paragraph(html):
    return ("paragraph", RichText(html))


# --- People -------------------------------------------------------------------------------

# name: (role, organisation, partner slug or "", bio, show email)
PEOPLE = {
    "Maja Karlsson": (
        "Organisatör", "Civic Tech Göteborg", "digidem-lab",
        "Håller i gruppens månadsträffar och samarbetet med stadsbiblioteket.", True,
    ),
    "Ahmed Hassan": (
        "Organisatör", "Civic Tech Göteborg", "",
        "Utvecklare som bygger verktyg för öppna trafikdata.", False,
    ),
    "Elin Sjöberg": (
        "Organisatör", "Civic Tech Stockholm", "",
        "Tjänstedesigner som arbetar med digital delaktighet i offentlig sektor.", True,
    ),
    "Jonas Ek": (
        "Organisatör", "Civic Tech Stockholm", "",
        "Ordnar gruppens hacknätter och workshoppar.", False,
    ),
    "Sofia Lundgren": (
        "Organisatör", "Civic Tech Uppsala", "",
        "Doktorand i informatik med intresse för öppna beslut.", True,
    ),
    "Nils Johansson": (
        "Organisatör", "Civic Tech Umeå", "coompanion",
        "Driver kodkaféet och kopplar ihop gruppen med föreningslivet i Umeå.", True,
    ),
    "Aino Väisänen": (
        "Organisatör", "Civic Tech Umeå", "",
        "Datajournalist som lär ut hur man hittar och granskar öppna data.", False,
    ),
    "Karin Holm": (
        "Digitaliseringsstrateg", "Exempelby kommun", "",
        "Har lett arbetet med att publicera kommunens egen kod som öppen källkod.", False,
    ),
    "David Berg": (
        "Tillgänglighetsexpert", "", "",
        "Granskar digitala tjänster mot WCAG och utbildar utvecklare och redaktörer.", False,
    ),
    "Leila Rahimi": (
        "Nätverkssamordnare", "Code for All", "code-for-all",
        "Samordnar utbytet mellan civic tech-organisationer i Europa.", False,
    ),
    "Per Andersson": (
        "Forskare", "RISE", "rise",
        "Forskar om hur deltagande kan mätas och följas upp i offentliga projekt.", False,
    ),
}

# A person's role (Swedish, as above): the same role in English, for the English pages.
ROLES_EN = {
    "Organisatör": "Organiser",
    "Digitaliseringsstrateg": "Digitalisation strategist",
    "Tillgänglighetsexpert": "Accessibility expert",
    "Nätverkssamordnare": "Network coordinator",
    "Forskare": "Researcher",
}


def _people(report, partners):
    people = {}
    for name, (role, organisation, partner_slug, bio, show_email) in PEOPLE.items():
        person, created = Person.objects.get_or_create(name=name)
        email = name.split()[0].lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
        changed = apply_fields(
            person,
            {
                "role": role,
                "role_en": ROLES_EN.get(role, ""),
                "organisation": organisation,
                "organisation_page": partners.get(partner_slug),
                "bio": bio,
                "email": f"{email}@example.org",
                "show_email": show_email,
            },
        )
        if created or changed:
            person.save()
        report.record(person, created, changed)
        people[name] = person
    return people


# --- Index pages --------------------------------------------------------------------------

GROUP_INDEX = {
    "sv": {
        "slug": "grupper",
        "title": "Lokala grupper",
        "introduction": (
            "Civic tech-grupper över hela Sverige träffas för att lära sig, bygga och påverka "
            "tillsammans. Hitta en grupp nära dig, eller starta en."
        ),
        "body": [
            ("heading", {"text": "Starta en grupp", "level": "h2"}),
            paragraph(
                "<p>Det räcker med en lokal, några nyfikna personer och en fråga ni vill göra "
                "något åt. Hör av dig till samordnarna så hjälper vi dig med de första "
                "träffarna.</p>"
            ),
        ],
    },
    "en": {
        "slug": "groups",
        "title": "Local groups",
        "introduction": (
            "Civic tech groups all over Sweden meet to learn, build and make a difference "
            "together. Find a group near you, or start one."
        ),
        "body": [
            ("heading", {"text": "Start a group", "level": "h2"}),
            paragraph(
                "<p>All it takes is a room, a few curious people and a question you want to do "
                "something about. Get in touch with the coordinators and we will help you with "
                "the first meetups.</p>"
            ),
        ],
    },
}

LAB_INDEX = {
    "sv": {
        "slug": "labb",
        "title": "Civic Tech Labs",
        "introduction": (
            "I labben möts civilsamhälle, forskning, offentlig sektor och näringsliv för att "
            "utbyta kunskap och utveckla nya projekt, nationellt och i regionerna."
        ),
    },
    "en": {
        "slug": "labs",
        "title": "Civic Tech Labs",
        "introduction": (
            "In the labs, civil society, research, the public sector and business meet to "
            "share knowledge and develop new projects, nationally and in the regions."
        ),
    },
}

CALENDAR = {
    "sv": {
        "slug": "kalender",
        "title": "Kalender",
        "introduction": (
            "Alla träffar, labb och föreläsningar i nätverket. Prenumerera i din kalender."
        ),
    },
    "en": {
        "slug": "calendar",
        "title": "Calendar",
        "introduction": (
            "All meetups, labs and talks in the network. Subscribe in your calendar app."
        ),
    },
}

TALK_INDEX = {
    "sv": {
        "slug": "foredrag",
        "title": "Expertföreläsningar",
        "introduction": (
            "Korta föreläsningar av människor som vet, om öppen källkod, tillgänglighet, "
            "öppna data och demokrati. Med inspelningar när de finns."
        ),
    },
    "en": {
        "slug": "expert-talks",
        "title": "Expert talks",
        "introduction": (
            "Short talks by people who know, on open source, accessibility, open data and "
            "democracy. With recordings where there are any."
        ),
    },
}


def _pair(parent_sv, model, data, report, **common):
    sv_fields = {k: v for k, v in data["sv"].items() if k != "slug"}
    en_fields = {k: v for k, v in data["en"].items() if k != "slug"}
    sv = upsert_child(parent_sv, model, data["sv"]["slug"], report, **sv_fields, **common)
    en = upsert_translation(sv, "en", report, slug=data["en"]["slug"], **en_fields, **common)
    return {"sv": sv, "en": en}


# --- Groups and labs ----------------------------------------------------------------------

GROUPS = [
    {
        "slug": ("goteborg", "gothenburg"),
        "city": "Göteborg",
        "region": County.VASTRA_GOTALAND,
        "coordinates": ("57.70887", "11.97456"),
        "contact_email": "goteborg@example.org",
        "chat_link": "https://chat.example.org/civictech-goteborg",
        "organisers": [("Maja Karlsson", "convener", True), ("Ahmed Hassan", "", False)],
        "partners": ["digidem-lab"],
        "sv": {
            "title": "Civic Tech Göteborg",
            "introduction": (
                "Vi träffas en gång i månaden på stadsbiblioteket för att hacka på öppna data, "
                "prata digital demokrati och hjälpa varandra med projekt."
            ),
            "body": [
                paragraph(
                    "<p>Alla är välkomna, oavsett om du kodar, designar, skriver eller bara är "
                    "nyfiken. Ta med en idé eller hjälp till i någon annans.</p>"
                )
            ],
        },
        "en": {
            "title": "Civic Tech Gothenburg",
            "introduction": (
                "We meet once a month at the city library to hack on open data, talk about "
                "digital democracy and help each other with projects."
            ),
            "body": [
                paragraph(
                    "<p>Everyone is welcome, whether you code, design, write or are just "
                    "curious. Bring an idea or help with someone else's.</p>"
                )
            ],
        },
    },
    {
        "slug": ("stockholm", "stockholm"),
        "city": "Stockholm",
        "region": County.STOCKHOLM,
        "coordinates": ("59.32932", "18.06858"),
        "contact_email": "stockholm@example.org",
        "chat_link": "https://chat.example.org/civictech-stockholm",
        "organisers": [("Elin Sjöberg", "convener", True), ("Jonas Ek", "", False)],
        "partners": ["rise", "code-for-all"],
        "sv": {
            "title": "Civic Tech Stockholm",
            "introduction": (
                "Hacknätter, workshoppar och samtal om teknik som stärker demokratin, med "
                "deltagare från civilsamhälle, myndigheter och företag."
            ),
            "body": [
                paragraph(
                    "<p>Gruppen arbetar just nu med öppna beslut och med hur AI används i "
                    "offentlig sektor.</p>"
                )
            ],
        },
        "en": {
            "title": "Civic Tech Stockholm",
            "introduction": (
                "Hack nights, workshops and conversations about technology that strengthens "
                "democracy, with people from civil society, agencies and business."
            ),
            "body": [
                paragraph(
                    "<p>The group is currently working on open decisions and on how AI is used "
                    "in the public sector.</p>"
                )
            ],
        },
    },
    {
        "slug": ("uppsala", "uppsala"),
        "city": "Uppsala",
        "region": County.UPPSALA,
        "coordinates": ("59.85856", "17.63893"),
        "contact_email": "uppsala@example.org",
        "chat_link": "",
        "organisers": [("Sofia Lundgren", "convener", True)],
        "partners": ["centrum-for-tjansteforskning"],
        "sv": {
            "title": "Civic Tech Uppsala",
            "introduction": (
                "Studenter, forskare och invånare som vill göra kommunens beslut och data "
                "lättare att förstå och använda."
            ),
            "body": [],
        },
        "en": {
            "title": "Civic Tech Uppsala",
            "introduction": (
                "Students, researchers and residents who want to make the municipality's "
                "decisions and data easier to understand and use."
            ),
            "body": [],
        },
    },
    {
        "slug": ("umea", "umea"),
        "city": "Umeå",
        "region": County.VASTERBOTTEN,
        "coordinates": ("63.82584", "20.26304"),
        "contact_email": "umea@example.org",
        "chat_link": "https://chat.example.org/civictech-umea",
        "organisers": [("Nils Johansson", "convener", True), ("Aino Väisänen", "", False)],
        "partners": ["coompanion", "bron-innovation"],
        "sv": {
            "title": "Civic Tech Umeå",
            "introduction": (
                "Kodkafé varje torsdag och projekt tillsammans med föreningslivet i Umeå och "
                "Västerbotten."
            ),
            "body": [],
        },
        "en": {
            "title": "Civic Tech Umeå",
            "introduction": (
                "A code café every Thursday and projects with local associations in Umeå and "
                "Västerbotten."
            ),
            "body": [],
        },
    },
]

LABS = [
    {
        "slug": ("nationellt-labb", "national-lab"),
        "scope": LabPage.Scope.NATIONAL,
        "region": "",
        "hosts": ["digidem-lab", "rise"],
        "sv": {
            "title": "Nationella Civic Tech Lab",
            "theme": "Digital delaktighet och öppna data i offentlig sektor",
            "introduction": (
                "En serie labb där kommuner, myndigheter, forskare och civilsamhälle arbetar "
                "med verkliga utmaningar, från kartläggning till prototyp."
            ),
            "outcomes": [
                (
                    "outcome",
                    {
                        "title": "Utmaningskarta för öppna data",
                        "description": (
                            "Tolv kommuners behov av öppna data, samlade och prioriterade."
                        ),
                        "link": "https://civictech.se/",
                        "document": None,
                    },
                ),
            ],
        },
        "en": {
            "title": "National Civic Tech Lab",
            "theme": "Digital participation and open data in the public sector",
            "introduction": (
                "A series of labs in which municipalities, agencies, researchers and civil "
                "society work on real challenges, from mapping them to a prototype."
            ),
            "outcomes": [
                (
                    "outcome",
                    {
                        "title": "Challenge map for open data",
                        "description": (
                            "The open data needs of twelve municipalities, gathered and "
                            "prioritised."
                        ),
                        "link": "https://civictech.se/",
                        "document": None,
                    },
                ),
            ],
        },
    },
    {
        "slug": ("civic-tech-lab-norr", "civic-tech-lab-north"),
        "scope": LabPage.Scope.REGIONAL,
        "region": County.NORRBOTTEN,
        "hosts": ["bron-innovation", "digidem-lab"],
        "sv": {
            "title": "Civic Tech Lab Norr",
            "theme": "Digitala lösningar för landsbygden",
            "introduction": (
                "Ett regionalt labb där invånare, kommuner och företag i Norrbotten formulerar "
                "utmaningar och utvecklar lösningar tillsammans."
            ),
            "outcomes": [],
        },
        "en": {
            "title": "Civic Tech Lab North",
            "theme": "Digital solutions for rural areas",
            "introduction": (
                "A regional lab where residents, municipalities and businesses in Norrbotten "
                "set challenges and develop solutions together."
            ),
            "outcomes": [],
        },
    },
]


def _set_children(page, relation, rows, key):
    """Replace a page's child rows when their `key`s differ; True if they changed."""
    if [key(row) for row in getattr(page, relation).all()] == [key(row) for row in rows]:
        return False
    setattr(page, relation, rows)
    return True


def _publish_if(page, changed, report):
    if changed:
        page.save_revision().publish()
        page.refresh_from_db()
        report.updated(page)
    return page


def _translated(page, locale):
    translation = page.get_translation_or_none(locale) if page else None
    return translation.specific if translation else page


def _groups(index, people, partners, report):
    groups = {}
    en_locale = Locale.objects.get(language_code="en")
    for spec in GROUPS:
        slug_sv, slug_en = spec["slug"]
        latitude, longitude = spec["coordinates"]
        common = {
            "city": spec["city"],
            "region": spec["region"],
            "latitude": Decimal(latitude),
            "longitude": Decimal(longitude),
            "contact_email": spec["contact_email"],
            "chat_link": spec["chat_link"],
        }
        pages = {
            "sv": upsert_child(
                index["sv"], LocalGroupPage, slug_sv, report, **common, **spec["sv"]
            )
        }
        pages["en"] = upsert_translation(
            pages["sv"], "en", report, slug=slug_en, **common, **spec["en"]
        )
        for language, page in pages.items():
            organisers = [
                LocalGroupOrganiser(person=people[name], role=role, is_contact=is_contact)
                for name, role, is_contact in spec["organisers"]
            ]
            changed = _set_children(
                page, "organisers", organisers, lambda r: (r.person_id, r.role, r.is_contact)
            )
            partner_rows = [
                LocalGroupPartner(
                    partner=partners[slug]
                    if language == "sv"
                    else _translated(partners[slug], en_locale)
                )
                for slug in spec["partners"]
                if slug in partners
            ]
            changed |= _set_children(page, "partners", partner_rows, lambda r: r.partner_id)
            pages[language] = _publish_if(page, changed, report)
        groups[slug_sv] = pages
    return groups


def _labs(index, partners, report):
    labs = {}
    en_locale = Locale.objects.get(language_code="en")
    for spec in LABS:
        slug_sv, slug_en = spec["slug"]
        common = {"scope": spec["scope"], "region": spec["region"]}
        pages = {"sv": upsert_child(index["sv"], LabPage, slug_sv, report, **common, **spec["sv"])}
        pages["en"] = upsert_translation(
            pages["sv"], "en", report, slug=slug_en, **common, **spec["en"]
        )
        for language, page in pages.items():
            hosts = [
                LabHostPartner(
                    partner=partners[slug]
                    if language == "sv"
                    else _translated(partners[slug], en_locale)
                )
                for slug in spec["hosts"]
                if slug in partners
            ]
            changed = _set_children(page, "host_partners", hosts, lambda r: r.partner_id)
            pages[language] = _publish_if(page, changed, report)
        labs[slug_sv] = pages
    return labs


# --- Events -------------------------------------------------------------------------------


def nth_weekday(year, month, weekday, n):
    """The `n`th (1-based) `weekday` (0 = Monday) of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def add_months(year, month, months):
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def last_sunday(year, month):
    """The last Sunday of March or October: the days Swedish clocks change."""
    last = dt.date(year, month, 31)
    return last - dt.timedelta(days=(last.weekday() - 6) % 7)


def next_clock_change(today, month):
    """The next change in `month` (3 or 10) that still leaves a week before it."""
    change = last_sunday(today.year, month)
    if change - dt.timedelta(days=7) <= today:
        change = last_sunday(today.year + 1, month)
    return change


TUESDAY, THURSDAY, FRIDAY, SATURDAY = 1, 3, 4, 5


def _day(today, days):
    return today + dt.timedelta(days=days)


def _time(hour, minute=0):
    return dt.time(hour, minute)


def event_specs(today):
    """Every demo event, relative to `today`: (parent key, model, slugs, schedule, fields).

    `fields` holds what is the same in both languages plus a "sv" and an "en" dict.
    """
    series_year, series_month = add_months(today.year, today.month, -2)
    series_start = nth_weekday(series_year, series_month, TUESDAY, 2)
    off_year, off_month = add_months(series_year, series_month, 4)
    series_off = nth_weekday(off_year, off_month, TUESDAY, 2)
    # Three changed sessions of the same series: moved a week, cancelled, another room.
    moved, cancelled, other_room = (
        nth_weekday(*add_months(series_year, series_month, n), TUESDAY, 2) for n in (3, 5, 6)
    )
    spring = next_clock_change(today, 3)
    autumn = next_clock_change(today, 10)
    first_change = min(spring, autumn)
    # The Thursday three weeks before the next change: a weekly series across it.
    weekly_start = first_change - dt.timedelta(days=21 + (first_change.weekday() - THURSDAY) % 7)
    conference = _day(today, 52)
    conference += dt.timedelta(days=(FRIDAY - conference.weekday()) % 7)
    library = {"venue_name": "Stadsbiblioteket", "address": "Götaplatsen 3\n412 56 Göteborg"}

    return [
        (
            "group:goteborg",
            EventPage,
            ("manadstraff", "monthly-meetup"),
            {
                "start_date": series_start,
                "start_time": _time(18),
                "end_time": _time(20, 30),
                "repeat_frequency": "MONTHLY",
                "repeat_monthly_by": "weekday",
                "repeat_count": 12,
                "exception_dates": [series_off],
                "occurrence_overrides": [
                    {
                        "original_date": moved,
                        "start_date": moved + dt.timedelta(days=7),
                        "sv": {"note": "Flyttad en vecka: lokalen är upptagen."},
                        "en": {"note": "Moved by a week: the venue is taken."},
                    },
                    {
                        "original_date": cancelled,
                        "cancelled": True,
                        "sv": {"note": "Inställd: arrangörerna är på konferens."},
                        "en": {"note": "Cancelled: the organisers are at a conference."},
                    },
                    {
                        "original_date": other_room,
                        "venue_name": "Stadsbiblioteket, Hörsalen",
                        "sv": {"title": "Månadsträff i Hörsalen"},
                        "en": {"title": "Monthly meetup in the auditorium"},
                    },
                ],
            },
            {
                **library,
                "latitude": Decimal("57.697000"),
                "longitude": Decimal("11.979700"),
                "tags": ["meetup", "öppna data"],
                "sv": {
                    "title": "Månadsträff i Göteborg",
                    "introduction": (
                        "Andra tisdagen varje månad: korta presentationer, sedan arbete i "
                        "grupper. Ingen träff i " + _month_sv(series_off) + " (uppehåll)."
                    ),
                },
                "en": {
                    "title": "Monthly meetup in Gothenburg",
                    "introduction": (
                        "The second Tuesday of every month: short talks, then work in groups. "
                        "No meetup in " + series_off.strftime("%B") + " (break)."
                    ),
                },
            },
        ),
        (
            "group:goteborg",
            EventPage,
            ("hackkvall-kollektivtrafik", "hack-night-public-transport"),
            {"start_date": _day(today, 9), "start_time": _time(17, 30), "end_time": _time(21)},
            {
                **library,
                "status": EventStatus.CANCELLED,
                "tags": ["hackathon", "öppna data"],
                "sv": {
                    "title": "Hackkväll: kollektivtrafikens öppna data",
                    "introduction": "Vi bygger små verktyg på Västtrafiks öppna data.",
                    "status_note": (
                        "Inställd: lokalen är inte tillgänglig. Vi återkommer med nytt datum."
                    ),
                },
                "en": {
                    "title": "Hack night: open public transport data",
                    "introduction": "We build small tools on top of open public transport data.",
                    "status_note": "Cancelled: the room is not available. A new date will follow.",
                },
            },
        ),
        (
            "group:stockholm",
            EventPage,
            ("workshop-ai-offentlig-sektor", "workshop-ai-public-sector"),
            {"start_date": _day(today, 16), "start_time": _time(13), "end_time": _time(16)},
            {
                "venue_name": "Kulturhuset, studion",
                "address": "Sergels torg\n111 57 Stockholm",
                "status": EventStatus.POSTPONED,
                "registration_url": "https://example.org/anmalan/ai-workshop",
                "tags": ["ai", "workshop"],
                "sv": {
                    "title": "Workshop: AI i offentlig sektor",
                    "introduction": (
                        "Hur kan invånare vara med och granska AI som kommuner använder?"
                    ),
                    "status_note": "Flyttas fram: nytt datum meddelas inom kort.",
                },
                "en": {
                    "title": "Workshop: AI in the public sector",
                    "introduction": (
                        "How can residents help scrutinise the AI that municipalities use?"
                    ),
                    "status_note": "Postponed: a new date will be announced shortly.",
                },
            },
        ),
        (
            "group:stockholm",
            EventPage,
            ("hacknatt-fore-sommartid", "hack-night-before-summer-time"),
            {
                "start_date": spring - dt.timedelta(days=1),
                "start_time": _time(21),
                "end_time": _time(23, 30),
            },
            {
                "venue_name": "Hackerspace Södermalm",
                "address": "Götgatan 1\n116 46 Stockholm",
                "tags": ["hackathon"],
                "sv": {
                    "title": "Sen hackkväll innan sommartid",
                    "introduction": "Vi kodar in på natten, innan klockan ställs fram en timme.",
                },
                "en": {
                    "title": "Late hack night before summer time",
                    "introduction": "We code late into the evening, before the clocks go forward.",
                },
            },
        ),
        (
            "group:stockholm",
            EventPage,
            ("traff-efter-sommartid", "meetup-after-summer-time"),
            {"start_date": spring + dt.timedelta(days=2), "start_time": _time(18)},
            {
                "venue_name": "Hackerspace Södermalm",
                "address": "Götgatan 1\n116 46 Stockholm",
                "tags": ["meetup"],
                "sv": {
                    "title": "Träff efter omställningen till sommartid",
                    "introduction": (
                        "Samma tid på klockan som förra gången, en ny tidszon i kalendern."
                    ),
                },
                "en": {
                    "title": "Meetup after the change to summer time",
                    "introduction": (
                        "Same time on the clock as last time, a new offset in the calendar."
                    ),
                },
            },
        ),
        (
            "group:uppsala",
            EventPage,
            ("hacknatt-fore-vintertid", "hack-night-before-winter-time"),
            {
                "start_date": autumn - dt.timedelta(days=1),
                "start_time": _time(22),
                "end_date": autumn,
                "end_time": _time(3, 30),
            },
            {
                "venue_name": "Ekonomikum",
                "address": "Kyrkogårdsgatan 10\n753 13 Uppsala",
                "tags": ["hackathon", "öppna data"],
                "sv": {
                    "title": "Hacknatt när vintertiden börjar",
                    "introduction": (
                        "Från sent på lördagskvällen till tidig söndagsmorgon: natten då klockan "
                        "ställs tillbaka och vi får en extra timme att hacka."
                    ),
                },
                "en": {
                    "title": "Hack night as winter time begins",
                    "introduction": (
                        "From late on Saturday evening to early Sunday morning: the night the "
                        "clocks go back and we get an extra hour to hack."
                    ),
                },
            },
        ),
        (
            "group:uppsala",
            EventPage,
            ("traff-efter-vintertid", "meetup-after-winter-time"),
            {"start_date": autumn + dt.timedelta(days=2), "start_time": _time(18)},
            {
                "venue_name": "Ekonomikum",
                "address": "Kyrkogårdsgatan 10\n753 13 Uppsala",
                "tags": ["meetup"],
                "sv": {
                    "title": "Träff efter omställningen till vintertid",
                    "introduction": "Vi går igenom vad gruppen byggde under hacknatten.",
                },
                "en": {
                    "title": "Meetup after the change to winter time",
                    "introduction": "We go through what the group built during the hack night.",
                },
            },
        ),
        (
            "group:umea",
            EventPage,
            ("kodkafe", "code-cafe"),
            {
                "start_date": weekly_start,
                "start_time": _time(17, 30),
                "end_time": _time(19),
                "repeat_frequency": "WEEKLY",
                "repeat_weekdays": ["TH"],
                "repeat_count": 6,
            },
            {
                "venue_name": "Väven",
                "address": "Storgatan 46A\n903 26 Umeå",
                "tags": ["meetup"],
                "sv": {
                    "title": "Kodkafé i Umeå",
                    "introduction": "Varje torsdag i sex veckor: ta med datorn och en fråga.",
                },
                "en": {
                    "title": "Code café in Umeå",
                    "introduction": (
                        "Every Thursday for six weeks: bring your laptop and a question."
                    ),
                },
            },
        ),
        (
            "calendar",
            EventPage,
            ("civic-tech-dagarna", "civic-tech-days"),
            {
                "all_day": True,
                "start_date": conference,
                "end_date": conference + dt.timedelta(days=1),
            },
            {
                "venue_name": "Chalmers konferenscentrum",
                "address": "Chalmersplatsen 1\n412 96 Göteborg",
                "registration_url": "https://example.org/anmalan/civic-tech-dagarna",
                "tags": ["konferens", "öppna data", "tillgänglighet"],
                "sv": {
                    "title": "Civic Tech-dagarna",
                    "introduction": (
                        "Två dagar med hela nätverket: föreläsningar, labb och hackathon."
                    ),
                },
                "en": {
                    "title": "Civic Tech Days",
                    "introduction": "Two days with the whole network: talks, labs and a hackathon.",
                },
            },
        ),
        (
            "calendar",
            EventPage,
            ("webbinarium-oppna-data", "webinar-open-data"),
            {"start_date": _day(today, 12), "start_time": _time(12), "end_time": _time(13)},
            {
                "online_url": "https://meet.example.org/civictech-webbinarium",
                "tags": ["öppna data"],
                "sv": {
                    "title": "Webbinarium: kom igång med öppna data",
                    "introduction": (
                        "En lunchtimme online om var data finns och hur man använder dem."
                    ),
                },
                "en": {
                    "title": "Webinar: getting started with open data",
                    "introduction": "A lunch hour online on where data is and how to use it.",
                },
            },
        ),
        (
            "lab:nationellt-labb",
            EventPage,
            ("labbtraff-1", "lab-session-1"),
            {"start_date": _day(today, -35), "start_time": _time(13), "end_time": _time(16)},
            {
                "venue_name": "RISE, Lindholmen",
                "address": "Lindholmspiren 3\n417 56 Göteborg",
                "tags": ["labb", "öppna data"],
                "sv": {
                    "title": "Labbträff 1: kartlägg utmaningarna",
                    "introduction": "Kommunerna beskriver sina behov; vi sorterar och prioriterar.",
                },
                "en": {
                    "title": "Lab session 1: mapping the challenges",
                    "introduction": (
                        "The municipalities describe their needs; we sort and prioritise."
                    ),
                },
            },
        ),
        (
            "lab:nationellt-labb",
            EventPage,
            ("labbtraff-2", "lab-session-2"),
            {"start_date": _day(today, 24), "start_time": _time(13), "end_time": _time(16)},
            {
                "venue_name": "RISE, Lindholmen",
                "address": "Lindholmspiren 3\n417 56 Göteborg",
                "online_url": "https://meet.example.org/civictech-labb",
                "tags": ["labb"],
                "sv": {
                    "title": "Labbträff 2: från idé till prototyp",
                    "introduction": (
                        "Grupperna bygger enkla prototyper och testar dem med användare."
                    ),
                },
                "en": {
                    "title": "Lab session 2: from idea to prototype",
                    "introduction": "The groups build simple prototypes and test them with users.",
                },
            },
        ),
        (
            "lab:nationellt-labb",
            TalkPage,
            ("att-mata-delaktighet", "measuring-participation"),
            {"start_date": _day(today, 40), "start_time": _time(15), "end_time": _time(16)},
            {
                "online_url": "https://meet.example.org/civictech-labb",
                "speakers": ["Per Andersson"],
                "tags": ["labb", "forskning"],
                "sv": {
                    "title": "Expertföreläsning: att mäta delaktighet",
                    "introduction": "Vilka mått säger något om hur många som faktiskt kan delta?",
                },
                "en": {
                    "title": "Expert talk: measuring participation",
                    "introduction": (
                        "Which measures say something about how many people can really take "
                        "part?"
                    ),
                },
            },
        ),
        (
            "lab:civic-tech-lab-norr",
            EventPage,
            ("fortraff-online", "online-kick-off"),
            {"start_date": _day(today, -20), "start_time": _time(18), "end_time": _time(19)},
            {
                "online_url": "https://meet.example.org/civictech-norr",
                "tags": ["labb", "landsbygd"],
                "sv": {
                    "title": "Förträff online",
                    "introduction": (
                        "Vi presenterar labbet och samlar in utmaningar från kommunerna."
                    ),
                },
                "en": {
                    "title": "Online kick-off",
                    "introduction": (
                        "We present the lab and gather challenges from the municipalities."
                    ),
                },
            },
        ),
        (
            "lab:civic-tech-lab-norr",
            EventPage,
            ("forsta-labbtraffen-lulea", "first-lab-session-lulea"),
            {"start_date": _day(today, 75), "start_time": _time(10), "end_time": _time(15)},
            {
                "venue_name": "Kulturens hus",
                "address": "Skeppsbrogatan 17\n972 31 Luleå",
                "latitude": Decimal("65.583300"),
                "longitude": Decimal("22.146300"),
                "tags": ["labb", "landsbygd"],
                "sv": {
                    "title": "Första labbträffen i Luleå",
                    "introduction": "Uppstart med utmaningar från fem kommuner i Norrbotten.",
                },
                "en": {
                    "title": "First lab session in Luleå",
                    "introduction": (
                        "Kick-off with challenges from five municipalities in Norrbotten."
                    ),
                },
            },
        ),
        (
            "talks",
            TalkPage,
            ("oppen-kallkod-i-kommunen", "open-source-in-the-municipality"),
            {"start_date": _day(today, -45), "start_time": _time(15), "end_time": _time(16)},
            {
                "online_url": "https://meet.example.org/civictech-foredrag",
                "recording_url": "https://video.example.org/w/oppen-kallkod-i-kommunen",
                "speakers": ["Karin Holm"],
                "tags": ["öppen källkod"],
                "sv": {
                    "title": "Öppen källkod i kommunen",
                    "introduction": (
                        "Så gick det till när en kommun började dela sin kod, och vad det "
                        "gav."
                    ),
                },
                "en": {
                    "title": "Open source in the municipality",
                    "introduction": (
                        "How a municipality started sharing its code, and what came of it."
                    ),
                },
            },
        ),
        (
            "talks",
            TalkPage,
            ("tillganglighet-fran-borjan", "accessibility-from-the-start"),
            {"start_date": _day(today, 18), "start_time": _time(15), "end_time": _time(16)},
            {
                "venue_name": "Stadsbiblioteket",
                "address": "Odengatan 63\n113 22 Stockholm",
                "online_url": "https://meet.example.org/civictech-foredrag",
                "speakers": ["David Berg"],
                "tags": ["tillgänglighet"],
                "sv": {
                    "title": "Tillgänglighet från början",
                    "introduction": (
                        "Varför tillgänglighet blir billigare och bättre när den finns med "
                        "från start."
                    ),
                },
                "en": {
                    "title": "Accessibility from the start",
                    "introduction": (
                        "Why accessibility is cheaper and better when it is there from the "
                        "start."
                    ),
                },
            },
        ),
        (
            "talks",
            TalkPage,
            ("civic-tech-i-europa", "civic-tech-in-europe"),
            {"start_date": _day(today, 33), "start_time": _time(17), "end_time": _time(18)},
            {
                "online_url": "https://meet.example.org/civictech-foredrag",
                "speakers": ["Leila Rahimi", "Per Andersson"],
                "tags": ["internationellt"],
                "sv": {
                    "title": "Civic tech i Europa: lärdomar från Code for All",
                    "introduction": "Vad svenska grupper kan lära av nätverk i andra länder.",
                },
                "en": {
                    "title": "Civic tech in Europe: lessons from Code for All",
                    "introduction": (
                        "What Swedish groups can learn from networks in other countries."
                    ),
                },
            },
        ),
    ]


MONTHS_SV = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]


def _month_sv(day):
    return MONTHS_SV[day.month - 1]


def _override(spec, language):
    """A changed session from its demo spec (shared fields plus "sv"/"en" texts)."""
    fields = {key: value for key, value in spec.items() if key not in LANGUAGES}
    return EventOccurrenceOverride(**fields, **spec.get(language, {}))


def _events(parents, people, today, report):
    count = 0
    for parent_key, model, (slug_sv, slug_en), schedule, spec in event_specs(today):
        parent = parents.get(parent_key)
        if parent is None:
            continue
        spec = dict(spec)
        texts = {language: spec.pop(language) for language in LANGUAGES}
        speakers = [people[name] for name in spec.pop("speakers", [])]
        schedule = dict(schedule)
        exception_dates = schedule.pop("exception_dates", [])
        overrides = schedule.pop("occurrence_overrides", [])
        existing = model.objects.child_of(parent).filter(slug=slug_sv).first()
        # An existing event keeps its schedule (and its exception dates): see the docstring.
        fields = {**spec, **texts["sv"]} if existing else {**schedule, **spec, **texts["sv"]}
        pages = {"sv": upsert_child(parent, model, slug_sv, report, **fields)}
        pages["en"] = upsert_translation(
            pages["sv"], "en", report, slug=slug_en, **spec, **texts["en"]
        )
        for language, page in pages.items():
            changed = False
            if not existing and exception_dates:
                changed |= _set_children(
                    page,
                    "exception_dates",
                    [EventExceptionDate(date=day) for day in exception_dates],
                    lambda r: r.date,
                )
            if not existing and overrides:
                changed |= _set_children(
                    page,
                    "occurrence_overrides",
                    [_override(spec, language) for spec in overrides],
                    lambda r: r.original_date,
                )
            if speakers:
                changed |= _set_children(
                    page,
                    "speakers",
                    [TalkSpeaker(person=person) for person in speakers],
                    lambda r: r.person_id,
                )
            pages[language] = _publish_if(page, changed, report)
        count += 1
    return count


# --- Loader -------------------------------------------------------------------------------


def _partners():
    """The hub demo's Swedish partner pages by slug (empty if the hub demo has not run)."""
    index = PartnerIndexPage.objects.filter(locale__language_code="sv").first()
    if index is None:
        return {}
    return {page.slug: page for page in PartnerPage.objects.child_of(index)}


ANCHOR_EVENT = ("webbinarium-oppna-data", 12)  # (slug on the calendar, days after the anchor)


def _anchor(calendar):
    """The day of the first load: every demo date is relative to it."""
    slug, days = ANCHOR_EVENT
    stored = EventPage.objects.child_of(calendar).filter(slug=slug).first()
    if stored is None:
        return timezone.localdate()
    return stored.start_date - dt.timedelta(days=days)


def load(stdout):
    report = DemoReport(stdout)
    sv_home, _en_home = ensure_home_pages()
    partners = _partners()
    people = _people(report, partners)

    calendar = _pair(sv_home, CalendarPage, CALENDAR, report, show_in_menus=True)
    group_index = _pair(sv_home, LocalGroupIndexPage, GROUP_INDEX, report, show_in_menus=True)
    lab_index = _pair(sv_home, LabIndexPage, LAB_INDEX, report, show_in_menus=True)
    talk_index = _pair(sv_home, TalkIndexPage, TALK_INDEX, report, show_in_menus=True)
    today = _anchor(calendar["sv"])

    groups = _groups(group_index, people, partners, report)
    labs = _labs(lab_index, partners, report)

    parents = {"calendar": calendar["sv"], "talks": talk_index["sv"]}
    parents.update({f"group:{slug}": pages["sv"] for slug, pages in groups.items()})
    parents.update({f"lab:{slug}": pages["sv"] for slug, pages in labs.items()})
    _events(parents, people, today, report)
    _mixed_calendar_news(sv_home, calendar, groups, report)
    report.finish()


# --- A calendar of one's own: a mix of groups and a topic --------------------------------------

MIXED_CALENDAR = {
    "groups": ("goteborg", "stockholm"),
    "tag": "öppna-data",
    "sv": {
        "slug": "din-egen-kalender",
        "title": "Din egen kalender: Göteborg och Stockholm om öppna data",
        "introduction": (
            "Kryssa i grupper, labb och ämnen i kalendern och prenumerera på just den mixen, "
            "i Google, Outlook, Apple eller Thunderbird."
        ),
        "text": (
            "<p>Ett exempel: <a href=\"{url}\">evenemangen i Göteborg och Stockholm om öppna "
            "data</a>. Kalendern visar de evenemangen, och prenumerationsrutan under dem ger "
            "ett flöde med exakt samma evenemang.</p>"
        ),
    },
    "en": {
        "slug": "your-own-calendar",
        "title": "Your own calendar: Gothenburg and Stockholm on open data",
        "introduction": (
            "Tick groups, labs and topics in the calendar and subscribe to just that mix, in "
            "Google, Outlook, Apple or Thunderbird."
        ),
        "text": (
            "<p>An example: <a href=\"{url}\">the events in Gothenburg and Stockholm on open "
            "data</a>. The calendar shows those events, and the subscribe box below them gives "
            "a feed with exactly the same events.</p>"
        ),
    },
}


def _mixed_calendar_news(sv_home, calendar, groups, report):
    """A news item that links to a filtered calendar: a mix of two groups and a topic, whose
    subscribe box offers the feed of exactly those events (issue: what you see is what you
    subscribe to)."""
    from urllib.parse import urlencode

    from hub.models import NewsIndexPage, NewsPage

    news_index = NewsIndexPage.objects.child_of(sv_home).first()
    if news_index is None:
        return
    spec = MIXED_CALENDAR
    pages = {}
    for language in ("sv", "en"):
        ids = sorted(groups[slug][language].pk for slug in spec["groups"])
        query = urlencode([*(("organiser", pk) for pk in ids), ("tag", spec["tag"])])
        url = f"{calendar[language].url}?{query}"
        texts = spec[language]
        fields = {
            "title": texts["title"],
            "introduction": texts["introduction"],
            "body": [paragraph(texts["text"].format(url=url.replace("&", "&amp;")))],
            "tags": ["öppna data"],
        }
        if language == "sv":
            existing = NewsPage.objects.child_of(news_index).filter(slug=texts["slug"]).first()
            date = existing.date if existing else timezone.localdate()
            pages["sv"] = upsert_child(
                news_index, NewsPage, texts["slug"], report, date=date, **fields
            )
        else:
            upsert_translation(
                pages["sv"], "en", report, slug=texts["slug"], date=pages["sv"].date, **fields
            )
