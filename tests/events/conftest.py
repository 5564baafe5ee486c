import datetime as dt

import pytest


@pytest.fixture
def calendar(home):
    from events.factories import CalendarPageFactory

    return CalendarPageFactory(parent=home)


@pytest.fixture
def talk_index(home):
    from events.factories import TalkIndexPageFactory

    return TalkIndexPageFactory(parent=home)


@pytest.fixture
def calendar_en(calendar, home_en):
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    translated = calendar.copy_for_translation(en)
    translated.title = "Calendar"
    translated.slug = "calendar"
    translated.save_revision().publish()
    return translated.specific.__class__.objects.get(pk=translated.pk)


def day(offset):
    from events.localtime import local_today

    return local_today() + dt.timedelta(days=offset)
