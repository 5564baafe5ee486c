"""People (contacts, organisers) and partner organisations named in front matter.

Both are shared across pages, so they are found before they are created: a person by
email address (or by name and organisation), a partner by name or website. What an
editor has filled in is never overwritten; the import only fills empty fields.
"""

from urllib.parse import urlparse

from wagtail.coreutils import find_available_slug

from hub.models import PartnerPage, Person

from .addresses import email_address, web_address
from .report import ADDRESS, CONTACT
from .site import slug_for

# Words in an organisation's name that say what kind of partner it is.
KIND_HINTS = (
    (PartnerPage.Kind.FUNDER, ("vinnova", "formas", "sida", "tillväxtverket", "stiftelse",
                               "postkodstiftelsen", "arvsfonden")),
    (PartnerPage.Kind.RESEARCH, ("universitet", "university", "högskola", "rise", "institut",
                                 "kth", "chalmers")),
    (PartnerPage.Kind.PUBLIC_SECTOR, ("kommun", "region ", "stad", "myndighet", "verket",
                                      "länsstyrelse", "skr")),
    (PartnerPage.Kind.BUSINESS, (" ab", "aktiebolag", "coompanion", "consulting", "byrå")),
    (PartnerPage.Kind.NETWORK, ("nätverk", "network", "code for", "civic tech")),
)


def valid_email(value):
    """The address a contact's `mail` means, also when obfuscated (`a(at)b(dot)se`)."""
    return email_address(value)


def valid_url(value, site_url=""):
    """An absolute http(s) URL for `value` (site-relative paths on the old site's host,
    scheme-less domains as https), or ""."""
    value = str(value or "").strip()
    if value.startswith("/") and not value.startswith("//") and site_url:
        value = site_url + value
    return web_address(value)


def website_key(url):
    """example.org/path for https://www.example.org/path/ (for de-duplication)."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").removeprefix("www.")
    return f"{host}{parsed.path.rstrip('/')}".lower() if host else ""


def guess_partner_kind(name):
    lowered = f" {name.lower()} "
    for kind, hints in KIND_HINTS:
        if any(hint in lowered for hint in hints):
            return kind
    return PartnerPage.Kind.CIVIL_SOCIETY


class PeopleAndPartners:
    """Finds or creates Person snippets and PartnerPages for one import run."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._partners = None

    # --- people --------------------------------------------------------------------------

    def person(self, entry, doc_path):
        """The Person for a front matter contact {name, image, text, mail, url, organisation,
        organisation-link}, or None when it has no name."""
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            return None
        name = " ".join(str(entry.get("name") or "").split())
        if not name:
            self.ctx.report.warning(doc_path, "contact without a name ignored", kind=CONTACT)
            return None
        raw_email = entry.get("mail") or entry.get("email")
        email = valid_email(raw_email)
        if raw_email and not email:
            self.ctx.report.warning(doc_path, f"contact {name}: {raw_email!r} is not an email "
                                              "address", kind=ADDRESS)
        organisation = " ".join(str(entry.get("organisation") or "").split())[:200]
        person = None
        if email:
            person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            person = Person.objects.filter(
                name__iexact=name[:200], organisation__iexact=organisation
            ).first()
        if person is None:
            person = Person(name=name[:200])
        updates = {
            "organisation": organisation,
            "bio": self.ctx.fit(str(entry.get("text") or "").strip(), 1000, doc_path,
                                f"contact {name}'s text"),
            "email": email,
            # The old site published the address, so the hub keeps showing it.
            "show_email": bool(email),
            "website": valid_url(entry.get("url"), self.ctx.site_url),
        }
        changed = person.pk is None
        for field, value in updates.items():
            if value and not getattr(person, field):
                setattr(person, field, value)
                changed = True
        if not person.organisation_page_id and organisation:
            partner = self.find_partner(organisation, entry.get("organisation-link"))
            if partner is not None:
                person.organisation_page = partner
                changed = True
        if not person.photo_id and entry.get("image"):
            photo = self.ctx.media.image(entry["image"], doc_path, title=name)
            if photo is not None:
                person.photo = photo
                changed = True
        if changed:
            person.save()
        return person

    # --- partners ------------------------------------------------------------------------

    def _load_partners(self):
        self._partners = {"name": {}, "site": {}}
        sv = self.ctx.structure.locales["sv"]
        for partner in PartnerPage.objects.filter(locale=sv):
            self._remember(partner)

    def _remember(self, partner):
        self._partners["name"].setdefault(partner.title.strip().lower(), partner)
        if partner.website:
            self._partners["site"].setdefault(website_key(partner.website), partner)

    def find_partner(self, name, link=None):
        if self._partners is None:
            self._load_partners()
        name_key = " ".join(str(name or "").split()).lower()
        site_key = website_key(valid_url(link, self.ctx.site_url))
        return self._partners["name"].get(name_key) or (
            self._partners["site"].get(site_key) if site_key else None
        )

    def partner(self, entry, doc_path):
        """The PartnerPage for a front matter partner {title, link, logo}, created (in both
        languages) when no partner with that name or website exists."""
        if isinstance(entry, str):
            entry = {"title": entry}
        if not isinstance(entry, dict):
            return None
        name = " ".join(str(entry.get("title") or entry.get("name") or "").split())
        link = entry.get("link") or entry.get("url")
        if not name:
            if not link:
                return None
            name = website_key(valid_url(link, self.ctx.site_url)).split("/")[0] or str(link)
        existing = self.find_partner(name, link)
        if existing is not None:
            if not existing.logo_id and entry.get("logo"):
                # Fill the logo in only if nobody has set one; no new revision for that.
                logo = self.ctx.media.image(entry["logo"], doc_path, title=name)
                if logo is not None:
                    type(existing).objects.filter(pk=existing.pk).update(logo=logo)
                    existing.logo = logo
            return existing
        index = self.ctx.structure.index("partners", "sv")
        partner = PartnerPage(
            title=name[:255],
            slug=find_available_slug(index, slug_for(name, "partner")),
            kind=guess_partner_kind(name),
            website=valid_url(link, self.ctx.site_url),
            logo=self.ctx.media.image(entry.get("logo"), doc_path, title=name)
            if entry.get("logo") else None,
            locale=self.ctx.structure.locales["sv"],
        )
        index.add_child(instance=partner)
        partner.save_revision().publish()
        self.ctx.report.created(doc_path, partner)
        translation = partner.copy_for_translation(self.ctx.structure.locales["en"])
        translation.save_revision().publish()
        self._remember(partner)
        return partner
