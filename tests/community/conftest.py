"""Fixtures for community publishing: a calendar, two groups, a coordinator and editors."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from events.factories import CalendarPageFactory
from hub.permissions import COORDINATORS_GROUP_NAME, ensure_moderation_workflow
from labs.factories import LocalGroupPageFactory
from tests.labs import conftest as labs_fixtures

# The page tree fixtures the labs tests use.
group_index = labs_fixtures.group_index
lab_index = labs_fixtures.lab_index


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", first_name=username.title()
    )
    user.groups.add(*groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def calendar(home):
    return CalendarPageFactory(parent=home)


@pytest.fixture
def group_a(group_index):
    return LocalGroupPageFactory(parent=group_index, title="Civic Tech Göteborg", slug="goteborg")


@pytest.fixture
def group_b(group_index):
    return LocalGroupPageFactory(
        parent=group_index, title="Civic Tech Malmö", slug="malmo", city="Malmö"
    )


@pytest.fixture
def coordinator(db, django_user_model):
    ensure_moderation_workflow()
    return make_user(
        django_user_model, "koordinator", Group.objects.get(name=COORDINATORS_GROUP_NAME)
    )


@pytest.fixture
def editor_a(django_user_model, group_a):
    return make_user(django_user_model, "anna", group_a.editors_group())


@pytest.fixture
def editor_b(django_user_model, group_b):
    return make_user(django_user_model, "bo", group_b.editors_group())


def client_for(client_class, user):
    c = client_class()
    c.force_login(user)
    return c


@pytest.fixture
def coordinator_client(coordinator):
    from django.test import Client

    return client_for(Client, coordinator)


@pytest.fixture
def client_a(editor_a):
    from django.test import Client

    return client_for(Client, editor_a)


@pytest.fixture
def calendar_en(calendar, home_en):
    from wagtail.models import Locale

    translated = calendar.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.title = "Calendar"
    translated.slug = "calendar"
    translated.save_revision().publish()
    return translated
