"""Demo content: the English names of the demo's tags (`TagLabel`), shown on English pages.

Runs after the loaders that tag pages. A label that already has an English name is left
alone, so a name the coordinator changed in the admin survives the next `load_demo`.
"""

from taggit.models import Tag

from hub.demo import DemoReport
from hub.models import TagLabel

# Swedish tag name: English name.
ENGLISH_NAMES = {
    "ai": "AI",
    "demokrati": "democracy",
    "ekosystem": "ecosystem",
    "forskning": "research",
    "hackathon": "hackathon",
    "inkludering": "inclusion",
    "innovation": "innovation",
    "internationellt": "international",
    "klimat": "climate",
    "kommuner": "municipalities",
    "konferens": "conference",
    "labb": "lab",
    "landsbygd": "rural areas",
    "lokala-grupper": "local groups",
    "medborgardialog": "citizen dialogue",
    "meetup": "meetup",
    "oppen-kallkod": "open source",
    "resultat": "results",
    "skola": "schools",
    "tillgänglighet": "accessibility",
    "vinnova": "Vinnova",
    "workshop": "workshop",
    "öppen källkod": "open source",
    "öppna data": "open data",
}


def load(stdout):
    report = DemoReport(stdout)
    tags = Tag.objects.filter(name__in=ENGLISH_NAMES)
    labels = TagLabel.objects.in_bulk([tag.pk for tag in tags])
    for tag in tags:
        label = labels.get(tag.pk)
        if label is None:
            label = TagLabel.objects.create(tag=tag, name_en=ENGLISH_NAMES[tag.name])
            report.created(label)
        elif not label.name_en:
            label.name_en = ENGLISH_NAMES[tag.name]
            label.save(update_fields=["name_en"])
            report.updated(label)
        else:
            report.unchanged(label)
    report.finish()
