"""Field validation: a group's coordinates lie in Sweden; a lab's region matches its scope."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from labs.factories import LabPageFactory, LocalGroupPageFactory
from labs.geo import County
from labs.models import LabPage
from labs.models.groups import _bounds_message


def edit(page, **fields):
    """The saved `page` with `fields` changed in memory, as an editor's form would."""
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def errors_of(page):
    with pytest.raises(ValidationError) as info:
        page.full_clean()
    return info.value.message_dict


@pytest.mark.django_db
class TestGroupCoordinates:
    def test_coordinates_in_sweden_are_accepted(self):
        group = edit(
            LocalGroupPageFactory(), latitude=Decimal("63.82584"), longitude=Decimal("20.26304")
        )
        group.full_clean()

    def test_no_coordinates_is_allowed(self):
        group = edit(LocalGroupPageFactory(), latitude=None, longitude=None)
        group.full_clean()
        assert not group.has_coordinates

    @pytest.mark.parametrize(
        ("lat", "lon", "field"),
        [
            ("59.91390", "10.75220", "longitude"),  # Oslo
            ("60.16990", "24.93840", "longitude"),  # Helsinki
            ("54.50000", "13.00000", "latitude"),  # the Baltic, south of Skåne
            ("70.00000", "20.00000", "latitude"),  # beyond Treriksröset
        ],
    )
    def test_coordinates_outside_sweden_are_refused(self, lat, lon, field):
        group = edit(LocalGroupPageFactory(), latitude=Decimal(lat), longitude=Decimal(lon))
        errors = errors_of(group)
        assert field in errors
        assert _bounds_message() in errors[field]

    def test_swapped_coordinates_get_a_hint(self):
        group = edit(
            LocalGroupPageFactory(), latitude=Decimal("17.63890"), longitude=Decimal("59.85860")
        )
        errors = errors_of(group)
        assert str(_("Latitude and longitude look swapped.")) in errors["latitude"]

    def test_half_a_coordinate_is_refused(self):
        group = edit(LocalGroupPageFactory(), latitude=Decimal("59.85860"), longitude=None)
        assert "longitude" in errors_of(group)

    def test_region_must_be_a_county(self):
        group = edit(LocalGroupPageFactory(), region="XX")
        assert "region" in errors_of(group)


@pytest.mark.django_db
class TestLabScope:
    def test_regional_lab_needs_a_county(self):
        lab = edit(LabPageFactory(), scope=LabPage.Scope.REGIONAL, region="")
        assert "region" in errors_of(lab)

    def test_national_lab_has_no_county(self):
        lab = edit(LabPageFactory(), scope=LabPage.Scope.NATIONAL, region=County.SKANE)
        assert "region" in errors_of(lab)

    def test_regional_lab_with_county_is_valid(self):
        lab = LabPageFactory(regional=True)
        lab.full_clean()
        assert lab.is_regional
