"""Tags in the page's language: English names on English pages, the same slugs in both."""

import io
import re
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from taggit.models import Tag

from events.factories import CalendarPageFactory, EventPageFactory
from hub.factories import NewsIndexPageFactory, NewsPageFactory, translate
from hub.models import TagLabel
from hub.tags import labelled_choices, tag_label
from projects.factories import ProjectIndexPageFactory, ProjectPageFactory


def label(name, name_en):
    tag, _ = Tag.objects.get_or_create(name=name)
    TagLabel.objects.update_or_create(tag=tag, defaults={"name_en": name_en})
    return tag


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


@pytest.fixture
def calendar_en(calendar, home_en):
    return translate(calendar, title="Calendar", slug="calendar")


def test_tag_label_follows_the_language(db):
    data = label("öppna data", "open data")
    plain = Tag.objects.create(name="meetup")
    assert tag_label(data, "sv") == "öppna data"
    assert tag_label(data, "en") == "open data"
    assert tag_label(plain, "en") == "meetup"  # no English name: the tag's own
    with translation.override("en"):
        assert tag_label(data) == "open data"
    with translation.override("sv"):
        assert tag_label(data) == "öppna data"


def test_labelled_choices_keep_slugs_and_sort_by_the_shown_name(db):
    data = label("öppna data", "open data").slug
    democracy = label("demokrati", "democracy").slug
    rows = [(democracy, "demokrati", "democracy"), (data, "öppna data", "open data"),
            ("ai", "ai", None)]
    choices = [(democracy, "demokrati"), (data, "öppna data"), ("ai", "ai")]
    assert labelled_choices(rows, "sv") == choices
    assert labelled_choices(rows, "en") == [
        ("ai", "ai"), (democracy, "democracy"), (data, "open data"),
    ]


def test_swedish_pages_read_no_labels(db, django_assert_num_queries):
    data = label("öppna data", "open data")
    with django_assert_num_queries(0):
        assert tag_label(data, "sv") == "öppna data"
        assert labelled_choices([(data.slug, data.name, "open data")], "sv") == [
            (data.slug, "öppna data")
        ]


def test_event_page_shows_tags_in_its_language(client, calendar, calendar_en):
    label("öppna data", "open data")
    sv = EventPageFactory(parent=calendar, title="Hackkväll", tags=["öppna data"])
    en = EventPageFactory(parent=calendar_en, title="Hack night", tags=["öppna data"])
    slug = quote(Tag.objects.get(name="öppna data").slug)
    sv_html = client.get(sv.url).content.decode()
    en_html = client.get(en.url).content.decode()
    assert f'?tag={slug}">öppna data</a>' in sv_html
    assert f'?tag={slug}">open data</a>' in en_html
    assert ">öppna data<" not in en_html


def test_english_calendar_topic_filter_is_english_with_the_same_values(
    client, calendar, calendar_en
):
    label("öppna data", "open data")
    label("demokrati", "democracy")
    for name in ("öppna data", "demokrati"):
        EventPageFactory(parent=calendar, tags=[name])
        EventPageFactory(parent=calendar_en, tags=[name])
    data, democracy = (Tag.objects.get(name=n).slug for n in ("öppna data", "demokrati"))
    sv_html = client.get(calendar.url).content.decode()
    en_html = client.get(calendar_en.url).content.decode()
    assert f'<option value="{data}">öppna data</option>' in sv_html
    assert f'<option value="{data}">open data</option>' in en_html
    # Sorted by the English name: democracy before open data.
    assert en_html.index(">democracy<") < en_html.index(">open data<")
    # Filtering by the slug works alike in both languages, and names the topic in English.
    filtered = client.get(calendar_en.url, {"tag": democracy}).content.decode()
    assert f'<option value="{democracy}" selected>democracy</option>' in filtered
    assert "Upcoming events: democracy" in filtered


def queries_for(client, url):
    cache.clear()  # measure a rendering, not the page cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_english_tag_names_cost_the_same_queries_for_many_tags(client, calendar, calendar_en):
    def add_events(start, count):
        for i in range(start, start + count):
            name = f"ämne {i}"
            label(name, f"topic {i}")
            EventPageFactory(parent=calendar_en, tags=[name, "öppna data"])

    add_events(0, 10)
    queries_for(client, calendar_en.url)  # warm up what is read once per process
    few = queries_for(client, calendar_en.url)
    add_events(10, 190)
    many = queries_for(client, calendar_en.url)
    assert many == few, (few, many)
    assert few <= 20


def test_english_feed_has_english_categories(client, calendar, calendar_en):
    label("öppna data", "open data")
    Tag.objects.get_or_create(name="meetup")
    EventPageFactory(parent=calendar, tags=["öppna data"])
    EventPageFactory(parent=calendar_en, tags=["öppna data", "meetup"])

    def categories(url):
        feed = Calendar.from_ical(client.get(url).content)
        (event,) = feed.walk("VEVENT")
        return sorted(str(c) for c in event["CATEGORIES"].cats)

    assert categories(calendar.url + "calendar.ics") == ["öppna data"]
    assert categories(calendar_en.url + "calendar.ics") == ["meetup", "open data"]
    # A new English name reaches the cached feed.
    TagLabel.objects.filter(tag__name="öppna data").update(name_en="x")
    TagLabel.objects.get(tag__name="öppna data").save()
    assert categories(calendar_en.url + "calendar.ics") == ["meetup", "x"]


def test_projects_show_english_themes_and_filter(client, home, home_en):
    label("öppna data", "open data")
    index = ProjectIndexPageFactory(parent=home)
    index_en = translate(index, title="Projects", slug="projects")
    project = ProjectPageFactory(parent=index, title="Alfa", themes=["öppna data"])
    project_en = translate(project, title="Alpha", slug="alpha")
    slug = Tag.objects.get(name="öppna data").slug
    href = quote(slug)

    en_index = client.get(index_en.url).content.decode()
    sv_index = client.get(index.url).content.decode()
    assert re.search(rf'value="{slug}"[^>]*>\s*open data', en_index)
    assert re.search(rf'value="{slug}"[^>]*>\s*öppna data', sv_index)
    assert '<span class="tag">open data</span>' in en_index  # on the project's card
    en_page = client.get(project_en.url).content.decode()
    assert f'?theme={href}">open data</a>' in en_page


def test_news_page_tags_in_english(client, home, home_en):
    label("öppna data", "open data")
    index = NewsIndexPageFactory(parent=home)
    translate(index, title="News", slug="news")
    news = NewsPageFactory(parent=index)
    news.tags.add("öppna data")
    news.save_revision().publish()
    news_en = translate(news, title="News item", slug="news-item")
    assert '<span class="tag">open data</span>' in client.get(news_en.url).content.decode()
    assert '<span class="tag">öppna data</span>' in client.get(news.url).content.decode()


def test_topics_are_edited_in_the_admin(client, admin_user, db):
    client.force_login(admin_user)
    tag = Tag.objects.create(name="klimat")
    add = reverse("wagtailsnippets_hub_taglabel:add")
    response = client.post(add, {"tag": tag.pk, "name_en": "climate"})
    assert response.status_code == 302
    assert TagLabel.objects.get(tag=tag).name_en == "climate"
    listing = client.get(reverse("wagtailsnippets_hub_taglabel:list")).content.decode()
    assert "klimat" in listing and "climate" in listing
    with translation.override("sv"):
        home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_hub_taglabel:list") in home


# --- Demo content and the importer ------------------------------------------------------


def test_demo_loader_names_the_demo_tags_and_keeps_the_coordinators_names(db):
    from hub.demo import tags as demo_tags

    for name in ("öppna data", "demokrati", "klimat"):
        Tag.objects.create(name=name)
    label("demokrati", "people power")  # the coordinator's own choice
    TagLabel.objects.create(tag=Tag.objects.get(name="klimat"), name_en="")
    out = io.StringIO()
    demo_tags.load(out)
    names = dict(TagLabel.objects.values_list("tag__name", "name_en"))
    assert names == {"öppna data": "open data", "demokrati": "people power", "klimat": "climate"}
    assert "1 created, 1 updated, 1 unchanged" in out.getvalue()
    again = io.StringIO()
    demo_tags.load(again)
    assert "0 created, 0 updated, 3 unchanged" in again.getvalue()


def test_importer_leaves_the_english_names_alone(db, tmp_path, settings):
    from hub.importer.run import JekyllImport
    from tests.importer.jekyll import civictech_tree

    settings.MEDIA_ROOT = str(tmp_path / "media")
    tree = civictech_tree(tmp_path / "civictech.se")
    JekyllImport(tree).run()
    tag = Tag.objects.get(name="demokrati")
    TagLabel.objects.create(tag=tag, name_en="democracy")
    JekyllImport(tree).run()  # an update of the same site
    assert Tag.objects.get(name="demokrati").label.name_en == "democracy"


def test_tags_loaded_with_labels_need_no_further_query(db, django_assert_num_queries):
    from hub.tags import with_labels

    label("öppna data", "open data")
    Tag.objects.get_or_create(name="meetup")
    with django_assert_num_queries(1):
        tags = list(with_labels(Tag.objects.order_by("name"), "en"))
        assert [tag_label(tag, "en") for tag in tags] == ["meetup", "open data"]
