"""Mentions chart (plugins/pages/charts.py): a true time axis and visible counts."""

import re

from plugins.pages.charts import mentions_svg


def test_months_without_mentions_keep_their_place_on_the_axis():
    svg = mentions_svg({"2024-01": 1, "2024-02": 1, "2025-01": 1}, "x")
    xs = sorted(float(x) for x in re.findall(r'<rect x="([\d.]+)"', svg))
    # 13 empty months between Feb 2024 and Jan 2025: that gap is 11 times the Jan-Feb 2024 gap.
    assert round((xs[1] - xs[0]) / (xs[2] - xs[1])) == 11


def test_the_earliest_month_is_at_the_right():
    svg = mentions_svg({"2024-01": 1, "2024-06": 4}, "x")
    bars = re.findall(r'<rect x="([\d.]+)"[^>]*><title>([^<]*)</title>', svg)
    by_month = {title.split(":")[0]: float(x) for x, title in bars}
    assert by_month["2024-01"] > by_month["2024-06"]


def test_counts_are_on_the_bars_and_in_a_table_with_the_right_noun():
    svg = mentions_svg({"2024-01": 2, "2024-03": 13}, "x", digits="arabic-indic")
    assert re.findall(r'<text class="n"[^>]*>([^<]*)</text>', svg) == ["٢", "١٣"]
    assert "<td>مقالتان</td>" in svg and "<td>١٣ مقالة</td>" in svg


def test_nothing_dated_gives_no_chart():
    assert mentions_svg({}, "x") == ""
