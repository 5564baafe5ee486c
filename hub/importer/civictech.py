"""The civictech.se collections: groups, events and posts (projects).

- `_groups/<ref>.md` -> labs.LocalGroupPage (contacts as organisers, partners as partner
  pages), except the Civic Tech Platform "group", which is the Vinnova-funded national
  programme: it becomes a national labs.LabPage.
- `_events/*.md` -> events.EventPage under the group it names, the national lab for the
  platform, or the site calendar.
- `_posts/*.md` -> projects.ProjectPage; the platform's posts are the funded projects of
  Vinnova's civic tech call.
"""

import datetime as dt
import html
import re
import unicodedata

from django.apps import apps
from django.utils import timezone

from . import documents as kinds
from .content import blocks_to_rich_text
from .dates import parse_event_time
from .documents import normalise_key
from .mapping import PageMapper, as_list
from .report import CITY, FUNDING_CALL, GROUP, IMAGES_LEFT_OUT, TIME_OFFSET

#: The group that is not a city but the national programme (any spelling of the ref).
PLATFORM_KEYS = {"civictechplatform", "civictechplattform"}

VINNOVA_CALL = {
    "funder": "Vinnova",
    "name": "Civic tech",
    "name_en": "Civic tech",
    "url": "https://www.vinnova.se/",
}

#: city key (ASCII) -> (city, county code, latitude, longitude)
CITIES = {
    "stockholm": ("Stockholm", "AB", "59.32932", "18.06858"),
    "goteborg": ("Göteborg", "O", "57.70887", "11.97456"),
    "gothenburg": ("Göteborg", "O", "57.70887", "11.97456"),
    "malmo": ("Malmö", "M", "55.60498", "13.00382"),
    "uppsala": ("Uppsala", "C", "59.85856", "17.63893"),
    "linkoping": ("Linköping", "E", "58.41086", "15.62157"),
    "orebro": ("Örebro", "T", "59.27412", "15.20664"),
    "umea": ("Umeå", "AC", "63.82584", "20.26302"),
    "lund": ("Lund", "M", "55.70466", "13.19101"),
    "vasteras": ("Västerås", "U", "59.61617", "16.55276"),
    "norrkoping": ("Norrköping", "E", "58.58774", "16.19240"),
    "jonkoping": ("Jönköping", "F", "57.78261", "14.16178"),
    "helsingborg": ("Helsingborg", "M", "56.04673", "12.69437"),
    "gavle": ("Gävle", "X", "60.67452", "17.14174"),
    "lulea": ("Luleå", "BD", "65.58415", "22.15465"),
    "karlstad": ("Karlstad", "S", "59.40316", "13.51149"),
    "sundsvall": ("Sundsvall", "Y", "62.39129", "17.30630"),
    "vaxjo": ("Växjö", "G", "56.87767", "14.80906"),
    "kalmar": ("Kalmar", "H", "56.66157", "16.36163"),
    "halmstad": ("Halmstad", "N", "56.67446", "12.85676"),
    "boras": ("Borås", "O", "57.72101", "12.93982"),
    "visby": ("Visby", "I", "57.63480", "18.29484"),
    "gotland": ("Visby", "I", "57.63480", "18.29484"),
    "ostersund": ("Östersund", "Z", "63.17920", "14.63566"),
    "falun": ("Falun", "W", "60.60650", "15.63550"),
    "skelleftea": ("Skellefteå", "AC", "64.75067", "20.95279"),
    "karlskrona": ("Karlskrona", "K", "56.16156", "15.58661"),
    "eskilstuna": ("Eskilstuna", "D", "59.37124", "16.50980"),
    "sodertalje": ("Södertälje", "AB", "59.19554", "17.62525"),
    "kiruna": ("Kiruna", "BD", "67.85572", "20.22528"),
    "trollhattan": ("Trollhättan", "O", "58.28365", "12.28864"),
    "nykoping": ("Nyköping", "D", "58.75284", "17.00790"),
    "kristianstad": ("Kristianstad", "M", "56.02939", "14.15669"),
}
#: County code (labs) -> region value (projects).
COUNTY_REGION = {
    "AB": "stockholm", "C": "uppsala", "D": "sodermanland", "E": "ostergotland",
    "F": "jonkoping", "G": "kronoberg", "H": "kalmar", "I": "gotland", "K": "blekinge",
    "M": "skane", "N": "halland", "O": "vastra-gotaland", "S": "varmland", "T": "orebro",
    "U": "vastmanland", "W": "dalarna", "X": "gavleborg", "Y": "vasternorrland",
    "Z": "jamtland", "AC": "vasterbotten", "BD": "norrbotten",
}
DEFAULT_CITY = ("", "AB", None, None)

CONTACT_HEADING = {"sv": "Kontakt", "en": "Contact"}
EVENTS_HEADING = {"sv": "Evenemang", "en": "Events"}
REGISTRATION_HINTS = ("anmäl", "anmal", "registrer", "register", "sign up", "biljett", "ticket",
                      "boka")
REGISTRATION_HOSTS = ("eventbrite.", "meetup.com", "billetto.", "tickster.", "forms.gle",
                      "docs.google.com/forms", "form.", "lu.ma", "luma.")
ONLINE_HOSTS = ("zoom.us", "meet.google.com", "teams.microsoft.com", "meet.jit.si", "whereby.com",
                "youtube.com/live")
CODE_HOSTS = ("github.com", "gitlab.com", "codeberg.org", "bitbucket.org", "sr.ht")


def ascii_key(value):
    value = unicodedata.normalize("NFKD", str(value or "").lower())
    return "".join(char for char in value if not unicodedata.combining(char))


def find_city(*texts):
    """(city, county, lat, lon) for the first known city named in any of `texts`."""
    for text in texts:
        words = re.findall(r"[a-z]+", ascii_key(text))
        for word in words:
            if word in CITIES:
                return CITIES[word]
    return None


def is_platform(doc):
    return normalise_key(doc.ref) in PLATFORM_KEYS or normalise_key(doc.stem) in PLATFORM_KEYS


class CivictechContext:
    """Lookups shared by the civictech.se mappers."""

    def __init__(self, ctx):
        self.ctx = ctx
        tree = ctx.tree
        self.groups = {}
        for doc in tree.by_kind(kinds.GROUP):
            if doc.lang == "sv" or doc.translation_of is None:
                for key in {normalise_key(doc.ref), normalise_key(doc.stem)}:
                    self.groups.setdefault(key, doc)
        # A translation's own file (`_groups/goteborg-en.md`) names the same group: the
        # original's document, whose page has the translation the mappers pick by language.
        for doc in tree.by_kind(kinds.GROUP):
            if doc.translation_of is not None:
                self.groups.setdefault(normalise_key(doc.stem), doc.translation_of)
        self.events = {}
        for doc in tree.by_kind(kinds.EVENT):
            for key in {doc.path, normalise_key(doc.ref), normalise_key(doc.stem)}:
                self.events.setdefault(key, doc)
        self._funding_call = None

    def group_doc(self, doc, report=True):
        """The group a document names, in any of its three forms: a ref (`stockholm`), a
        path (`_groups/stockholm.md`) or nothing (`""`, `[]`, no key): the group's
        document, or None."""
        values = as_list(doc.get("group"))
        if not values:
            return None
        group = self.groups.get(normalise_key(values[0]))
        if report and len(values) > 1:
            self.ctx.report.warning(doc.path, f"several groups named ({values}); the first is "
                                              "used", kind=GROUP)
        if report and group is None:
            self.ctx.report.warning(doc.path, f"group {values[0]!r} not found", kind=GROUP)
        return group

    def funding_call(self, year, path):
        """Vinnova's civic tech call: an existing FundingCall is reused, else created."""
        if self._funding_call is None:
            model = apps.get_model("projects", "FundingCall")
            call = (
                model.objects.filter(funder__iexact="vinnova", name__icontains="civic tech")
                .order_by("year")
                .first()
            )
            if call is None:
                call = model.objects.create(year=year or timezone.localdate().year, **VINNOVA_CALL)
                self.ctx.report.warning(
                    path, f"funding call “{call}” created for the Civic Tech Platform's projects; "
                         "check its name, year and link in the hub", kind=FUNDING_CALL,
                )
            self._funding_call = call
        return self._funding_call


class GroupDispatcher:
    def __init__(self, ctx, shared):
        self.group = LocalGroupMapper(ctx, shared)
        self.platform = PlatformLabMapper(ctx, shared)

    def for_document(self, doc):
        original = doc.translation_of or doc
        return self.platform if is_platform(original) else self.group


class SiteMapper(PageMapper):
    """A mapper that needs what the civictech.se documents share (groups, events by ref)."""

    def __init__(self, ctx, shared):
        super().__init__(ctx)
        self.shared = shared


class PeopleMixin:
    image_keys = ("image",)

    def references(self, doc):
        refs = super().references(doc)
        for entry in as_list(doc.get("contact")):
            if isinstance(entry, dict) and entry.get("image"):
                refs.append(str(entry["image"]))
        for entry in as_list(doc.get("partners")):
            if isinstance(entry, dict) and entry.get("logo"):
                refs.append(str(entry["logo"]))
        return refs

    def people(self, doc):
        return [
            person
            for person in (self.ctx.people.person(entry, doc.path)
                           for entry in as_list(doc.get("contact")))
            if person is not None
        ]

    def partners(self, doc):
        return [
            partner
            for partner in (self.ctx.people.partner(entry, doc.path)
                            for entry in as_list(doc.get("partners")))
            if partner is not None
        ]


class LocalGroupMapper(PeopleMixin, SiteMapper):
    model = "labs.LocalGroupPage"
    index_key = "groups"

    def apply(self, page, doc):
        ctx = self.ctx
        content = self.apply_title(page, doc)
        found = find_city(doc.ref, doc.stem, doc.get("permalink"), page.title)
        if found is None:
            found = DEFAULT_CITY
            ctx.report.warning(doc.path, "city not recognised: Stockholm County set as the "
                                         "county; correct the city and county in the hub",
                               kind=CITY)
        city, county, latitude, longitude = found
        page.city = (doc.text("city") or city or re.sub(r"(?i)^civic\s*tech\s*", "",
                                                         page.title))[:100]
        page.region = county
        page.latitude, page.longitude = latitude, longitude
        page.introduction = ctx.fit(doc.text("ingress-text"), 600, doc.path, "ingress-text")
        self.apply_listing(page, doc)
        page.body = content.blocks + self.link_blocks(doc)
        chat = self.url(doc.get("chat"))
        if chat:
            page.chat_link = chat
        organiser_model = apps.get_model("labs", "LocalGroupOrganiser")
        partner_model = apps.get_model("labs", "LocalGroupPartner")
        page.organisers = [
            organiser_model(person=person, is_contact=True) for person in self.people(doc)
        ]
        page.partners = [partner_model(partner=partner) for partner in self.partners(doc)]


class PlatformLabMapper(PeopleMixin, SiteMapper):
    """The Civic Tech Platform: a national lab whose sessions are the platform's events."""

    model = "labs.LabPage"
    index_key = "labs"

    def apply(self, page, doc):
        ctx = self.ctx
        content = self.apply_title(page, doc)
        page.scope = "national"
        page.region = ""
        excerpt = doc.text("excerpt") or doc.text("description")
        page.theme = excerpt if excerpt and len(excerpt) <= 200 else "Civic tech"
        page.introduction = ctx.fit(doc.text("ingress-text") or excerpt, 1000, doc.path,
                                    "ingress-text")
        self.apply_listing(page, doc, summary_keys=("excerpt", "description"))
        blocks = list(content.blocks)
        blocks.extend(self.contact_blocks(doc))
        page.body = blocks + self.link_blocks(doc)
        host_model = apps.get_model("labs", "LabHostPartner")
        page.host_partners = [host_model(partner=partner) for partner in self.partners(doc)]

    def contact_blocks(self, doc):
        """A lab has no organiser list: its contacts become a short section of the body."""
        people = self.people(doc)
        if not people:
            return []
        lines = []
        for person in people:
            line = f"<b>{html.escape(person.name, quote=False)}</b>"
            if person.bio:
                line += f", {html.escape(person.bio, quote=False)}"
            if person.public_email:
                email = html.escape(person.public_email)
                line += f', <a href="mailto:{email}">{email}</a>'
            lines.append(f"<p>{line}</p>")
        return [
            {"type": "heading",
             "value": {"text": CONTACT_HEADING.get(doc.lang, "Kontakt"), "level": "h2"}},
            {"type": "paragraph", "value": self.ctx.converter.normalise_rich("".join(lines))},
        ]


class EventMapper(SiteMapper):
    model = "events.EventPage"
    image_keys = ("image",)

    def __init__(self, ctx, shared):
        super().__init__(ctx, shared)
        self._parents = {}

    def fingerprint(self, doc):
        # The parent depends on the group file too (its ref, whether it is the platform).
        group = self.shared.group_doc(doc, report=False)
        mapped = f"{type(self).__name__}:{group.path if group else ''}"
        if doc.text("event-date-desc"):
            # event-date-desc moved from the body's first paragraph into its own field, so
            # such events are applied again on the next run; the others map as before.
            mapped += ":date_description"
        return mapped

    def problem(self, doc):
        try:
            parse_event_time(doc.get("event-date"))
        except ValueError as exc:
            return f"event-date: {exc}"
        return ""

    def narrow(self, candidates, doc):
        # Groups repeat their event titles ("Månadsträff"): the same day too, or it is not it.
        when = parse_event_time(doc.get("event-date"))
        return candidates.filter(start_date=when.value if when.all_day else when.value.date())

    def parent(self, doc):
        if doc.path not in self._parents:
            self._parents[doc.path] = self._find_parent(doc)
        return self._parents[doc.path]

    def _find_parent(self, doc):
        ctx = self.ctx
        group = self.shared.group_doc(doc)
        if group is not None:
            page = ctx.pages.get(group.path)
            if page is not None:
                if page.locale.language_code == doc.lang:
                    return page
                translation = page.get_translation_or_none(self.locale(doc.lang))
                if translation is not None:
                    return translation.specific
                ctx.report.warning(doc.path, f"group {group.path} has no {doc.lang} version; "
                                             "the page goes under the calendar", kind=GROUP)
            else:
                ctx.report.warning(doc.path, f"group {group.path} was not imported; the page "
                                             "goes under the calendar", kind=GROUP)
        return ctx.structure.index("calendar", doc.lang)

    def apply(self, page, doc):
        ctx = self.ctx
        content = self.apply_title(page, doc)
        when = parse_event_time(doc.get("event-date"))
        if when.correction:
            ctx.report.correction(doc.path, when.correction)
        if when.note:
            ctx.report.warning(doc.path, when.note, kind=TIME_OFFSET)
        if when.all_day:
            page.all_day = True
            page.start_date = when.value
            page.start_time = None
        else:
            page.all_day = False
            page.start_date = when.value.date()
            page.start_time = when.value.time().replace(tzinfo=None)
        page.end_date = None
        page.end_time = None
        page.introduction = ctx.fit(doc.text("ingress-text"), 1000, doc.path, "ingress-text")
        self.apply_listing(page, doc)
        self.apply_place(page, doc)
        page.date_description = ctx.fit(
            " ".join(doc.text("event-date-desc").split()), 200, doc.path, "event-date-desc"
        )
        blocks = []
        blocks.extend(content.blocks)
        page.body = blocks + self.apply_links(page, doc)
        page.tags.set(self.tags(doc, "tags", "categories"))

    def apply_place(self, page, doc):
        place = " ".join(doc.text("place").split())
        page.venue_name, page.address = "", ""
        if not place:
            return
        url = re.search(r"https?://\S+", place)
        if url and not page.online_url:
            page.online_url = self.url(url.group(0).rstrip(".,)"))
            place = place.replace(url.group(0), "").strip(" ,")
        venue, _sep, address = place.partition(",")
        page.venue_name = self.ctx.fit(venue.strip(), 200, doc.path, "place")
        page.address = self.ctx.fit(address.strip(), 500, doc.path, "place")

    def apply_links(self, page, doc):
        """Registration and online links go to their fields; the rest to a link list."""
        page.registration_url = ""
        page.online_url = page.online_url or ""
        remaining = []
        for entry in as_list(doc.get("links")):
            if not isinstance(entry, dict) or self.ctx.media.local_path(entry.get("url"), doc.path):
                remaining.append(entry)
                continue
            url = self.url(entry.get("url"))
            title = str(entry.get("title") or "").lower()
            lowered = url.lower()
            if url and not page.registration_url and (
                any(hint in title for hint in REGISTRATION_HINTS)
                or any(host in lowered for host in REGISTRATION_HOSTS)
            ):
                page.registration_url = url
            elif url and not page.online_url and any(host in lowered for host in ONLINE_HOSTS):
                page.online_url = url
            else:
                remaining.append(entry)
        return self.link_blocks(doc, remaining)


class ProjectMapper(SiteMapper):
    model = "projects.ProjectPage"
    index_key = "projects"

    def references(self, doc):
        refs = super().references(doc)
        refs += [str(entry["image"]) for entry in as_list(doc.get("contact"))
                 if isinstance(entry, dict) and entry.get("image")]
        return refs

    def fingerprint(self, doc):
        group = self.shared.group_doc(doc, report=False)
        events = ",".join(sorted(self.event_paths(doc)))
        return f"{type(self).__name__}:{group.path if group else ''}:{events}"

    def event_paths(self, doc):
        paths = []
        for entry in as_list(doc.get("events")):
            value = entry.get("event") if isinstance(entry, dict) else entry
            if not value:
                continue
            value = str(value).strip()
            event = self.shared.events.get(value) or self.shared.events.get(normalise_key(value))
            if event is not None:
                paths.append(event.path)
        return paths

    def apply(self, page, doc):
        ctx = self.ctx
        content = self.apply_title(page, doc)
        summary = (doc.text("ingress-text") or doc.text("excerpt")
                   or content.first_paragraph_text or page.title)
        page.summary = ctx.fit(summary, 600, doc.path, "ingress-text")
        self.apply_listing(page, doc)
        # A post's date says when it was published, not when the project ran: no period
        # (and so no "ongoing" status) is derived from it; an editor sets the period.
        published = self.document_date(doc, "date")
        page.start_date = None
        if published is not None:
            page.first_published_at = timezone.make_aware(
                dt.datetime.combine(published, dt.time(12)))
        group = self.shared.group_doc(doc)
        if group is not None and is_platform(group):
            page.funding_call = self.shared.funding_call(
                published.year if published else None, doc.path)
        else:
            # Community projects have no funding call.
            page.funding_call = None
        if group is not None:
            found = find_city(group.ref, group.stem, group.text("title"))
            if found:
                page.region = COUNTY_REGION.get(found[1], "")
        remaining = self.apply_links(page, doc)
        blocks = content.blocks + self.link_blocks(doc, remaining)
        rich, images = blocks_to_rich_text(ctx.converter, blocks)
        rich += self.related_events_html(doc)
        page.purpose = rich
        if images:
            if page.listing_image is None:
                image_id = images[0]["value"]["image"]["image"]
                page.listing_image = apps.get_model("wagtailimages", "Image").objects.get(
                    pk=image_id)
                images = images[1:]
            if images:
                ctx.report.warning(doc.path, f"{len(images)} image(s) in the text left out: a "
                                             "project's description has no images",
                                   kind=IMAGES_LEFT_OUT)
        page.tags.set(self.tags(doc, "tags", "categories"))
        contact_model = apps.get_model("projects", "ProjectContact")
        page.project_contacts = [
            contact_model(person=person)
            for person in (ctx.people.person(entry, doc.path)
                           for entry in as_list(doc.get("contact")))
            if person is not None
        ]

    def apply_links(self, page, doc):
        """chat -> chat, code hosts -> source code, the first other link -> website; links
        that do not fit a field stay in front matter `links` for the description."""
        page.chat_url = self.url(doc.get("chat")) or ""
        page.source_code_url = ""
        page.website_url = ""
        remaining = []
        for entry in as_list(doc.get("links")):
            raw = entry.get("url") if isinstance(entry, dict) else entry
            if self.ctx.media.local_path(raw, doc.path):
                remaining.append(entry)  # an uploaded file: a document, not a website
                continue
            url = self.url(raw)
            lowered = url.lower()
            if url and not page.source_code_url and any(h in lowered for h in CODE_HOSTS):
                page.source_code_url = url
            elif url and not page.website_url and not any(h in lowered for h in CODE_HOSTS):
                page.website_url = url
            else:
                remaining.append(entry)
        return remaining

    def related_events_html(self, doc):
        """Links to the project's events (ProjectPage has no related-events field yet)."""
        items = []
        for path in self.event_paths(doc):
            event = self.ctx.pages.get(path)
            if event is None:
                continue
            if event.locale.language_code != doc.lang:
                event = event.get_translation_or_none(self.locale(doc.lang)) or event
            items.append(f'<li><a linktype="page" id="{event.pk}">'
                         f"{html.escape(event.title, quote=False)}</a></li>")
        if not items:
            return ""
        heading = EVENTS_HEADING.get(doc.lang, EVENTS_HEADING["sv"])
        return self.ctx.converter.normalise_rich(f"<h2>{heading}</h2><ul>{''.join(items)}</ul>")


def civictech_mappers(ctx):
    shared = CivictechContext(ctx)
    return {
        kinds.GROUP: GroupDispatcher(ctx, shared),
        kinds.EVENT: EventMapper(ctx, shared),
        kinds.PROJECT: ProjectMapper(ctx, shared),
    }
