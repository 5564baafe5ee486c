"""The map's data: counties, bounding box, outline and projection (no database)."""

import re
from decimal import Decimal

from labs.geo import (
    OUTLINES,
    SWEDEN_BOUNDS,
    County,
    map_size,
    outline_path,
    project,
)

GOTEBORG = (57.70887, 11.97456)
STOCKHOLM = (59.32932, 18.06858)
KIRUNA = (67.85572, 20.22513)
MALMO = (55.60498, 13.00382)


def test_all_21_counties_with_iso_codes():
    assert len(County.choices) == 21
    codes = [code for code, _label in County.choices]
    assert len(set(codes)) == 21
    assert {"AB", "O", "M", "C", "AC", "BD", "I"} <= set(codes)


def test_bounding_box_contains_the_extremes_and_not_neighbours():
    for lat, lon in [GOTEBORG, STOCKHOLM, KIRUNA, MALMO, (55.3367, 13.3594), (69.0599, 20.5486)]:
        assert SWEDEN_BOUNDS.contains(lat, lon)
    assert SWEDEN_BOUNDS.contains(Decimal("58.0"), Decimal("15.0"))
    assert not SWEDEN_BOUNDS.contains(59.9139, 10.7522)  # Oslo
    assert not SWEDEN_BOUNDS.contains(60.1699, 24.9384)  # Helsinki
    assert not SWEDEN_BOUNDS.contains(55.0, 12.5)  # south of Skåne, in the sea


def test_outline_is_a_simplified_polygon_inside_the_frame():
    mainland = OUTLINES[0]
    assert 60 <= len(mainland) <= 150
    for outline in OUTLINES:
        for lat, lon in outline:
            assert SWEDEN_BOUNDS.contains(lat, lon), (lat, lon)
    width, height = map_size()
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", outline_path())]
    assert numbers
    assert all(0 <= n <= max(width, height) for n in numbers)
    # One closed sub-path each for the mainland, Öland and Gotland.
    assert outline_path().count("M") == 3
    assert outline_path().count("Z") == 3


def test_projection_keeps_the_compass_and_scales_longitude():
    gbg, sthlm, kiruna, malmo = (project(*p) for p in (GOTEBORG, STOCKHOLM, KIRUNA, MALMO))
    assert kiruna[1] < sthlm[1] < gbg[1] < malmo[1]  # north is up
    assert gbg[0] < malmo[0] < sthlm[0] < kiruna[0]  # east is right
    # One degree of longitude is about half a degree of latitude this far north.
    one_lat = project(60, 15)[1] - project(61, 15)[1]
    one_lon = project(60, 16)[0] - project(60, 15)[0]
    assert 0.4 < one_lon / one_lat < 0.55
    width, height = map_size()
    assert height > 2 * width  # Sweden is long and narrow
