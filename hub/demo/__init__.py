"""Demo content: one loader module per app (hub/demo/<name>.py), run by `manage.py load_demo`.

A loader is a module with `load(stdout)`. It must be idempotent: running it twice changes
nothing (no new pages, no new revisions). The helpers below do the bookkeeping: they create a
page or its translation when missing, update and republish it when a field differs, and leave
it alone otherwise.

    from hub.demo import DemoReport, upsert_child, upsert_translation
    from hub.setup import ensure_home_pages

    def load(stdout):
        report = DemoReport(stdout)
        sv_home, en_home = ensure_home_pages()
        page = upsert_child(sv_home, StandardPage, "om", report, title="Om oss", ...)
        upsert_translation(page, "en", report, title="About us", slug="about", ...)
        report.finish()
"""

import json
from collections import Counter

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

__all__ = ["DemoReport", "apply_fields", "upsert_child", "upsert_translation"]


class DemoReport:
    """Counts what a loader created, updated or left alone, and prints it."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.counts = Counter()

    def _write(self, verb, obj):
        self.counts[verb] += 1
        if verb != "unchanged":
            with translation.override("en"):
                label = str(obj._meta.verbose_name)
            suffix = f" [{obj.locale.language_code}]" if isinstance(obj, Page) else ""
            self.stdout.write(f"  {verb} {label}: {obj}{suffix}")

    def created(self, obj):
        self._write("created", obj)

    def updated(self, obj):
        self._write("updated", obj)

    def unchanged(self, obj):
        self._write("unchanged", obj)

    def record(self, obj, created, changed):
        if created:
            self.created(obj)
        elif changed:
            self.updated(obj)
        else:
            self.unchanged(obj)

    def summary(self):
        return ", ".join(
            f"{self.counts[verb]} {verb}" for verb in ("created", "updated", "unchanged")
        )

    def finish(self):
        self.stdout.write(f"  -> {self.summary()}")


def _comparable(instance, name, value):
    """A value that compares equal when the content is the same (StreamField ids ignored)."""
    field = instance._meta.get_field(name)
    if isinstance(field, StreamField):
        return _stream_data(field.stream_block, value)
    if field.is_relation and field.many_to_one:
        return getattr(value, "pk", value)
    return value


def _stream_data(stream_block, value):
    """The JSON a stream is stored as, without block ids, whatever form `value` comes in.

    A stored stream holds raw JSON (dates as ISO strings, every struct field present once
    read back) while a loader passes native values ((type, value) tuples with date objects,
    struct fields left out). Both are brought to the stored form and read back through the
    blocks once more, so that equal content gives equal data.
    """
    data = _prep_json(stream_block, value)
    return _strip_ids(_prep_json(stream_block, data))


def _prep_json(stream_block, value):
    stream = stream_block.to_python(value)
    # Rebuild from the bound children so every item is converted, not copied raw.
    bound = StreamValue(stream_block, [(child.block_type, child.value) for child in stream])
    return json.loads(json.dumps(stream_block.get_prep_value(bound), cls=DjangoJSONEncoder))


def _strip_ids(data):
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_ids(item) for key, item in data.items() if key != "id"}
    return data


def apply_fields(instance, fields):
    """Set `fields` on `instance`; return True when any value actually changed."""
    changed = False
    for name, value in fields.items():
        current = getattr(instance, name)
        if _comparable(instance, name, current) != _comparable(instance, name, value):
            setattr(instance, name, value)
            changed = True
    return changed


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def upsert_child(parent, model, slug, report, **fields):
    """The `model` page with `slug` below `parent`: created, updated or left as it is.

    Tags (a `tags` list) are compared by name. Returns the specific, published page.
    """
    tags = fields.pop("tags", None)
    page = model.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = model(slug=slug, **fields)
        if tags is not None:
            page.tags.set(tags)
        parent.add_child(instance=page)
        page = _publish(page)
        report.created(page)
        return page
    changed = apply_fields(page, fields)
    if tags is not None and sorted(t.name for t in page.tags.all()) != sorted(tags):
        page.tags.set(tags)
        changed = True
    if changed or not page.live:
        page = _publish(page)
    report.record(page, False, changed)
    return page


def upsert_translation(source, language_code, report, **fields):
    """The translation of `source` into `language_code`, with `fields` set on it.

    Created with `copy_for_translation` (the parent must already be translated), so the
    pages share a translation_key and the language switcher and hreflang find each other.
    """
    tags = fields.pop("tags", None)
    locale = Locale.objects.get(language_code=language_code)
    page = source.get_translation_or_none(locale)
    created = page is None
    if created:
        page = source.copy_for_translation(locale)
    page = page.specific
    changed = apply_fields(page, fields)
    if tags is not None and sorted(t.name for t in page.tags.all()) != sorted(tags):
        page.tags.set(tags)
        changed = True
    if created or changed or not page.live:
        page = _publish(page)
    report.record(page, created, changed)
    return page
