"""The bar-chart layout is a pure function: integer coordinates, proportional bars."""

from projects.charts import WIDTH, bar_chart


def test_bars_are_proportional_and_labelled():
    chart = bar_chart("c", "Titel", [("A", 4), ("B", 2), ("C", 0)], "Antal", "Kategori")
    widths = [bar.width for bar in chart.bars]
    assert widths[0] > widths[1] > widths[2] == 0
    assert widths[0] == 2 * widths[1]
    assert all(isinstance(value, int) for bar in chart.bars for value in vars(bar).values()
               if not isinstance(value, str))
    assert max(bar.value_x for bar in chart.bars) < WIDTH
    assert chart.total == 6
    assert chart.description == "A: 4; B: 2; C: 0"
    assert chart.height == 3 * 56


def test_small_values_stay_visible_and_long_labels_are_shortened():
    chart = bar_chart("c", "T", [("x" * 200, 1), ("y", 1000)], "n", "k")
    assert chart.bars[0].width >= 2
    assert len(chart.bars[0].short_label) <= 70
    assert chart.bars[0].label == "x" * 200


def test_empty_chart():
    chart = bar_chart("c", "T", [], "n", "k")
    assert chart.bars == [] and chart.total == 0 and chart.height > 0
