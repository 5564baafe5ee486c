"""Demo content for the projects app: funding calls, projects with results, a showcase.

Seven projects across statuses, themes and regions, funded through two rounds of
Vinnova's civic tech call (and one without a call), each with typed results and its
English translation; a showcase; the home page's featured projects (only when the
coordinator has chosen none). Partners come from `hub.demo.site` (looked up by slug
below the partner index); a partner that is missing is simply not linked.

Idempotent: a second run changes nothing. Dates are relative to the day a project was
first loaded (recovered from its stored start date), so later runs do not move them.
The projects and people are invented for the demo.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale

from hub.demo import DemoReport, apply_fields, upsert_child, upsert_translation
from hub.models import HomeFeaturedProject, PartnerIndexPage, PartnerPage, Person
from hub.setup import ensure_home_pages
from projects.choices import Licence, Region, ResultStatus
from projects.models import (
    FundingCall,
    ProjectContact,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ShowcaseItem,
    ShowcasePage,
)

INDEX = {
    "sv": {
        "slug": "projekt",
        "title": "Projekt",
        "introduction": (
            "Projekt som använder teknik för att stärka demokratin och göra det lättare att "
            "delta i samhället, många med stöd från Vinnovas civic tech-utlysning. Här finns "
            "vad de gör och vad de har åstadkommit."
        ),
        "results_introduction": (
            "<p>Civic Tech Platform sammanställer och dokumenterar resultaten från projekten, "
            "så att det som byggts kan hittas och användas igen: programvara, rapporter, "
            "dataset, metoder, tjänster, ändrade arbetssätt och evenemang. Varje resultat har "
            "status, licens och en länk eller ett dokument.</p>"
        ),
    },
    "en": {
        "slug": "projects",
        "title": "Projects",
        "introduction": (
            "Projects that use technology to strengthen democracy and make it easier to take "
            "part in society, many funded through Vinnova's civic tech call. See what they do "
            "and what they have achieved."
        ),
        "results_introduction": (
            "<p>The Civic Tech Platform compiles and documents the projects' results so that "
            "what was built can be found and used again: software, reports, datasets, methods, "
            "services, changed policies and events. Every result has a status, a licence and "
            "a link or a document.</p>"
        ),
    },
}

# (key, funder, name, English name, years before the first load)
CALLS = [
    ("round-1", "Vinnova", "Civic tech-utlysningen, omgång 1", "Civic tech call, round 1", 2),
    ("round-2", "Vinnova", "Civic tech-utlysningen, omgång 2", "Civic tech call, round 2", 1),
]

# Invented contact people (no real addresses).
PEOPLE = [
    ("Amira Haddad", "Projektledare", "Öppna beslut"),
    ("Johan Lindqvist", "Utvecklare", "Klimatdata för alla"),
    ("Sara Nilsson", "Processledare", "Budget i Skåne"),
]

CSV_DATASET = (
    "kommun;beslut;datum;protokoll\n"
    "Borås;Ny cykelplan;2024-03-12;https://example.org/protokoll/1\n"
    "Alingsås;Öppna data-policy;2024-04-02;https://example.org/protokoll/2\n"
)


def _result(kind, sv, en, *, days=None, status=ResultStatus.COMPLETED, progress=None,
            link="", licence="", document=None):
    """One result in both languages; `days` is relative to the project's anchor date."""
    return {
        "kind": kind, "sv": sv, "en": en, "days": days, "status": status,
        "progress": progress, "link": link, "licence": licence, "document": document,
    }


# Each project: slug (sv, en), call key, offsets in days from the first load, fields.
PROJECTS = [
    {
        "slug": ("oppna-beslut", "open-decisions"),
        "call": "round-1",
        "reference_number": "2023-00412",
        "granted_amount": 2_400_000,
        "start": -420, "end": 300,
        "region": Region.VASTRA_GOTALAND,
        "themes": ["öppna data", "demokrati", "kommuner"],
        "lead": "digidem-lab",
        "partners": [("rise", "Forskningspartner", "Research partner")],
        "contact": ("Amira Haddad", "Projektledare", "Project lead"),
        "links": {"website_url": "https://example.org/oppna-beslut",
                  "source_code_url": "https://example.org/kod/oppna-beslut",
                  "chat_url": "https://example.org/chatt/oppna-beslut"},
        "sv": {
            "title": "Öppna beslut",
            "summary": ("Gör kommunernas beslut sökbara och begripliga, så att invånare kan "
                        "följa och påverka det som rör dem."),
            "purpose": ("<p>Kommunala protokoll publiceras ofta som inskannade PDF-filer. "
                        "Projektet vill göra besluten sökbara, maskinläsbara och lätta att "
                        "förstå för alla.</p>"),
            "expected_effects": ("<p>Fler invånare följer besluten i sin kommun, och "
                                 "journalister och föreningar kan granska dem.</p>"),
            "approach": ("<p>Vi utvecklar verktyget tillsammans med tre kommuner i Västra "
                         "Götaland och testar det med föreningar och lokala medier.</p>"),
            "lessons_learned": ("<p>Det svåraste var inte tekniken utan att komma överens om "
                                "ett gemensamt format för protokollen.</p>"),
        },
        "en": {
            "title": "Open decisions",
            "summary": ("Makes municipal decisions searchable and understandable, so that "
                        "residents can follow and influence what concerns them."),
            "purpose": ("<p>Municipal minutes are often published as scanned PDF files. The "
                        "project makes decisions searchable, machine-readable and easy for "
                        "everyone to understand.</p>"),
            "expected_effects": ("<p>More residents follow the decisions of their "
                                 "municipality, and journalists and associations can "
                                 "scrutinise them.</p>"),
            "approach": ("<p>We build the tool with three municipalities in Västra Götaland "
                         "and test it with associations and local media.</p>"),
            "lessons_learned": ("<p>The hardest part was not the technology but agreeing on a "
                                "common format for the minutes.</p>"),
        },
        "results": [
            _result("software",
                    ("Beslutsverktyget", "Webbapp som läser in protokoll och gör besluten "
                     "sökbara. Fri programvara som andra kommuner kan driftsätta."),
                    ("The decision tool", "A web app that imports minutes and makes the "
                     "decisions searchable. Free software other municipalities can deploy."),
                    days=-60, link="https://example.org/kod/oppna-beslut",
                    licence=Licence.AGPL_3),
            _result("dataset",
                    ("Beslut från tre kommuner", "Alla beslut sedan 2020 från "
                     "pilotkommunerna, som CSV."),
                    ("Decisions from three municipalities", "Every decision since 2020 from "
                     "the pilot municipalities, as CSV."),
                    days=-30, licence=Licence.CC0,
                    document=("Beslut från tre kommuner (CSV)", "oppna-beslut.csv")),
            _result("report",
                    ("Slutrapport", "Vad vi byggde, hur kommunerna tog emot det och vad som "
                     "krävs för att fler ska kunna använda det."),
                    ("Final report", "What we built, how the municipalities received it and "
                     "what it takes for more to use it."),
                    days=290, status=ResultStatus.IN_PROGRESS, progress=40),
        ],
    },
    {
        "slug": ("budget-i-skane", "participatory-budget-skane"),
        "call": "round-1",
        "reference_number": "2023-00587",
        "granted_amount": 1_800_000,
        "start": -800, "end": -90,
        "region": Region.SKANE,
        "themes": ["medborgardialog", "demokrati"],
        "lead": "coompanion",
        "partners": [("digidem-lab", "Metodstöd", "Method support"),
                     ("motesplats-social-innovation", "Spridning", "Dissemination")],
        "contact": ("Sara Nilsson", "Processledare", "Process lead"),
        "links": {"website_url": "https://example.org/budget-i-skane"},
        "sv": {
            "title": "Medborgarbudget i Skåne",
            "summary": ("Invånare i fyra skånska kommuner föreslog och röstade fram hur en del "
                        "av budgeten skulle användas."),
            "purpose": ("<p>Att pröva medborgarbudget som ett sätt att nå grupper som sällan "
                        "deltar i kommunens dialoger.</p>"),
            "expected_effects": ("<p>Fler och andra röster i budgetarbetet, och förslag som "
                                 "genomförs.</p>"),
            "approach": ("<p>Workshops i bibliotek och skolor, en digital plattform för förslag "
                         "och röstning, och en öppen redovisning av vad som blev av.</p>"),
            "lessons_learned": ("<p>Digitala verktyg räcker inte: de som deltog mest hade "
                                "först träffat oss på plats.</p>"),
        },
        "en": {
            "title": "Participatory budgeting in Skåne",
            "summary": ("Residents of four municipalities in Skåne proposed and voted on how "
                        "part of the budget should be spent."),
            "purpose": ("<p>To try participatory budgeting as a way to reach groups that "
                        "rarely take part in municipal consultations.</p>"),
            "expected_effects": ("<p>More and different voices in budgeting, and proposals "
                                 "that get carried out.</p>"),
            "approach": ("<p>Workshops in libraries and schools, a digital platform for "
                         "proposals and voting, and an open account of what happened.</p>"),
            "lessons_learned": ("<p>Digital tools are not enough: those who took part most had "
                                "first met us in person.</p>"),
        },
        "results": [
            _result("method",
                    ("Handbok för medborgarbudget", "Steg för steg från beslut till "
                     "genomförande, med mallar för workshops."),
                    ("Participatory budgeting handbook", "Step by step from decision to "
                     "implementation, with workshop templates."),
                    days=-120, link="https://example.org/handbok", licence=Licence.CC_BY_SA_4),
            _result("policy_change",
                    ("Medborgarbudget blir permanent i två kommuner", "Kommunfullmäktige i två "
                     "av kommunerna beslutade att fortsätta med medborgarbudget varje år."),
                    ("Participatory budgeting made permanent in two municipalities", "The "
                     "councils of two municipalities decided to keep participatory budgeting "
                     "every year."),
                    days=-100, link="https://example.org/beslut/medborgarbudget"),
            _result("event",
                    ("Slutkonferens i Malmö", "Hundra deltagare från kommuner, föreningar och "
                     "forskning delade erfarenheter."),
                    ("Closing conference in Malmö", "A hundred participants from "
                     "municipalities, associations and research shared experiences."),
                    days=-95),
            _result("report",
                    ("Utvärdering", "Oberoende utvärdering av vilka som deltog och varför."),
                    ("Evaluation", "An independent evaluation of who took part and why."),
                    days=-92, link="https://example.org/utvardering", licence=Licence.CC_BY_4),
        ],
    },
    {
        "slug": ("tillganglig-kollektivtrafik", "accessible-public-transport"),
        "call": "round-2",
        "reference_number": "2024-01033",
        "granted_amount": 2_950_000,
        "start": -200, "end": 530,
        "region": Region.STOCKHOLM,
        "themes": ["tillgänglighet", "öppna data"],
        "lead": "rise",
        "partners": [("code-for-all", "Internationellt erfarenhetsutbyte",
                      "International exchange")],
        "contact": None,
        "links": {"source_code_url": "https://example.org/kod/tillganglig-trafik"},
        "sv": {
            "title": "Tillgänglig kollektivtrafik",
            "summary": ("Öppna data om hissar, ramper och trappor i kollektivtrafiken, så att "
                        "resor kan planeras för alla."),
            "purpose": ("<p>Den som använder rullstol eller rullator behöver veta om hissen "
                        "fungerar innan resan börjar.</p>"),
            "expected_effects": ("<p>Reseplanerare som visar tillgängliga vägar och färre "
                                 "resor som avbryts.</p>"),
            "approach": ("<p>Vi samlar in data tillsammans med brukarorganisationer och "
                         "publicerar den i ett öppet format.</p>"),
        },
        "en": {
            "title": "Accessible public transport",
            "summary": ("Open data on lifts, ramps and stairs in public transport, so that "
                        "journeys can be planned for everyone."),
            "purpose": ("<p>Wheelchair and walker users need to know whether the lift works "
                        "before the journey starts.</p>"),
            "expected_effects": ("<p>Journey planners that show accessible routes, and fewer "
                                 "interrupted journeys.</p>"),
            "approach": ("<p>We collect data together with disability organisations and "
                         "publish it in an open format.</p>"),
        },
        "results": [
            _result("dataset",
                    ("Hissar och ramper i Stockholms tunnelbana", "Läge och status för alla "
                     "hissar och ramper, uppdateras varje vecka."),
                    ("Lifts and ramps in the Stockholm metro", "Location and status of every "
                     "lift and ramp, updated weekly."),
                    days=-20, link="https://example.org/data/hissar", licence=Licence.ODBL),
            _result("service",
                    ("Reseplanerare med tillgänglighet", "En reseplanerare som undviker trappor "
                     "och trasiga hissar."),
                    ("Accessible journey planner", "A journey planner that avoids stairs and "
                     "broken lifts."),
                    days=200, status=ResultStatus.IN_PROGRESS, progress=70,
                    link="https://example.org/reseplanerare"),
        ],
    },
    {
        "slug": ("civic-tech-lab-norr", "civic-tech-lab-north"),
        "call": "round-2",
        "reference_number": "2024-01288",
        "granted_amount": 950_000,
        "start": 45, "end": 700,
        "region": Region.NORRBOTTEN,
        "themes": ["landsbygd", "innovation"],
        "lead": "bron-innovation",
        "partners": [("digidem-lab", "Samordning", "Coordination")],
        "contact": None,
        "links": {},
        "sv": {
            "title": "Civic Tech Lab Norr",
            "summary": ("Ett regionalt labb där invånare, kommuner och företag i Norrbotten "
                        "utvecklar digitala lösningar för landsbygden."),
            "purpose": ("<p>Att civic tech ska finnas även långt från storstäderna, med "
                        "utmaningar som formuleras av de som bor där.</p>"),
            "expected_effects": ("<p>Tre nya projekt som drivs vidare av lokala aktörer.</p>"),
            "approach": ("<p>Fyra labbträffar under ett år, med stöd mellan träffarna.</p>"),
        },
        "en": {
            "title": "Civic Tech Lab North",
            "summary": ("A regional lab where residents, municipalities and businesses in "
                        "Norrbotten develop digital solutions for rural areas."),
            "purpose": ("<p>To bring civic tech far from the big cities, with challenges set by "
                        "the people who live there.</p>"),
            "expected_effects": ("<p>Three new projects carried on by local actors.</p>"),
            "approach": ("<p>Four lab sessions over a year, with support in between.</p>"),
        },
        "results": [
            _result("event",
                    ("Första labbträffen i Luleå", "Uppstart med utmaningar från fem "
                     "kommuner."),
                    ("First lab session in Luleå", "Kick-off with challenges from five "
                     "municipalities."),
                    days=75, status=ResultStatus.PLANNED),
            _result("method",
                    ("Metod för regionala labb", "Hur man planerar och leder ett labb på "
                     "landsbygden."),
                    ("A method for regional labs", "How to plan and run a lab in rural "
                     "areas."),
                    days=650, status=ResultStatus.PLANNED),
        ],
    },
    {
        "slug": ("klimatdata-for-alla", "climate-data-for-everyone"),
        "call": "round-1",
        "reference_number": "2023-00733",
        "granted_amount": 1_200_000,
        "start": -760, "end": -200,
        "region": Region.NATIONAL,
        "themes": ["klimat", "öppna data"],
        "lead": "centrum-for-tjansteforskning",
        "partners": [("rise", "Datapartner", "Data partner")],
        "contact": ("Johan Lindqvist", "Utvecklare", "Developer"),
        "links": {"website_url": "https://example.org/klimatdata",
                  "source_code_url": "https://example.org/kod/klimatdata"},
        "sv": {
            "title": "Klimatdata för alla",
            "summary": ("Kommunernas utsläppsdata samlad, jämförbar och förklarad, för "
                        "invånare, skolor och lokalpolitiker."),
            "purpose": ("<p>Att göra det enkelt att se hur den egna kommunen ligger till och "
                        "vilka åtgärder som gör skillnad.</p>"),
            "expected_effects": ("<p>Bättre underlag i lokala klimatdebatter.</p>"),
            "approach": ("<p>Vi sammanställde öppna data från myndigheter och byggde "
                         "visualiseringar tillsammans med lärare.</p>"),
            "lessons_learned": ("<p>Skolorna blev de flitigaste användarna, vilket vi inte "
                                "hade räknat med.</p>"),
        },
        "en": {
            "title": "Climate data for everyone",
            "summary": ("Municipal emissions data collected, comparable and explained, for "
                        "residents, schools and local politicians."),
            "purpose": ("<p>To make it easy to see how your municipality is doing and which "
                        "measures make a difference.</p>"),
            "expected_effects": ("<p>Better grounds for local climate debates.</p>"),
            "approach": ("<p>We compiled open data from government agencies and built "
                         "visualisations together with teachers.</p>"),
            "lessons_learned": ("<p>Schools became the most active users, which we had not "
                                "expected.</p>"),
        },
        "results": [
            _result("dataset",
                    ("Utsläpp per kommun", "Årliga utsläpp per kommun och sektor i ett "
                     "enhetligt format."),
                    ("Emissions per municipality", "Annual emissions per municipality and "
                     "sector in one format."),
                    days=-300, link="https://example.org/data/utslapp", licence=Licence.CC_BY_4),
            _result("software",
                    ("Klimatkartan", "Interaktiv karta och jämförelser, fri programvara."),
                    ("The climate map", "Interactive map and comparisons, free software."),
                    days=-250, link="https://example.org/kod/klimatdata", licence=Licence.MIT),
            _result("method",
                    ("Lektionsupplägg om klimatdata", "Tre lektioner för högstadiet."),
                    ("Lesson plans on climate data", "Three lessons for lower secondary "
                     "school."),
                    days=-220, link="https://example.org/lektioner", licence=Licence.CC_BY_4),
        ],
    },
    {
        "slug": ("spraakbron", "language-bridge"),
        "call": "round-2",
        "reference_number": "2024-01410",
        "granted_amount": 1_650_000,
        "start": -150, "end": 580,
        "region": Region.OSTERGOTLAND,
        "themes": ["inkludering", "kommuner"],
        "lead": "digidem-lab",
        "partners": [("coompanion", "Affärsmodell", "Business model")],
        "contact": None,
        "links": {"website_url": "https://example.org/spraakbron"},
        "sv": {
            "title": "Språkbron",
            "summary": ("Kommunens information på lätt svenska och flera språk, framtagen "
                        "tillsammans med de som ska läsa den."),
            "purpose": ("<p>Nyanlända ska kunna förstå beslut och erbjudanden från kommunen "
                        "utan att behöva hjälp av andra.</p>"),
            "expected_effects": ("<p>Fler som söker det stöd de har rätt till.</p>"),
            "approach": ("<p>Språkcaféer där invånare testar texter, och ett verktyg som hjälper "
                         "handläggare att skriva enklare.</p>"),
        },
        "en": {
            "title": "Language bridge",
            "summary": ("Municipal information in easy Swedish and several languages, made "
                        "together with the people who will read it."),
            "purpose": ("<p>Newcomers should understand decisions and offers from the "
                        "municipality without needing help from others.</p>"),
            "expected_effects": ("<p>More people applying for the support they are entitled "
                                 "to.</p>"),
            "approach": ("<p>Language cafés where residents test texts, and a tool that helps "
                         "case workers write more simply.</p>"),
        },
        "results": [
            _result("service",
                    ("Klarspråkshjälpen", "Ett verktyg som föreslår enklare formuleringar."),
                    ("The plain language helper", "A tool that suggests simpler wording."),
                    days=120, status=ResultStatus.IN_PROGRESS, progress=55,
                    link="https://example.org/klarsprak"),
            _result("software",
                    ("Översättningsflöde", "Öppen kod för att hantera översättningar av "
                     "kommunens texter."),
                    ("Translation workflow", "Open source code for managing translations of "
                     "municipal texts."),
                    days=-10, link="https://example.org/kod/spraakbron",
                    licence=Licence.EUPL_12),
        ],
    },
    {
        "slug": ("digital-demokrati-i-skolan", "digital-democracy-in-school"),
        "call": None,
        "reference_number": "",
        "granted_amount": None,
        "start": -300, "end": 60,
        "status_override": "completed",  # ended early, its goals reached
        "region": Region.UPPSALA,
        "themes": ["demokrati", "skola"],
        "lead": None,
        "partners": [("digidem-lab", "Initiativtagare", "Initiator")],
        "contact": None,
        "links": {},
        "sv": {
            "title": "Digital demokrati i skolan",
            "summary": ("Elever i Uppsala prövade digitala verktyg för att påverka sin skola; "
                        "projektet avslutades i förtid när målen var nådda."),
            "purpose": ("<p>Att elever ska få pröva på demokratiskt inflytande med samma verktyg "
                        "som kommuner använder.</p>"),
            "lessons_learned": ("<p>Eleverna ville snabbt se resultat: korta cykler från förslag "
                                "till beslut var avgörande.</p>"),
        },
        "en": {
            "title": "Digital democracy in school",
            "summary": ("Pupils in Uppsala tried digital tools to influence their school; the "
                        "project ended early once its goals were reached."),
            "purpose": ("<p>To let pupils try democratic influence with the same tools "
                        "municipalities use.</p>"),
            "lessons_learned": ("<p>Pupils wanted to see results quickly: short cycles from "
                                "proposal to decision were essential.</p>"),
        },
        "results": [
            _result("report",
                    ("Erfarenheter från tre skolor", "Vad som fungerade och vad vi skulle göra "
                     "annorlunda."),
                    ("Lessons from three schools", "What worked and what we would do "
                     "differently."),
                    days=-15, link="https://example.org/skolrapport", licence=Licence.CC_BY_4),
        ],
    },
]

SHOWCASE = {
    "sv": {
        "slug": "oppna-data-i-praktiken",
        "title": "Öppna data i praktiken",
        "introduction": (
            "<p>Tre projekt som visar vad som händer när data blir öppen: beslut som går att "
            "granska, resor som går att planera och klimatsiffror som går att förstå.</p>"
        ),
        "listing_summary": "Tre projekt som visar vad öppna data kan göra.",
    },
    "en": {
        "slug": "open-data-in-practice",
        "title": "Open data in practice",
        "introduction": (
            "<p>Three projects that show what happens when data is opened up: decisions that "
            "can be scrutinised, journeys that can be planned and climate figures that can be "
            "understood.</p>"
        ),
        "listing_summary": "Three projects that show what open data can do.",
    },
}

# (project slug, Swedish note, English note), in the showcase's order.
SHOWCASE_ITEMS = [
    ("klimatdata-for-alla",
     "Ett avslutat projekt vars data och karta används i skolor över hela landet.",
     "A completed project whose data and map are used in schools across the country."),
    ("oppna-beslut",
     "Visar hur kommuner kan publicera beslut som data, och vad det kräver av dem.",
     "Shows how municipalities can publish decisions as data, and what it takes."),
    ("tillganglig-kollektivtrafik",
     "Data som tagits fram tillsammans med de som behöver den mest.",
     "Data produced together with the people who need it most."),
]

FEATURED_ON_HOME = ["oppna-beslut", "budget-i-skane", "tillganglig-kollektivtrafik"]


# --- Helpers ------------------------------------------------------------------------------


def _partners():
    """The demo's Swedish partner pages by slug (empty when hub's demo has not run)."""
    index = PartnerIndexPage.objects.filter(locale__language_code="sv").first()
    if index is None:
        return {}
    return {page.slug: page for page in PartnerPage.objects.child_of(index)}


def _translation(page, language_code):
    if page is None:
        return None
    translated = page.get_translation_or_none(Locale.objects.get(language_code=language_code))
    return translated.specific if translated else page


def _funding_calls(report, today):
    calls = {}
    for key, funder, name, name_en, years_ago in CALLS:
        call = FundingCall.objects.filter(funder=funder, name=name).first()
        created = call is None
        if created:
            call = FundingCall(funder=funder, name=name, year=today.year - years_ago)
        vinnova = PartnerPage.objects.filter(slug="vinnova", locale__language_code="sv").first()
        changed = apply_fields(
            call,
            {"name_en": name_en, "url": "https://www.vinnova.se/", "funder_page": vinnova},
        )
        if created or changed:
            call.save()
        report.record(call, created, changed)
        calls[key] = call
    return calls


def _person(report, name, role, project_title):
    person, created = Person.objects.get_or_create(
        name=name,
        defaults={
            "role": role,
            "organisation": project_title,
            "bio": f"{role} i projektet {project_title}.",
            "email": f"{name.split()[0].lower()}@example.org",
            "show_email": False,
        },
    )
    report.record(person, created, False)
    return person


def _document(report, title, filename, content):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    created = document is None
    if created:
        document = Document(title=title)
        document.file.save(filename, ContentFile(content.encode("utf-8")), save=False)
        document._set_document_file_metadata()  # size and hash, as an upload would
        document.save()
    report.record(document, created, False)
    return document


def _results(spec, language, anchor, report):
    blocks = []
    for result in spec["results"]:
        title, description = result[language]
        value = {
            "title": title,
            "description": description,
            "link": result["link"],
            "licence": result["licence"],
            "status": result["status"],
            "progress": result["progress"],
            "date": anchor + timedelta(days=result["days"]) if result["days"] is not None
            else None,
            "document": None,
        }
        if result["document"]:
            doc_title, filename = result["document"]
            value["document"] = _document(report, doc_title, filename, CSV_DATASET)
        blocks.append((result["kind"], value))
    return blocks


def _set_children(page, relation, rows, key):
    """Replace a page's ordered child rows when their `key`s differ; True if changed."""
    current = [key(row) for row in getattr(page, relation).all()]
    if current == [key(row) for row in rows]:
        return False
    setattr(page, relation, rows)
    return True


def _project(spec, index_sv, calls, partners, today, report):
    slug_sv, slug_en = spec["slug"]
    existing = ProjectPage.objects.child_of(index_sv).filter(slug=slug_sv).first()
    # The first load's day, recovered from the stored start, keeps every date in place.
    anchor = (existing.start_date - timedelta(days=spec["start"])) if existing else today
    common = {
        "funding_call": calls.get(spec["call"]),
        "reference_number": spec["reference_number"],
        "granted_amount": spec["granted_amount"],
        "start_date": anchor + timedelta(days=spec["start"]),
        "end_date": anchor + timedelta(days=spec["end"]),
        "status_override": spec.get("status_override", ""),
        "region": spec["region"],
        "website_url": spec["links"].get("website_url", ""),
        "source_code_url": spec["links"].get("source_code_url", ""),
        "chat_url": spec["links"].get("chat_url", ""),
    }
    lead = partners.get(spec["lead"]) if spec["lead"] else None
    contact = None
    if spec["contact"]:
        name, role_sv, _role_en = spec["contact"]
        contact = _person(report, name, role_sv, spec["sv"]["title"])

    pages = {}
    for language in ("sv", "en"):
        lead_here = _translation(lead, language) if language == "en" else lead
        fields = {
            **common,
            **spec[language],
            "lead_organisation": lead_here,
            "results": _results(spec, language, anchor, report),
            "tags": spec["themes"],
        }
        if language == "sv":
            page = upsert_child(index_sv, ProjectPage, slug_sv, report, **fields)
        else:
            page = upsert_translation(pages["sv"], "en", report, slug=slug_en, **fields)
        partner_rows = [
            ProjectPartner(
                partner=_translation(partners[slug], language) if language == "en"
                else partners[slug],
                role=role_sv if language == "sv" else role_en,
            )
            for slug, role_sv, role_en in spec["partners"]
            if slug in partners
        ]
        changed = _set_children(
            page, "project_partners", partner_rows, lambda row: (row.partner_id, row.role)
        )
        if contact is not None:
            role = spec["contact"][1] if language == "sv" else spec["contact"][2]
            changed |= _set_children(
                page, "project_contacts", [ProjectContact(person=contact, role=role)],
                lambda row: (row.person_id, row.role),
            )
        if changed:
            page.save_revision().publish()
            page.refresh_from_db()
            report.updated(page)
        pages[language] = page
    return pages


def _showcase(index_sv, projects, report):
    pages = {}
    for language in ("sv", "en"):
        fields = {key: value for key, value in SHOWCASE[language].items() if key != "slug"}
        if language == "sv":
            page = upsert_child(index_sv, ShowcasePage, SHOWCASE["sv"]["slug"], report, **fields)
        else:
            page = upsert_translation(
                pages["sv"], "en", report, slug=SHOWCASE["en"]["slug"], **fields
            )
        rows = [
            ShowcaseItem(
                project=projects[slug][language], note=note_sv if language == "sv" else note_en
            )
            for slug, note_sv, note_en in SHOWCASE_ITEMS
        ]
        if _set_children(page, "items", rows, lambda row: (row.project_id, row.note)):
            page.save_revision().publish()
            page.refresh_from_db()
            report.updated(page)
        pages[language] = page
    return pages


def _feature_on_home(homes, projects, report):
    """Choose the home page's featured projects, unless the coordinator already has."""
    for language, home in homes.items():
        if home.featured_projects.exists():
            report.unchanged(home)
            continue
        home.featured_projects = [
            HomeFeaturedProject(project=projects[slug][language], sort_order=position)
            for position, slug in enumerate(FEATURED_ON_HOME)
        ]
        home.save_revision().publish()
        report.updated(home)


def load(stdout):
    report = DemoReport(stdout)
    sv_home, en_home = ensure_home_pages()
    today = timezone.localdate()
    partners = _partners()
    if not partners:
        stdout.write("  no partner pages found: projects are loaded without partners")

    index_sv = upsert_child(
        sv_home, ProjectIndexPage, INDEX["sv"]["slug"], report,
        show_in_menus=True,
        **{key: value for key, value in INDEX["sv"].items() if key != "slug"},
    )
    upsert_translation(
        index_sv, "en", report, slug=INDEX["en"]["slug"], show_in_menus=True,
        **{key: value for key, value in INDEX["en"].items() if key != "slug"},
    )
    calls = _funding_calls(report, today)
    projects = {
        spec["slug"][0]: _project(spec, index_sv, calls, partners, today, report)
        for spec in PROJECTS
    }
    _showcase(index_sv, projects, report)
    _feature_on_home({"sv": sv_home, "en": en_home}, projects, report)
    report.finish()
