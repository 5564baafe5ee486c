import datetime as dt

import pytest


@pytest.fixture
def english():
    """Run with English active (tests assert on English msgids, see TEAM.md)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def admin_client(client, django_user_model):
    """A logged-in superuser whose admin language is English."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


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
