"""Simple horizontal bar charts, laid out in Python and drawn as SVG by a template.

No JavaScript and no chart library: `bar_chart()` turns (label, value) rows into
integer coordinates; `templates/projects/includes/bar_chart.html` draws them as an
SVG image with a text alternative and offers the same numbers as a table.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator

WIDTH = 480
ROW_HEIGHT = 56
BAR_HEIGHT = 20
LABEL_BASELINE = 17  # label text sits above its bar
BAR_TOP = 24
VALUE_GAP = 8
VALUE_ROOM = 56  # space right of the longest bar for its number
MAX_LABEL_CHARS = 70


@dataclass
class Bar:
    label: str
    value: int
    short_label: str
    label_y: int
    bar_y: int
    width: int
    value_x: int
    value_y: int


@dataclass
class Chart:
    id: str
    title: str
    value_heading: str
    category_heading: str
    rows: list
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    bar_height: int = BAR_HEIGHT

    @property
    def total(self):
        return sum(value for _label, value in self.rows)

    @property
    def description(self):
        """The chart as one sentence of text, for assistive technology."""
        return "; ".join(f"{label}: {value}" for label, value in self.rows)


def bar_chart(chart_id, title, rows, value_heading, category_heading):
    """Lay out a horizontal bar chart of `rows` ((label, value) pairs, in display order)."""
    rows = [(str(label), int(value)) for label, value in rows]
    chart = Chart(
        id=chart_id,
        title=str(title),
        value_heading=str(value_heading),
        category_heading=str(category_heading),
        rows=rows,
    )
    largest = max((value for _label, value in rows), default=0)
    span = WIDTH - VALUE_ROOM
    for index, (label, value) in enumerate(rows):
        top = index * ROW_HEIGHT
        width = round(span * value / largest) if largest else 0
        if value and width < 2:
            width = 2  # a non-zero value stays visible
        chart.bars.append(
            Bar(
                label=label,
                value=value,
                short_label=Truncator(label).chars(MAX_LABEL_CHARS),
                label_y=top + LABEL_BASELINE,
                bar_y=top + BAR_TOP,
                width=width,
                value_x=width + VALUE_GAP,
                value_y=top + BAR_TOP + BAR_HEIGHT - 5,
            )
        )
    chart.height = max(len(rows) * ROW_HEIGHT, ROW_HEIGHT)
    return chart
