"""Small Jekyll trees in the civictech.se layout, with its quirks, for the importer tests.

`civictech_tree(root)` writes:

- three groups (Stockholm with an English translation, Göteborg, the Civic Tech Platform);
  Stockholm and Göteborg share a partner (RISE, with two spellings of its address);
- events naming their group in all three forms (`stockholm`, `_groups/goteborg.md`,
  `""` and `[]`), one with a summer-time offset in February and one with a winter-time
  offset in July, one correct, one all-day, a platform session, and two upcoming events
  for the feeds; one event has HTML in its body, including a <script>;
- posts (projects): one from the platform (funded), one community project with an English
  translation, one referring to a missing image;
- pages (index.md, pages/om.md + en/about.md), a form page and a README.
"""

import datetime as dt
import io
import textwrap
from pathlib import Path

from PIL import Image

EVENT_BODY_WITH_HTML = """\
Vi hackar på **öppna data** från [kommunen](https://start.stockholm/).

<script>alert("hej")</script>
<p onclick="steal()">Ta med <em>dator</em>.</p>

![Folk som hackar](/uploads/event1.png)

- Fika
- Kod

Mer i fotnoten.[^1]

[^1]: Fotnoten.
"""


def png(color=(200, 30, 30), size=(12, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def write(root, rel, text):
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def write_bytes(root, rel, data):
    path = Path(root) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def upcoming(days):
    """A date `days` from today, for events that must be in the feeds."""
    return dt.date.today() + dt.timedelta(days=days)


def civictech_tree(root):
    root = Path(root)
    write(root, "_config.yml", "title: Civic Tech Sweden\nurl: https://civictech.se\n")
    write(root, "README.md", "# civictech.se\n\nThe Jekyll source of the site.\n")
    for name, color in [("stockholm", (10, 80, 160)), ("event1", (30, 160, 60)),
                        ("person", (120, 120, 120)), ("logo-rise", (230, 120, 0)),
                        ("logo-stad", (0, 0, 0)), ("projekt", (90, 20, 140))]:
        write_bytes(root, f"_uploads/{name}.png", png(color))
    write_bytes(root, "_uploads/rapport.pdf", b"%PDF-1.4\n% test\n")

    write(root, "_groups/stockholm.md", """
        ---
        title: Civic Tech Stockholm
        lang: sv
        ref: stockholm
        permalink: /stockholm/
        excerpt: Civic tech-gruppen i Stockholm.
        ingress-text: Vi träffas varje månad och bygger digitala verktyg för det gemensamma.
        image: /uploads/stockholm.png
        contact:
          - name: Anna Andersson
            image: /uploads/person.png
            text: Samordnare för gruppen
            mail: anna@example.org
        partners:
          - title: RISE
            link: https://www.ri.se/
            logo: /uploads/logo-rise.png
          - title: Stockholms stad
            link: https://start.stockholm/
            logo: /uploads/logo-stad.png
        ---
        ## Om gruppen

        Vi är en öppen grupp. Alla är välkomna!
        """)
    write(root, "_groups/stockholm-en.md", """
        ---
        title: Civic Tech Stockholm
        lang: en
        ref: stockholm
        permalink: /en/stockholm/
        excerpt: The civic tech group in Stockholm.
        ingress-text: We meet every month and build digital tools for the common good.
        contact:
          - name: Anna Andersson
            mail: anna@example.org
        ---
        ## About the group

        We are an open group. Everyone is welcome!
        """)
    write(root, "_groups/goteborg.md", """
        ---
        title: Civic Tech Göteborg
        lang: sv
        ref: goteborg
        excerpt: Civic tech i Göteborg.
        contact:
          - name: Bo Berg
            mail: bo@example.org
            text: Kontaktperson
        partners:
          - title: RISE
            link: https://ri.se
          - title: Göteborgs Stad
            link: https://goteborg.se
        ---
        Civic Tech Göteborg samlar alla som vill förbättra staden med teknik.
        """)
    write(root, "_groups/civic-tech-platform.md", """
        ---
        title: Civic Tech Platform
        lang: sv
        ref: civic-tech-platform
        excerpt: Vinnovas satsning på ett nationellt civic tech-ekosystem.
        contact:
          - name: Petter Projektledare
            mail: petter@example.org
            text: Projektledare
        partners:
          - title: Digidem Lab
            link: https://digidemlab.org
          - title: RISE
            link: https://www.ri.se/
        ---
        Plattformen stöder projekten i Vinnovas utlysning.
        """)

    write(root, "_events/2019-02-12-hack-stockholm.md", f"""
        ---
        title: Hackkväll i februari
        lang: sv
        ref: hack-stockholm
        group: stockholm
        event-date: 2019-02-12 18:00:00 +0200
        event-date-desc: Tisdagar 12, 19 och 26 februari, kl 18–21
        place: Stadsbiblioteket, Sveavägen 73, Stockholm
        image: /uploads/event1.png
        excerpt: Vi hackar på öppna data.
        ingress-text: En kväll med kod och fika.
        links:
          - title: Anmälan
            url: https://www.eventbrite.se/e/123
            style: button
          - title: Presentationen
            url: /uploads/rapport.pdf
        ---
        {textwrap.indent(EVENT_BODY_WITH_HTML, "        ").lstrip()}
        """)
    write(root, "_events/2019-02-12-hack-stockholm-en.md", """
        ---
        title: Hack night in February
        lang: en
        ref: hack-stockholm
        group: stockholm
        event-date: 2019-02-12 18:00:00 +0200
        event-date-desc: Tuesdays 12, 19 and 26 February, 18–21
        ---
        We hack on **open data**.
        """)
    write(root, "_events/2019-07-04-sommarhack.md", """
        ---
        title: Sommarhack i Göteborg
        lang: sv
        group: _groups/goteborg.md
        event-date: 2019-07-04 17:30:00 +01:00
        place: Stadsbiblioteket Göteborg
        ---
        Sommarens hack.
        """)
    write(root, "_events/2019-09-10-natverksträff.md", """
        ---
        title: Nationell nätverksträff
        lang: sv
        group: ""
        event-date: 2019-09-10 18:00:00 +02:00
        ---
        Alla grupper träffas.
        """)
    write(root, "_events/2020-01-15-konferens.md", """
        ---
        title: Civic tech-konferensen
        lang: sv
        group: []
        event-date: 2020-01-15
        ---
        Heldag.
        """)
    write(root, "_events/2021-03-01-labb.md", """
        ---
        title: Labb om öppna data
        lang: sv
        group: civic-tech-platform
        event-date: 2021-03-01 13:00:00 +01:00
        ---
        Ett nationellt labb.
        """)
    soon, later = upcoming(20), upcoming(40)
    write(root, "_events/upcoming-stockholm.md", f"""
        ---
        title: Kommande hackkväll
        lang: sv
        group: stockholm
        event-date: {soon:%Y-%m-%d} 18:00:00 +01:00
        ---
        Snart.
        """)
    write(root, "_events/upcoming-national.md", f"""
        ---
        title: Kommande nationell träff
        lang: sv
        event-date: {later:%Y-%m-%d} 10:00:00 +01:00
        ---
        Snart igen.
        """)

    write(root, "_events/upcoming-lab.md", f"""
        ---
        title: Kommande labb
        lang: sv
        group: _groups/civic-tech-platform.md
        event-date: {later:%Y-%m-%d} 13:00:00 +02:00
        ---
        Labbet fortsätter.
        """)

    write(root, "_posts/2020-05-01-valkompass.md", """
        ---
        title: Öppen valkompass
        lang: sv
        ref: valkompass
        group: civic-tech-platform
        date: 2020-05-01
        excerpt: En valkompass byggd på öppna data.
        ingress-text: Projektet bygger en öppen valkompass för kommunval.
        image: /uploads/projekt.png
        chat: https://chat.civictech.se/valkompass
        tags: [öppen data, demokrati]
        categories: verktyg
        contact:
          - name: Cecilia Carlsson
            mail: cecilia@example.org
            organisation: Föreningen Valkompass
            organisation-link: https://valkompass.example.org
        links:
          - title: Källkod
            url: https://github.com/civictechsweden/valkompass
          - title: Webbplats
            url: https://valkompass.example.org
          - title: Rapporten
            url: https://example.org/rapport
        events:
          - event: _events/2021-03-01-labb.md
        ---
        ## Syfte

        Att göra valet *begripligt*. Läs [rapporten](/uploads/rapport.pdf).
        """)
    write(root, "_posts/2020-05-01-valkompass-en.md", """
        ---
        title: Open voting advice
        lang: en
        ref: valkompass
        group: civic-tech-platform
        date: 2020-05-01
        ingress-text: The project builds an open voting advice application.
        tags: [open data]
        ---
        ## Purpose

        To make elections *understandable*.
        """)
    write(root, "_posts/2020-06-01-cykelkarta.md", """
        ---
        title: Cykelkartan
        lang: sv
        group: _groups/stockholm.md
        date: 2020-06-01
        image: /uploads/finns-inte.png
        ingress-text: En karta över cykelvägar.
        tags: cykel
        ---
        Kartan visar ![trasig](/uploads/saknas-ocksa.png) cykelvägar.
        """)

    write(root, "index.md", """
        ---
        title: Civic Tech Sweden
        lang: sv
        ref: index
        ingress-text: Ett nätverk för alla som bygger digitala verktyg för det gemensamma.
        ---
        Välkommen till Civic Tech Sweden.
        """)
    write(root, "pages/om.md", """
        ---
        title: Om Civic Tech Sweden
        lang: sv
        ref: om
        permalink: /om/
        ---
        # Om Civic Tech Sweden

        Civic Tech Sweden är ett **nätverk**.
        """)
    write(root, "en/about.md", """
        ---
        title: About Civic Tech Sweden
        lang: en
        ref: om
        permalink: /en/about/
        ---
        Civic Tech Sweden is a **network**.
        """)
    write(root, "form/anmalan.md", """
        ---
        title: Anmälan
        layout: form
        ---
        <form action="https://formspree.io/x"><input name="email"></form>
        """)
    return root


def generated_tree(root, groups=10, events=150, posts=60, pages=20):
    """A larger civictech.se-like tree for timing: every event and post has its own image,
    a third of them have an English translation."""
    root = Path(root)
    write(root, "_config.yml", "url: https://civictech.se\n")
    cities = ["stockholm", "goteborg", "malmo", "uppsala", "linkoping", "orebro", "umea",
              "lund", "vasteras", "norrkoping", "jonkoping", "helsingborg"]
    refs = [cities[i % len(cities)] + ("" if i < len(cities) else str(i)) for i in range(groups)]
    for i, ref in enumerate(refs):
        write_bytes(root, f"_uploads/group-{i}.png", png((i * 20 % 256, 10, 10)))
        for lang, suffix in (("sv", ""), ("en", "-en")):
            write(root, f"_groups/{ref}{suffix}.md", f"""
                ---
                title: Civic Tech {ref.title()}
                lang: {lang}
                ref: {ref}
                image: /uploads/group-{i}.png
                contact:
                  - name: Person {i}
                    mail: person{i}@example.org
                partners:
                  - title: Partner {i % 4}
                    link: https://partner{i % 4}.example.org
                ---
                Gruppen i {ref}. **Välkommen!**
                """)
    for i in range(events):
        write_bytes(root, f"_uploads/event-{i}.png", png((10, i % 256, (i * 7) % 256)))
        day = dt.date(2019, 1, 1) + dt.timedelta(days=i * 5)
        group = refs[i % groups] if i % 5 else ""
        write(root, f"_events/{day:%Y-%m-%d}-event-{i}.md", f"""
            ---
            title: Event {i}
            lang: sv
            ref: event-{i}
            group: {group}
            event-date: {day:%Y-%m-%d} 18:00:00 +0100
            place: Platsen {i}, Gatan {i}
            image: /uploads/event-{i}.png
            ---
            ## Program

            - Fika
            - [Kod](https://example.org/{i})

            ![Bild](/uploads/event-{i}.png)
            """)
        if i % 3 == 0:
            # English translations repeat only what is said, not when or where.
            write(root, f"_events/{day:%Y-%m-%d}-event-{i}-en.md", f"""
                ---
                title: Event {i} in English
                lang: en
                ref: event-{i}
                ---
                ## Program

                - Fika
                - [Kod](https://example.org/{i})

                ![Bild](/uploads/event-{i}.png)
                """)
    for i in range(posts):
        write_bytes(root, f"_uploads/post-{i}.png", png(((i * 3) % 256, 200, 10)))
        write(root, f"_posts/2020-01-{1 + i % 28:02d}-post-{i}.md", f"""
            ---
            title: Projekt {i}
            lang: sv
            group: {refs[i % groups]}
            date: 2020-01-{1 + i % 28:02d}
            image: /uploads/post-{i}.png
            ingress-text: Projekt nummer {i}.
            tags: [tema{i % 7}, öppen data]
            contact:
              - name: Kontakt {i % 30}
                mail: kontakt{i % 30}@example.org
                organisation: Org {i % 5}
            ---
            Ett projekt om *saker*.
            """)
    for i in range(pages):
        write(root, f"pages/sida-{i}.md", f"""
            ---
            title: Sida {i}
            lang: sv
            ---
            Text på sida {i}.
            """)
    return root


def digidemlab_tree(root):
    """digidemlab.org's layout: themes, and posts with featured/thumbnail/links/categories."""
    root = Path(root)
    write(root, "_config.yml", "title: Digidem Lab\nurl: https://digidemlab.org\n")
    write_bytes(root, "uploads/medborgarjury-1.jpg", png((40, 90, 40)))
    write(root, "_themes/medborgarjury.md", """
        ---
        title: Medborgarjury
        ---
        Om medborgarjuryer.
        """)
    write(root, "_themes/digital-demokrati.md", """
        ---
        title: Digital demokrati
        ---
        """)
    write(root, "_posts/2024-05-01-erbjudande.md", """
        ---
        title: Erbjudande om partnerskap
        featured: true
        image: /uploads/medborgarjury-1.jpg
        thumbnail: /uploads/medborgarjury-1.jpg
        excerpt: Erbjudande till kommuner och regioner.
        ingress-text: Erbjudande från Digidem Lab till svenska kommuner och regioner.
        links:
          - title: Formas utlysning
            url: https://formas.se/utlysning.html
        lang: sv
        categories:
          - _themes/medborgarjury.md
          - _themes/digital-demokrati.md
        ---
        ### Bakgrund

        Digidem Lab har **erfarenhet**.

        ![](/uploads/tidigare-kunder.png)
        """)
    write(root, "_posts/2024-05-01-erbjudande-en.md", """
        ---
        title: Partnership offer
        featured: true
        thumbnail: /uploads/medborgarjury-1.jpg
        lang: en
        categories: _themes/medborgarjury.md
        ---
        ### Background

        Digidem Lab has **experience**.
        """)
    return root


SVG_WITH_SCRIPT = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="120" height="40" viewBox="0 0 120 40" onload="document.title='pwned-onload'">
  <script>document.title = 'pwned-script';</script>
  <a xlink:href="javascript:document.title='pwned-href'">
    <rect width="120" height="40" fill="#0e2a47"/>
  </a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div>
  </foreignObject>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <text x="10" y="25" fill="#ffd24d">Logo</text>
</svg>
"""


def years_ago(years, month=3, day=14):
    return dt.date(dt.date.today().year - years, month, day)


def quirks_tree(root):
    """civictech.se as it really is: scheme-less links, bare and obfuscated addresses,
    English posts naming `-en.md` group files, a post date decades off its file name, an
    SVG logo with script in it, contacts with photo and text, events from eight years back,
    titles with control characters, links to the old site's own pages."""
    root = Path(root)
    write(root, "_config.yml", "title: Civic Tech Sweden\nurl: https://civictech.se\n")
    write_bytes(root, "_uploads/bo.png", png((50, 50, 50)))
    write_bytes(root, "_uploads/sara.png", png((70, 20, 20)))
    write_bytes(root, "_uploads/logo.svg", SVG_WITH_SCRIPT.encode())
    write(root, "_groups/goteborg.md", """
        ---
        title: Civic Tech Göteborg
        lang: sv
        ref: goteborg
        excerpt: Civic tech i Göteborg.
        contact:
          - name: Bo Berg
            image: /uploads/bo.png
            text: Samordnare och utvecklare i Göteborg.
            mail: bo(at)example(dot)se
          - name: Kontakt Göteborg
            mail: contact[at]example[dot]se
        partners:
          - title: Loggbolaget
            link: loggbolaget.example.se
            logo: /uploads/logo.svg
        ---
        Läs om [remisser](regeringen.se/remisser) och [stadens data](www.goteborg.se/data).
        Mejla [oss](david@example.org) eller skriv till info(at)example(dot)se.
        Se även [om oss](/om/) och [gamla sidan](/finns-inte/).
        """)
    write(root, "_groups/goteborg-en.md", """
        ---
        title: Civic Tech Gothenburg
        lang: en
        ref: goteborg
        ---
        Write to [us](mailto:david@example.org) or (sara at example dot se).
        """)
    write(root, "_groups/stockholm.md", """
        ---
        title: Civic Tech Stockholm
        lang: sv
        ref: stockholm
        contact:
          - name: Sara Svensson
            image: /uploads/sara.png
            text: Håller i träffarna.
            mail: sara [ at ] example [ dot ] se
        ---
        Vi ses!
        """)
    for years in range(8, 0, -1):
        day = years_ago(years)
        for ref in ("goteborg", "stockholm"):
            write(root, f"_events/{day:%Y-%m-%d}-{ref}-traff.md", f"""
                ---
                title: "Träff i {ref}\\v{day.year}"
                lang: sv
                group: _groups/{ref}.md
                event-date: {day:%Y-%m-%d} 18:00:00 +0100
                place: Biblioteket, Storgatan 1
                ---
                Välkommen till [träffen](https://civictech.se/om/).
                """)
    write(root, f"_events/{years_ago(8):%Y-%m-%d}-goteborg-traff-en.md", """
        ---
        title: Meetup in Gothenburg
        lang: en
        ref: goteborg-traff
        group: _groups/goteborg-en.md
        ---
        Welcome.
        """)
    write(root, "_posts/2021-06-10-oppna-kartor.md", """
        ---
        title: "Öppna\\nkartor"
        lang: sv
        ref: oppna-kartor
        group: _groups/goteborg.md
        date: 2000-06-10
        image: /uploads/logo.svg
        ingress-text: Kartor för alla.
        contact:
          - name: Bo Berg
            mail: bo(at)example(dot)se
        links:
          - title: Webbplats
            url: kartor.example.se
          - title: Mejla
            url: kartor@example.se
        ---
        Ett projekt. Se [regeringen.se](regeringen.se/remisser).
        """)
    write(root, "_posts/2021-06-10-oppna-kartor-en.md", """
        ---
        title: Open maps
        lang: en
        ref: oppna-kartor
        group: _groups/goteborg-en.md
        ---
        A project.
        """)
    write(root, "_posts/2022-02-01-english-only.md", """
        ---
        title: English-only project
        lang: en
        group: _groups/goteborg-en.md
        date: 2022-02-01
        ---
        Only in English. Mail contact[at]example[dot]se.
        """)
    write(root, "pages/om.md", """
        ---
        title: Om oss
        lang: sv
        ref: om
        permalink: /om/
        ---
        Om nätverket. Till [Göteborg](/goteborg/).
        """)
    write(root, "en/about.md", """
        ---
        title: About us
        lang: en
        ref: om
        permalink: /en/about/
        ---
        About the network.
        """)
    return root


def digidemlab_quirks_tree(root):
    """digidemlab.org with an English-only news post and scheme-less links."""
    root = digidemlab_tree(root)
    write(root, "_posts/2024-06-01-english-only.md", """
        ---
        title: An English-only post
        featured: false
        thumbnail: /uploads/medborgarjury-1.jpg
        lang: en
        categories: _themes/medborgarjury.md
        ---
        Read [the call](formas.se/utlysning) or mail petter(at)digidemlab(dot)org.
        """)
    write(root, "_posts/2024-07-01-datum.md", """
        ---
        title: Ett inlägg med fel datum
        featured: false
        lang: sv
        date: 1999-07-01
        categories: _themes/medborgarjury.md
        ---
        Texten.
        """)
    return root
