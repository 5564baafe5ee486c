"""Benchmark the site calendar feed (`make bench`).

Creates N events (default: 1000, then 5000; every tenth a weekly series with an exception
date, some cancelled, all tagged) in a throwaway SQLite database, then prints for the site
feed (the CalendarPage's calendar.ics):

* cold: a request with an empty cache (time, queries, bytes);
* warm: the same request served from the cache;
* 304: a conditional request with the feed's ETag;
* floor: the time `icalendar` alone takes to serialise the same Calendar (`to_ical()`).

Goals: cold within 1.5x the floor, warm under 20 ms.

Times are the best wall-clock time of several runs (the run least disturbed by whatever else
the machine is doing), with the median and the best CPU time of this process beside it; on a
busy machine the CPU times are the steadier comparison.

Usage: python bench/run.py [--sizes 1000 5000] [--repeat 5]
Never touches db.sqlite3: the database lives in a temporary directory that is deleted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(db_path):
    for name in ("DATABASE_URL", "PGDATABASE", "PGHOST", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ["SQLITE_PATH"] = str(db_path)
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    assert settings.DATABASES["default"]["NAME"] == str(db_path), "refusing to use another DB"


def migrate():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_calendar():
    from events.models import CalendarPage
    from hub.setup import ensure_home_pages

    home, _en = ensure_home_pages()
    calendar = CalendarPage.objects.child_of(home).first()
    if calendar is None:
        calendar = home.add_child(instance=CalendarPage(title="Kalender", slug="kalender"))
        calendar.save_revision().publish()
    return CalendarPage.objects.get(pk=calendar.pk)


def bulk_events(calendar, start_index, count):
    """Create `count` live EventPages below `calendar` without add_child().

    Paths are computed the way treebeard does (`_get_path`), the base Page rows are
    bulk-inserted, then the EventPage rows; the parent's numchild is updated last, so the
    tree stays valid (`Page.find_problems()` is checked at the end).
    """
    import datetime as dt
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page

    from events.localtime import local_today
    from events.models import EventExceptionDate, EventPage, EventPageTag, mint_uid

    content_type = ContentType.objects.get_for_model(EventPage)
    tags = [Tag.objects.get_or_create(name=name)[0] for name in ("öppna data", "demokrati")]
    now = timezone.now()
    today = local_today()
    venues = [
        ("Stadsbiblioteket", "Götaplatsen 3\n412 56 Göteborg", "57.697000", "11.979000"),
        ("Kulturhuset", "Sergels torg\n111 57 Stockholm", "59.332000", "18.064000"),
        ("Ångström", "Lägerhyddsvägen 1\n752 37 Uppsala", "59.839000", "17.646000"),
        ("", "", None, None),  # online only
    ]
    pages, events, skipped = [], [], []
    for i in range(start_index, start_index + count):
        path = EventPage._get_path(calendar.path, calendar.depth + 1, i + 1)
        slug = f"traff-{i}"
        venue, address, lat, lon = venues[i % len(venues)]
        published = now - dt.timedelta(minutes=i)  # distinct, as in real life
        event = EventPage(
            title=f"Träff {i}: öppna data, demokrati & kod 🎉",
            draft_title=f"Träff {i}",
            slug=slug,
            path=path,
            depth=calendar.depth + 1,
            numchild=0,
            url_path=f"{calendar.url_path}{slug}/",
            content_type=content_type,
            locale_id=calendar.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published - dt.timedelta(days=3),
            last_published_at=published,
            latest_revision_created_at=published,
            introduction="Vi ses och pratar om öppna data, digital demokrati och nya projekt. "
            "Ta med dator; fika finns.",
            start_date=today + dt.timedelta(days=(i % 700) - 150),
            start_time=dt.time(17 + i % 3, 30 if i % 2 else 0),
            venue_name=venue,
            address=address,
            latitude=lat,
            longitude=lon,
            online_url="" if venue else "https://meet.example.org/civictech",
            registration_url="https://anmalan.example.org/" if i % 4 == 0 else "",
            status="cancelled" if i % 50 == 7 else "scheduled",
            uid=mint_uid(),
        )
        if i % 10 == 0:
            event.repeat_frequency = "WEEKLY"
            event.repeat_count = 10
            skipped.append((i, event.start_date + dt.timedelta(days=14)))
        event.normalise_schedule()
        pages.append(
            Page(**{f.attname: getattr(event, f.attname) for f in Page._meta.concrete_fields})
        )
        events.append(event)
    with transaction.atomic():
        Page.objects.bulk_create(pages, batch_size=500)
        for page, event in zip(pages, events, strict=True):
            event.page_ptr_id = event.id = page.pk
        local_fields = list(EventPage._meta.local_concrete_fields)
        for offset in range(0, len(events), 500):
            EventPage._base_manager._insert(events[offset : offset + 500], fields=local_fields)
        by_index = {start_index + n: event for n, event in enumerate(events)}
        EventExceptionDate.objects.bulk_create(
            EventExceptionDate(event_id=by_index[i].pk, date=day) for i, day in skipped
        )
        EventPageTag.objects.bulk_create(
            EventPageTag(content_object_id=event.pk, tag=tags[n % 2])
            for n, event in enumerate(events)
        )
        Page.objects.filter(pk=calendar.pk).update(numchild=start_index + count)
    from events.feed_cache import bump_feed_generation

    bump_feed_generation()


class Timing:
    """Wall-clock and CPU times of repeated runs: best wall time (the run least disturbed by
    other processes), median wall time, and best CPU time of this process."""

    def __init__(self, walls, cpus):
        self.best = min(walls)
        self.median = statistics.median(walls)
        self.cpu = min(cpus)

    def __str__(self):
        return (
            f"{self.best * 1000:8.1f} ms (median {self.median * 1000:.1f}, "
            f"CPU {self.cpu * 1000:.1f})"
        )


def timed(function, repeat):
    """(Timing, last result) of `repeat` runs of `function`."""
    walls, cpus = [], []
    result = None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return Timing(walls, cpus), result


def measure(calendar, n, repeat):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from events.feeds import calendar_events, cyclic_gc_paused, tree_root
    from events.ical import calendar_feed

    client = Client()
    url = calendar.url + "calendar.ics"

    def cold():
        cache.clear()
        return client.get(url)

    cold()  # warm Python-level caches (content types, URL resolvers) once
    cold_time, response = timed(cold, repeat)
    assert response.status_code == 200, response.status_code
    cache.clear()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    body = response.content
    etag = response["ETag"]

    warm_time, warm = timed(lambda: client.get(url), max(repeat, 20))
    assert warm.status_code == 200
    not_modified_time, not_modified = timed(
        lambda: client.get(url, headers={"if-none-match": etag}), max(repeat, 20)
    )
    assert not_modified.status_code == 304

    # The floor: icalendar serialising the very same Calendar object.
    with translation.override("sv"):
        events = calendar.feed_events().in_feed_window()
        records = calendar_events(events, None, anchor=tree_root(calendar))
        feed = calendar_feed(records, calendar.feed_title(), url=calendar.get_full_url())
    floor_time, floor_body = timed(feed.to_ical, repeat)

    def paused_to_ical():
        with cyclic_gc_paused():
            return feed.to_ical()

    paused_floor_time, _body = timed(paused_to_ical, repeat)

    recurring = sum(1 for r in records if r.rrule)

    print(f"N = {n} events ({len(records)} in the feed, {recurring} of them weekly series)")
    print(f"  cold : {cold_time}  {len(queries)} queries  {len(body):,} bytes")
    print(f"  warm : {warm_time}  cached")
    print(f"  304  : {not_modified_time}")
    print(f"  floor: {floor_time}  icalendar to_ical, {len(floor_body):,} bytes")
    print(f"  floor: {paused_floor_time}  the same with the cyclic GC paused, as the view does")
    ratio = cold_time.best / floor_time.best
    cpu_ratio = cold_time.cpu / floor_time.cpu
    strict = cold_time.cpu / paused_floor_time.cpu
    print(
        f"  cold/floor = {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU; "
        f"{strict:.2f}x CPU against the GC-paused floor "
        f"(goal <= 1.5x: {'met' if max(cpu_ratio, strict) <= 1.5 else 'NOT met'}); "
        f"warm < 20 ms: {'met' if warm_time.best < 0.020 else 'NOT met'}"
    )
    return {
        "n": n,
        "cold": cold_time,
        "warm": warm_time,
        "304": not_modified_time,
        "floor": floor_time,
        "floor_gc_paused": paused_floor_time,
        "queries": len(queries),
        "bytes": len(body),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="civictech-bench-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        started = time.perf_counter()
        print("Migrating a throwaway SQLite database...", flush=True)
        migrate()
        calendar = make_calendar()
        created = 0
        results = []
        for size in sorted(args.sizes):
            t0 = time.perf_counter()
            bulk_events(calendar, created, size - created)
            created = size
            print(f"Created {size} events in {time.perf_counter() - t0:.1f} s", flush=True)
            from wagtail.models import Page

            problems = [p for p in Page.find_problems() if p]
            assert not problems, f"tree problems: {problems}"
            results.append(measure(calendar, size, args.repeat))
        print(f"Total bench time: {time.perf_counter() - started:.0f} s")
    return results


if __name__ == "__main__":
    main()
