"""Demo content for the hub: home, about, accessibility statement, news, partners, settings.

Swedish first, each page with its English translation. Idempotent: a second run changes
nothing. Facts about the partners come from the platform description in the seeds; the
sentences are written for this site.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site
from wagtail.rich_text import RichText

from hub.demo import DemoReport, apply_fields, upsert_child, upsert_translation
from hub.models import (
    NewsIndexPage,
    NewsPage,
    PartnerIndexPage,
    PartnerPage,
    Person,
    SiteSettings,
    StandardPage,
)
from hub.setup import configure_default_site, ensure_home_pages

SITE_NAME = "Civic Tech Sweden"


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", RichText(html))


# --- Home -------------------------------------------------------------------------------

HOME = {
    "sv": {
        "introduction": (
            "Civic Tech Sweden samlar människor som vill använda teknik för det gemensamma: "
            "medborgare, föreningar, forskare, företag och offentlig sektor. Här hittar du "
            "lokala grupper, Civic Tech Labs, evenemang och projekt över hela landet."
        ),
        "search_description": (
            "Det svenska nätverket för civic tech: lokala grupper, labb, evenemang och "
            "projekt som använder teknik för ett öppnare och mer delaktigt samhälle."
        ),
        "body": [
            (
                "call_to_action",
                {
                    "heading": "Vill du vara med?",
                    "text": (
                        "Alla kan delta, oavsett om du programmerar, designar, forskar, "
                        "arbetar i en kommun eller bara har en idé om något som kunde "
                        "fungera bättre."
                    ),
                    "link": {"title": "Läs mer om nätverket", "page": None,
                             "external_url": ""},
                },
            ),
        ],
    },
    "en": {
        "introduction": (
            "Civic Tech Sweden brings together people who want to use technology for the "
            "common good: citizens, associations, researchers, companies and the public "
            "sector. Find local groups, Civic Tech Labs, events and projects across Sweden."
        ),
        "search_description": (
            "Sweden's civic tech network: local groups, labs, events and projects using "
            "technology for a more open and participatory society."
        ),
        "body": [
            (
                "call_to_action",
                {
                    "heading": "Want to take part?",
                    "text": (
                        "Everyone is welcome, whether you write code, design, do research, "
                        "work for a municipality or simply have an idea about something "
                        "that could work better."
                    ),
                    "link": {"title": "Read more about the network", "page": None,
                             "external_url": ""},
                },
            ),
        ],
    },
}

# --- About --------------------------------------------------------------------------------

ABOUT = {
    "sv": {
        "slug": "om",
        "title": "Om nätverket",
        "seo_title": "Om Civic Tech Sweden",
        "introduction": (
            "Civic Tech Sweden är ett öppet nätverk för alla som vill utveckla digitala "
            "verktyg och tjänster som stärker demokratin och gör det lättare att delta i "
            "samhället."
        ),
        "search_description": "Vad Civic Tech Sweden är, vem som står bakom och vad vi erbjuder.",
        "body": [
            heading("Ett nationellt ekosystem"),
            paragraph(
                "<p>På uppdrag av Vinnova samordnar Digidem Lab arbetet med att bygga upp ett "
                "nationellt civic tech-ekosystem. Det sker tillsammans med RISE och "
                "Coompanion, och i samarbete med Mötesplats Social Innovation, Bron "
                "Innovation, Code for All och Centrum för Tjänsteforskning.</p>"
                "<p>Vi vill att nätverket ska vara inkluderande, drivas av medborgarna själva, "
                "förena olika kunskapsområden och finnas på många orter, inte bara i de "
                "största städerna.</p>"
            ),
            heading("Det här erbjuder vi"),
            paragraph(
                "<ul><li>Nationella och regionala Civic Tech Labs där projekt utvecklas och "
                "erfarenheter delas.</li>"
                "<li>Hjälp att starta en lokal grupp och ordna träffar där du bor.</li>"
                "<li>Rådgivning om affärsmodeller och om hur man samarbetar med offentliga "
                "aktörer.</li>"
                "<li>Stöd med kommunikation, så att projekten når sina användare.</li>"
                "<li>Föreläsningar med experter på bland annat öppna data och digitalt "
                "deltagande.</li></ul>"
            ),
            heading("Projekt med stöd från Vinnova"),
            paragraph(
                "<p>Projekt som finansieras genom Vinnovas utlysning inom civic tech får "
                "dessutom hjälp att sprida sitt arbete, dokumentera sina resultat och "
                "presentera dem på konferenser.</p>"
            ),
        ],
    },
    "en": {
        "slug": "about",
        "title": "About the network",
        "seo_title": "About Civic Tech Sweden",
        "introduction": (
            "Civic Tech Sweden is an open network for everyone who wants to build digital "
            "tools and services that strengthen democracy and make it easier to take part "
            "in society."
        ),
        "search_description": "What Civic Tech Sweden is, who is behind it and what we offer.",
        "body": [
            heading("A national ecosystem"),
            paragraph(
                "<p>Commissioned by Vinnova, Digidem Lab coordinates the work of building a "
                "national civic tech ecosystem. It does so together with RISE and Coompanion, "
                "in partnership with Mötesplats Social Innovation, Bron Innovation, Code for "
                "All and the Service Research Center (CTF).</p>"
                "<p>We want the network to be inclusive, driven by citizens themselves, to "
                "bring different fields of knowledge together and to be present in many "
                "places, not only in the largest cities.</p>"
            ),
            heading("What we offer"),
            paragraph(
                "<ul><li>National and regional Civic Tech Labs where projects grow and "
                "experience is shared.</li>"
                "<li>Help to start a local group and organise meetups where you live.</li>"
                "<li>Advice on business models and on working with public bodies.</li>"
                "<li>Communication support, so that projects reach their users.</li>"
                "<li>Talks by experts on open data, digital participation and more.</li></ul>"
            ),
            heading("Projects funded by Vinnova"),
            paragraph(
                "<p>Projects funded through Vinnova's civic tech call also get help to spread "
                "their work, document their results and present them at conferences.</p>"
            ),
        ],
    },
}

# --- Accessibility statement --------------------------------------------------------------

ACCESSIBILITY = {
    "sv": {
        "slug": "tillganglighet",
        "title": "Tillgänglighetsredogörelse",
        "introduction": (
            "Vi vill att så många som möjligt ska kunna använda civictech.se. Här beskriver "
            "vi hur webbplatsen uppfyller kraven på tillgänglighet, vilka brister vi känner "
            "till och hur du kan höra av dig om något inte fungerar."
        ),
        "search_description": "Hur tillgänglig civictech.se är och hur du rapporterar brister.",
        "body": [
            heading("Hur tillgänglig är webbplatsen?"),
            paragraph(
                "<p>Webbplatsen är byggd för att uppfylla nivå AA i WCAG 2.1. Den fungerar "
                "med tangentbord och skärmläsare, har tydligt fokus, tillräckliga kontraster "
                "och går att förstora utan att innehåll försvinner. Varje sidtyp testas "
                "automatiskt med verktyget axe innan en ny version publiceras.</p>"
            ),
            heading("Kända brister"),
            paragraph(
                "<ul><li>Inbäddade videor från andra tjänster saknar ibland textning.</li>"
                "<li>Äldre dokument i PDF-format är inte alltid tillgänglighetsanpassade. "
                "Kontakta oss så hjälper vi dig med innehållet i ett annat format.</li></ul>"
            ),
            heading("Kontakta oss om något inte fungerar"),
            paragraph(
                "<p>Om du stöter på hinder på webbplatsen vill vi gärna veta det. Skriv till "
                "oss via kontaktadressen längst ned på sidan och beskriv vad som inte "
                "fungerade, så återkommer vi.</p>"
            ),
            heading("Tillsyn"),
            paragraph(
                "<p>Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen av lagen "
                "om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur "
                "vi hanterar dina synpunkter kan du kontakta Digg.</p>"
            ),
        ],
    },
    "en": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": (
            "We want as many people as possible to be able to use civictech.se. This page "
            "explains how the site meets accessibility requirements, which shortcomings we "
            "know of and how to tell us when something does not work."
        ),
        "search_description": "How accessible civictech.se is and how to report problems.",
        "body": [
            heading("How accessible is this website?"),
            paragraph(
                "<p>The site is built to meet level AA of WCAG 2.1. It works with a keyboard "
                "and screen readers, has a visible focus indicator and sufficient contrast, "
                "and can be zoomed without content disappearing. Every page type is checked "
                "automatically with the axe tool before a new version goes live.</p>"
            ),
            heading("Known shortcomings"),
            paragraph(
                "<ul><li>Videos embedded from other services sometimes lack captions.</li>"
                "<li>Older PDF documents are not always accessible. Contact us and we will "
                "help you with the content in another format.</li></ul>"
            ),
            heading("Contact us if something does not work"),
            paragraph(
                "<p>If you meet a barrier on this site, we want to know. Write to the contact "
                "address at the bottom of the page, describe what did not work, and we will "
                "get back to you.</p>"
            ),
            heading("Enforcement"),
            paragraph(
                "<p>The Agency for Digital Government (Digg) supervises the Swedish act on "
                "accessibility of digital public services. If you are not satisfied with how "
                "we handle your feedback, you can contact Digg.</p>"
            ),
        ],
    },
}

# --- News ---------------------------------------------------------------------------------

NEWS_INDEX = {
    "sv": {"slug": "nyheter", "title": "Nyheter",
           "introduction": "Nytt från nätverket, projekten och våra partner."},
    "en": {"slug": "news", "title": "News",
           "introduction": "News from the network, the projects and our partners."},
}

# (slug, days ago, tags, {language: fields})
NEWS = [
    (
        "nationell-plattform-for-civic-tech",
        40,
        ["vinnova", "ekosystem"],
        {
            "sv": {
                "title": "Nu byggs en nationell plattform för civic tech",
                "introduction": (
                    "Vinnova har gett Digidem Lab i uppdrag att samordna ett nationellt "
                    "civic tech-ekosystem, tillsammans med RISE och Coompanion."
                ),
                "body": [
                    paragraph(
                        "<p>Plattformen ska stödja projekt som använder teknik för att lösa "
                        "samhällsutmaningar och göra det enklare för nya initiativ att hitta "
                        "varandra. Fyra partner bidrar med nätverk, forskning och erfarenhet "
                        "av social innovation.</p>"
                        "<p>Under året startar både nationella och regionala labb, och den som "
                        "vill starta en lokal grupp kan få stöd för det.</p>"
                    ),
                ],
            },
            "en": {
                "slug": "national-civic-tech-platform",
                "title": "A national platform for civic tech is taking shape",
                "introduction": (
                    "Vinnova has asked Digidem Lab to coordinate a national civic tech "
                    "ecosystem, together with RISE and Coompanion."
                ),
                "body": [
                    paragraph(
                        "<p>The platform will support projects that use technology to tackle "
                        "societal challenges, and make it easier for new initiatives to find "
                        "each other. Four partners contribute networks, research and "
                        "experience of social innovation.</p>"
                        "<p>National and regional labs start during the year, and anyone who "
                        "wants to start a local group can get support to do so.</p>"
                    ),
                ],
            },
        },
    ),
    (
        "starta-en-lokal-grupp",
        21,
        ["lokala-grupper"],
        {
            "sv": {
                "title": "Starta en lokal civic tech-grupp där du bor",
                "introduction": (
                    "Det behövs inte mycket för att komma igång: en lokal, några nyfikna "
                    "personer och en fråga ni vill göra något åt."
                ),
                "body": [
                    paragraph(
                        "<p>Vi hjälper dig med upplägget för de första träffarna, med att nå "
                        "ut till fler och med kontakter till kommunen och lokala föreningar. "
                        "Grupperna bestämmer själva vad de vill arbeta med.</p>"
                    ),
                ],
            },
            "en": {
                "slug": "start-a-local-group",
                "title": "Start a local civic tech group where you live",
                "introduction": (
                    "Getting started takes little: a room, a few curious people and a "
                    "question you want to do something about."
                ),
                "body": [
                    paragraph(
                        "<p>We help you plan the first meetups, reach more people and get in "
                        "touch with the municipality and local associations. Each group "
                        "decides for itself what to work on.</p>"
                    ),
                ],
            },
        },
    ),
    (
        "resultat-ska-kunna-ateranvandas",
        7,
        ["oppen-kallkod", "resultat"],
        {
            "sv": {
                "title": "Projektens resultat ska kunna återanvändas",
                "introduction": (
                    "Programvara, rapporter, dataset och metoder från projekten samlas nu på "
                    "ett ställe, med licens och kontaktperson."
                ),
                "body": [
                    paragraph(
                        "<p>När ett projekt tar slut ska det som byggts gå att hitta och "
                        "använda vidare. Därför dokumenterar vi resultaten från varje projekt "
                        "och visar dem under Projekt, på svenska och engelska.</p>"
                    ),
                ],
            },
            "en": {
                "slug": "results-that-can-be-reused",
                "title": "Project results should be reusable",
                "introduction": (
                    "Software, reports, datasets and methods from the projects are now "
                    "gathered in one place, with a licence and a contact person."
                ),
                "body": [
                    paragraph(
                        "<p>When a project ends, what it built should be easy to find and to "
                        "use again. That is why we document the results of every project and "
                        "show them under Projects, in Swedish and English.</p>"
                    ),
                ],
            },
        },
    ),
]

# --- Partners -----------------------------------------------------------------------------

PARTNER_INDEX = {
    "sv": {"slug": "partner", "title": "Partner",
           "introduction": "Organisationerna som bär upp Civic Tech Sweden."},
    "en": {"slug": "partners", "title": "Partners",
           "introduction": "The organisations behind Civic Tech Sweden."},
}

K = PartnerPage.Kind
# (slug, kind, website, {language: (title, role, description)})
PARTNERS = [
    (
        "digidem-lab", K.COORDINATOR, "https://digidemlab.org/",
        {
            "sv": ("Digidem Lab", "Samordnar den nationella civic tech-plattformen",
                   "Ett demokratilabb som arbetar för att fler ska kunna delta i samhället "
                   "med hjälp av ny teknik och deltagande metoder."),
            "en": ("Digidem Lab", "Coordinates the national civic tech platform",
                   "A democracy lab working to help more people take part in society through "
                   "new technology and participatory methods."),
        },
    ),
    (
        "vinnova", K.FUNDER, "https://www.vinnova.se/",
        {
            "sv": ("Vinnova", "Finansierar plattformen och utlysningen inom civic tech",
                   "Sveriges innovationsmyndighet, som har gett uppdraget att bygga upp ett "
                   "nationellt civic tech-ekosystem."),
            "en": ("Vinnova", "Funds the platform and the civic tech call",
                   "Sweden's innovation agency, which commissioned the national civic tech "
                   "ecosystem."),
        },
    ),
    (
        "rise", K.RESEARCH, "https://www.ri.se/",
        {
            "sv": ("RISE", "Projektpart med teknisk och samhällsvetenskaplig expertis",
                   "Ett oberoende statligt forskningsinstitut med tusentals forskare och "
                   "utvecklare inom teknik och samhällsutmaningar."),
            "en": ("RISE", "Project partner bringing technical and societal expertise",
                   "An independent state-owned research institute with thousands of "
                   "researchers and developers in technology and societal challenges."),
        },
    ),
    (
        "coompanion", K.BUSINESS, "https://coompanion.se/",
        {
            "sv": ("Coompanion Sverige", "Projektpart för affärsutveckling och samverkan",
                   "Ger råd och stöd i affärsutveckling till kooperativ och sociala företag."),
            "en": ("Coompanion Sweden", "Project partner for business development",
                   "Advises and supports cooperatives and social enterprises in developing "
                   "their business."),
        },
    ),
    (
        "motesplats-social-innovation", K.NETWORK, "",
        {
            "sv": ("Mötesplats Social Innovation", "Partner i nätverket",
                   "En nationell mötesplats för kunskap om social innovation."),
            "en": ("Mötesplats Social Innovation", "Network partner",
                   "A national meeting place for knowledge about social innovation."),
        },
    ),
    (
        "bron-innovation", K.NETWORK, "",
        {
            "sv": ("Bron Innovation", "Partner i nätverket",
                   "Arbetar med innovation och bidrar till nätverkets regionala förankring."),
            "en": ("Bron Innovation", "Network partner",
                   "Works with innovation and helps root the network regionally."),
        },
    ),
    (
        "code-for-all", K.NETWORK, "https://codeforall.org/",
        {
            "sv": ("Code for All", "Internationell partner",
                   "Ett globalt nätverk av civic tech-organisationer som delar erfarenheter "
                   "över gränserna."),
            "en": ("Code for All", "International partner",
                   "A global network of civic tech organisations sharing experience across "
                   "borders."),
        },
    ),
    (
        "centrum-for-tjansteforskning", K.RESEARCH, "https://www.kau.se/ctf",
        {
            "sv": ("Centrum för Tjänsteforskning", "Forskningspartner",
                   "Forskningscentrum vid Karlstads universitet som studerar tjänster och "
                   "tjänsteinnovation."),
            "en": ("Service Research Center (CTF)", "Research partner",
                   "A research centre at Karlstad University studying services and service "
                   "innovation."),
        },
    ),
]

# Translated page slugs for the partners whose English name differs.
PARTNER_SLUGS_EN = {
    "coompanion": "coompanion",
    "motesplats-social-innovation": "motesplats-social-innovation",
    "centrum-for-tjansteforskning": "service-research-center",
}

FOOTER = {
    "sv": (
        "Civic Tech Sweden är ett öppet nätverk för teknik som stärker demokratin. "
        "Plattformen samordnas av Digidem Lab med stöd från Vinnova."
    ),
    "en": (
        "Civic Tech Sweden is an open network for technology that strengthens democracy. "
        "The platform is coordinated by Digidem Lab with funding from Vinnova."
    ),
}


def _page_fields(data, *, show_in_menus=None):
    fields = {key: value for key, value in data.items() if key != "slug"}
    if show_in_menus is not None:
        fields["show_in_menus"] = show_in_menus
    return fields


def _pair(parent_sv, model, data, report, *, show_in_menus=False):
    """A Swedish page below `parent_sv` and its English translation."""
    sv = upsert_child(
        parent_sv, model, data["sv"]["slug"], report,
        **_page_fields(data["sv"], show_in_menus=show_in_menus),
    )
    en = upsert_translation(
        sv, "en", report, slug=data["en"]["slug"],
        **_page_fields(data["en"], show_in_menus=show_in_menus),
    )
    return sv, en


def _with_link_page(block, page):
    block_type, value = block
    if block_type == "call_to_action":
        value = {**value, "link": {**value["link"], "page": page}}
    return block_type, value


def _site(report, sv_home):
    site = Site.objects.get(is_default_site=True)
    # `migrate` already gave a fresh Site the BASE_URL's address (hub.setup); a database
    # migrated before that rule existed gets it here.
    configure_default_site(site)
    changed = apply_fields(site, {"site_name": SITE_NAME})
    if changed:
        site.save()
    report.record(site, False, changed)
    return site


def _site_settings(report, site, accessibility_page):
    site_settings = SiteSettings.for_site(site)
    changed = apply_fields(
        site_settings,
        {
            "contact_email": "petter@digidemlab.org",
            "footer_text_sv": FOOTER["sv"],
            "footer_text_en": FOOTER["en"],
            "accessibility_page": accessibility_page,
        },
    )
    if changed:
        site_settings.save()
    report.record(site_settings, False, changed)


def _people(report, digidem_lab):
    person, created = Person.objects.get_or_create(
        name="Petter Joelson",
        defaults={"organisation": "Digidem Lab"},
    )
    changed = apply_fields(
        person,
        {
            "role": "Projektledare, Civic Tech Platform",
            "organisation": "Digidem Lab",
            "organisation_page": digidem_lab,
            "bio": "Leder arbetet med den nationella civic tech-plattformen på Digidem Lab.",
        },
    )
    if created or changed:
        person.save()
    report.record(person, created, changed)


def load(stdout):
    report = DemoReport(stdout)
    sv_home, en_home = ensure_home_pages(title=SITE_NAME)
    site = _site(report, sv_home)

    about, _ = _pair(sv_home, StandardPage, ABOUT, report, show_in_menus=True)

    for home, language in ((sv_home, "sv"), (en_home, "en")):
        # Fresh from the database: the tree below it has changed since it was loaded.
        home.refresh_from_db()
        fields = dict(HOME[language])
        fields["title"] = SITE_NAME
        # The call to action leads to the about page (in the visitor's language).
        fields["body"] = [_with_link_page(block, about) for block in fields["body"]]
        changed = apply_fields(home, fields)
        if changed:
            home.save_revision().publish()
            home.refresh_from_db()
        report.record(home, False, changed)

    news_index, _ = _pair(sv_home, NewsIndexPage, NEWS_INDEX, report, show_in_menus=True)
    today = timezone.localdate()
    for slug, days_ago, tags, texts in NEWS:
        existing = NewsPage.objects.child_of(news_index).filter(slug=slug).first()
        # The date is set once, relative to the first load; later runs leave it alone.
        date = existing.date if existing else today - timedelta(days=days_ago)
        sv = upsert_child(news_index, NewsPage, slug, report, date=date, tags=tags, **texts["sv"])
        en_fields = dict(texts["en"])
        upsert_translation(
            sv, "en", report, slug=en_fields.pop("slug"), date=sv.date, tags=tags, **en_fields
        )

    partner_index, _ = _pair(sv_home, PartnerIndexPage, PARTNER_INDEX, report, show_in_menus=True)
    digidem_lab = None
    for slug, kind, website, texts in PARTNERS:
        common = {"kind": kind, "website": website}
        title, role, description = texts["sv"]
        sv = upsert_child(
            partner_index, PartnerPage, slug, report,
            title=title, role=role, description=description, **common,
        )
        title, role, description = texts["en"]
        upsert_translation(
            sv, "en", report, slug=PARTNER_SLUGS_EN.get(slug, slug),
            title=title, role=role, description=description, **common,
        )
        if slug == "digidem-lab":
            digidem_lab = sv

    # Last among the standard pages: linked from the footer, not the menu.
    accessibility, _ = _pair(sv_home, StandardPage, ACCESSIBILITY, report, show_in_menus=False)
    _site_settings(report, site, accessibility)
    _people(report, digidem_lab)
    report.finish()
