"""ProjectPage's facts: reference number, period, derived status, funding calls, the tree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hub.models import HomePage
from projects.choices import ProjectStatus
from projects.factories import FundingCallFactory, ProjectPageFactory, ShowcasePageFactory
from projects.models import (
    ProjectIndexPage,
    ProjectPage,
    ShowcasePage,
)
from projects.models.project import derive_status

TODAY = datetime.date(2025, 6, 15)
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    "reference", ["2023-01234", "2024-00001", " 2023-01234 ", "1999-99999"]
)
def test_reference_number_accepts_year_hyphen_five_digits(index, reference):
    project = ProjectPageFactory.build(reference_number=reference)
    project.full_clean(exclude=["path", "depth", "slug", "locale", "translation_key"])
    assert project.reference_number == reference.strip()


@pytest.mark.parametrize(
    "reference",
    ["23-01234", "2023-1234", "2023-012345", "Dnr 2023-01234", "2023/01234", "abcd-efghi"],
)
def test_reference_number_rejects_other_forms(index, reference):
    project = ProjectPageFactory.build(reference_number=reference)
    with pytest.raises(ValidationError) as error:
        project.full_clean(exclude=["path", "depth", "slug", "locale", "translation_key"])
    assert "reference_number" in error.value.message_dict


def test_period_must_not_end_before_it_starts(index):
    project = ProjectPageFactory.build(
        start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30)
    )
    with pytest.raises(ValidationError) as error:
        project.clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (TODAY + DAY, TODAY + 10 * DAY, ProjectStatus.PLANNED),
        (TODAY, TODAY + 10 * DAY, ProjectStatus.ONGOING),  # starts today: ongoing
        (TODAY - 10 * DAY, TODAY, ProjectStatus.ONGOING),  # ends today: still ongoing
        (TODAY - 10 * DAY, TODAY - DAY, ProjectStatus.COMPLETED),
        (TODAY - 10 * DAY, None, ProjectStatus.ONGOING),
        (None, None, ProjectStatus.PLANNED),
        (None, TODAY - DAY, ProjectStatus.COMPLETED),
    ],
)
def test_status_follows_the_period_in_python_and_in_sql(index, start, end, expected):
    assert derive_status(start, end, TODAY) == expected
    project = ProjectPageFactory(parent=index, start_date=start, end_date=end)
    annotated = ProjectPage.objects.with_status(TODAY).get(pk=project.pk)
    assert annotated.current_status == expected
    assert ProjectPage.objects.with_status_in(expected, TODAY).filter(pk=project.pk).exists()


def test_status_set_explicitly_wins_over_the_period(index):
    today = timezone.localdate()
    project = ProjectPageFactory(
        parent=index,
        start_date=today - 100 * DAY,
        end_date=today + 100 * DAY,
        status_override=ProjectStatus.COMPLETED,
    )
    assert project.status == ProjectStatus.COMPLETED
    assert not project.status_is_derived
    assert ProjectPage.objects.with_status().get(pk=project.pk).current_status == "completed"


def test_active_in_year_means_the_period_overlaps_the_year(index):
    spanning = ProjectPageFactory(
        parent=index, start_date=datetime.date(2022, 9, 1), end_date=datetime.date(2024, 2, 1)
    )
    later = ProjectPageFactory(
        parent=index, start_date=datetime.date(2024, 3, 1), end_date=None
    )
    assert set(ProjectPage.objects.active_in_year(2023)) == {spanning}
    assert set(ProjectPage.objects.active_in_year(2024)) == {spanning, later}
    assert set(ProjectPage.objects.active_in_year(2030)) == {later}
    assert not ProjectPage.objects.active_in_year(2021).exists()


def test_funding_call_name_follows_the_language(db):
    call = FundingCallFactory(name="Civic tech-utlysningen", name_en="The civic tech call")
    with translation.override("sv"):
        assert call.display_name == "Civic tech-utlysningen"
    with translation.override("en"):
        assert call.display_name == "The civic tech call"
        assert str(call) == "Vinnova: The civic tech call (2023)"
    call.name_en = ""
    with translation.override("en"):
        assert call.display_name == "Civic tech-utlysningen"


def test_page_tree_rules(home, index):
    assert ProjectIndexPage in HomePage.allowed_subpage_models()
    assert set(ProjectIndexPage.allowed_subpage_models()) == {ProjectPage, ShowcasePage}
    assert ProjectPage.allowed_subpage_models() == []
    assert ShowcasePage.allowed_subpage_models() == []
    assert ProjectPage.allowed_parent_page_models() == [ProjectIndexPage]
    # One index per language tree.
    assert not ProjectIndexPage.can_create_at(home)
    assert not ProjectPage.can_create_at(home)
    assert ShowcasePage.can_create_at(index)


def test_factories_build_a_complete_project_and_showcase(index):
    project = ProjectPageFactory(parent=index, themes=["öppna data", "demokrati"])
    showcase = ShowcasePageFactory(parent=index, projects=[project])
    assert project.live and project.funding_call.funder == "Vinnova"
    assert [tag.name for tag in project.themes] == ["demokrati", "öppna data"]
    assert [item.project for item in showcase.items.all()] == [project]
