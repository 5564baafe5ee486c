"""The home pages and the index pages an import puts its pages under, in both languages.

Existing pages are always reused: an index is looked up under each home page by type
(index pages are singletons per language tree), and only created when absent. New
English indexes are translations of the Swedish ones (same translation key).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale

from hub.setup import ensure_home_pages

#: key -> (model label, {language: (title, slug)})
INDEXES = {
    "calendar": ("events.CalendarPage", {"sv": ("Kalender", "kalender"),
                                         "en": ("Calendar", "calendar")}),
    "groups": ("labs.LocalGroupIndexPage", {"sv": ("Lokala grupper", "grupper"),
                                            "en": ("Local groups", "groups")}),
    "labs": ("labs.LabIndexPage", {"sv": ("Civic Tech Labs", "labb"),
                                   "en": ("Civic Tech Labs", "labs")}),
    "projects": ("projects.ProjectIndexPage", {"sv": ("Projekt", "projekt"),
                                               "en": ("Projects", "projects")}),
    "news": ("hub.NewsIndexPage", {"sv": ("Nyheter", "nyheter"), "en": ("News", "news")}),
    "partners": ("hub.PartnerIndexPage", {"sv": ("Partners", "partners"),
                                          "en": ("Partners", "partners")}),
}


#: The header menu's order of the sections (the home page's in-menu children); pages the
#: import puts in the menu otherwise (about, ...) follow.
MENU_ORDER = ("calendar", "groups", "labs", "projects", "news", "partners")


@dataclass
class SiteStructure:
    homes: dict  # language code -> HomePage
    locales: dict  # language code -> Locale
    indexes: dict = field(default_factory=dict)  # (key, language code) -> index page
    created: list = field(default_factory=list)  # pages this run created

    def index(self, key, lang):
        """The index page `key` in language `lang`, created on first use."""
        if (key, lang) not in self.indexes:
            self._ensure(key)
        return self.indexes[(key, lang)]

    def _ensure(self, key):
        label, titles = INDEXES[key]
        model = apps.get_model(label)
        sv_home, en_home = self.homes["sv"], self.homes["en"]
        sv_index = model.objects.child_of(sv_home).first()
        if sv_index is None:
            title, slug = titles["sv"]
            sv_index = model(title=title, slug=find_available_slug(sv_home, slug),
                             locale=self.locales["sv"], show_in_menus=True)
            sv_home.add_child(instance=sv_index)
            sv_index.save_revision().publish()
            self.created.append(sv_index)
        en_index = sv_index.get_translation_or_none(self.locales["en"])
        if en_index is None:
            en_index = model.objects.child_of(en_home).first()
        if en_index is None:
            title, slug = titles["en"]
            en_index = sv_index.copy_for_translation(self.locales["en"])
            en_index.title = title
            en_index.slug = find_available_slug(en_home, slug, ignore_page_id=en_index.pk)
            en_index.show_in_menus = True
            en_index.save_revision().publish()
            # Published from a revision, which set the new slug's url_path on another
            # instance: children added to this one would get the copy's old path.
            en_index.refresh_from_db()
            self.created.append(en_index)
        self.indexes[(key, "sv")] = sv_index.specific
        self.indexes[(key, "en")] = en_index.specific


    def arrange_menu(self):
        """After a run that created section pages: the home pages' in-menu children in
        MENU_ORDER, then the other in-menu pages in their order. Later runs (and an
        editor's order) are left alone."""
        if not self.created:
            return
        rank = {apps.get_model(INDEXES[key][0])._meta.label_lower: position
                for position, key in enumerate(MENU_ORDER)}

        def position(page):
            return rank.get(page.specific_class._meta.label_lower, len(MENU_ORDER))

        for home in self.homes.values():
            children = list(home.get_children().in_menu().order_by("path"))
            wanted = sorted(children, key=position)
            if [page.pk for page in wanted] == [page.pk for page in children]:
                continue
            for page in wanted:
                page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
                page.move(home, pos="last-child")


def load_site_structure():
    """Home pages and locales (creating them on a fresh database)."""
    sv_home, en_home = ensure_home_pages()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return SiteStructure(homes={"sv": sv_home, "en": en_home}, locales=locales)


def slug_for(text, fallback="sida"):
    """An ASCII slug (the site does not allow Unicode slugs): 'Göteborg' -> 'goteborg'."""
    return slugify(str(text or ""))[:80].strip("-") or fallback
