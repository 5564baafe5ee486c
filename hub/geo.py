"""Sweden on a page: the bounding box, a simplified outline and a small map projection.

Maps on the site (local groups on labs' pages, the map position picker in the event editor)
are drawn by the server as inline SVG: a simplified outline of Sweden (hand-made from
well-known coastal and border points, about 150 of them) and markers, both through the same
projection, so points land where they should without any tile server or external request.
`unproject` is the inverse, for turning a point clicked on the map into coordinates.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


@dataclass(frozen=True)
class BoundingBox:
    south: Decimal
    north: Decimal
    west: Decimal
    east: Decimal

    def contains(self, latitude, longitude):
        return (
            self.south <= Decimal(str(latitude)) <= self.north
            and self.west <= Decimal(str(longitude)) <= self.east
        )


# Smygehuk (55.34° N), Treriksröset (69.06° N), Koster islands (10.96° E), Kataja (24.17° E),
# rounded outwards.
SWEDEN_BOUNDS = BoundingBox(
    south=Decimal("55.3"), north=Decimal("69.1"), west=Decimal("10.9"), east=Decimal("24.2")
)

# Simplified outlines as (latitude, longitude) points, anticlockwise from Treriksröset.
# Decorative only: good enough to recognise the country and place cities on it.
# fmt: off
MAINLAND = [
    # Border with Norway, north to south.
    (69.06, 20.55), (68.90, 20.25), (68.75, 20.05), (68.55, 19.90), (68.50, 19.00),
    (68.43, 18.13), (68.20, 17.90), (67.95, 17.30), (67.75, 16.75), (67.50, 16.40),
    (67.20, 16.20), (66.90, 15.75), (66.55, 15.40), (66.15, 14.60), (65.80, 14.55),
    (65.40, 14.40), (65.00, 14.30), (64.55, 14.10), (64.20, 13.60), (64.00, 13.00),
    (63.75, 12.65), (63.50, 12.20), (63.30, 12.10), (63.00, 12.10), (62.65, 12.10),
    (62.30, 12.25), (62.05, 12.30), (61.75, 12.35), (61.55, 12.55), (61.30, 12.85),
    (61.05, 12.70), (60.80, 12.45), (60.50, 12.60), (60.20, 12.50), (59.95, 12.35),
    (59.80, 11.95), (59.55, 11.80), (59.30, 11.70), (59.10, 11.45),
    # West coast: Bohuslän and Halland.
    (58.95, 11.15), (58.70, 11.20), (58.45, 11.25), (58.25, 11.40), (58.00, 11.55),
    (57.85, 11.65), (57.70, 11.80), (57.50, 11.95), (57.30, 12.05), (57.10, 12.25),
    (56.90, 12.45), (56.67, 12.80), (56.50, 12.95), (56.43, 12.80), (56.30, 12.45),
    (56.15, 12.55), (56.05, 12.70), (55.87, 12.83), (55.70, 12.95), (55.55, 12.95),
    (55.40, 12.82),
    # South coast: Skåne and Blekinge.
    (55.37, 13.15), (55.34, 13.35), (55.43, 13.82), (55.38, 14.19), (55.55, 14.35),
    (55.75, 14.25), (55.92, 14.30), (56.05, 14.60), (56.17, 14.86), (56.10, 15.25),
    (56.16, 15.59), (56.20, 15.85),
    # East coast north to the Stockholm archipelago.
    (56.45, 16.10), (56.66, 16.36), (57.00, 16.45), (57.30, 16.55), (57.76, 16.64),
    (58.05, 16.75), (58.40, 16.85), (58.60, 16.95), (58.75, 17.10), (58.85, 17.60),
    (58.95, 17.95), (59.15, 18.35), (59.35, 18.75), (59.55, 18.95), (59.80, 19.05),
    (60.10, 18.85), (60.35, 18.45), (60.50, 18.00), (60.65, 17.35), (60.70, 17.15),
    # The Bothnian coast.
    (61.00, 17.20), (61.30, 17.15), (61.75, 17.15), (62.00, 17.40), (62.40, 17.40),
    (62.65, 17.95), (62.95, 18.25), (63.30, 18.75), (63.55, 19.35), (63.80, 20.30),
    (64.15, 20.90), (64.50, 21.15), (64.75, 21.30), (65.05, 21.55), (65.32, 21.50),
    (65.58, 22.15), (65.75, 22.60), (65.85, 23.15), (65.83, 24.14),
    # Border with Finland along the Torne and Muonio rivers.
    (66.10, 23.95), (66.40, 23.65), (66.80, 23.90), (67.20, 23.55), (67.55, 23.45),
    (67.95, 23.60), (68.15, 23.15), (68.44, 22.48), (68.60, 21.95), (68.75, 21.45),
    (68.95, 20.90),
]
OLAND = [
    (56.20, 16.40), (56.55, 16.50), (56.95, 16.75), (57.20, 16.95), (57.37, 17.10),
    (57.25, 17.12), (56.85, 16.85), (56.45, 16.70), (56.25, 16.50),
]
GOTLAND = [
    (56.92, 18.12), (57.10, 18.18), (57.30, 18.12), (57.50, 18.15), (57.65, 18.27),
    (57.78, 18.55), (57.90, 18.85), (57.97, 19.15), (57.90, 19.35), (57.75, 19.05),
    (57.55, 18.90), (57.40, 18.95), (57.25, 18.70), (57.05, 18.40),
]
# fmt: on
OUTLINES = (MAINLAND, OLAND, GOTLAND)

# The map's frame in degrees and its drawing scale. Longitudes are shortened by cos(62°),
# the cosine of a latitude in the middle of the country, so the shape is not squashed.
MAP_NORTH = 69.4
MAP_SOUTH = 55.0
MAP_WEST = 10.5
MAP_EAST = 24.6
MAP_REFERENCE_LATITUDE = 62.0
MAP_SCALE = 40  # SVG units per degree of latitude
_X_FACTOR = math.cos(math.radians(MAP_REFERENCE_LATITUDE)) * MAP_SCALE


def project(latitude, longitude):
    """Return the (x, y) SVG coordinates of a point, rounded to one decimal."""
    x = (float(longitude) - MAP_WEST) * _X_FACTOR
    y = (MAP_NORTH - float(latitude)) * MAP_SCALE
    return round(x, 1), round(y, 1)


def map_size():
    """(width, height) of the map's viewBox."""
    return project(MAP_SOUTH, MAP_EAST)


@lru_cache(maxsize=1)
def outline_path():
    """The SVG path data ("d" attribute) for Sweden's outline, islands included."""
    parts = []
    for outline in OUTLINES:
        points = [project(lat, lon) for lat, lon in outline]
        head, *tail = points
        parts.append(f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in tail) + "Z")
    return "".join(parts)


def unproject(x, y):
    """The (latitude, longitude) at SVG point (x, y): the inverse of `project`."""
    return MAP_NORTH - float(y) / MAP_SCALE, MAP_WEST + float(x) / _X_FACTOR


def projection_attrs():
    """The projection's constants, for a script that turns a click into coordinates."""
    return {
        "data-map-north": MAP_NORTH,
        "data-map-west": MAP_WEST,
        "data-map-scale": MAP_SCALE,
        "data-map-x-factor": round(_X_FACTOR, 9),
    }
