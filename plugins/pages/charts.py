"""Mentions over time: an inline SVG bar chart (no script) plus the same figures as a table.

- A true time axis: one slot per calendar month from the first to the last, so a gap of a
  year looks like a year; the earliest month stands at the right edge, as Arabic reads.
- Counts are visible: on each bar when the bars are wide enough to carry a number, and
  always in the table under it (which is also what a screen reader reads: the SVG itself
  is one labelled image).
- Legible on a phone: the drawing is 360 units wide, so at a phone's width the labels are
  drawn at about their nominal size; the CSS caps its width on wide screens.
"""

from __future__ import annotations

from html import escape

from ..arabic.numbers import count_ar, format_number

WIDTH, HEIGHT, PAD, LABEL = 360, 150, 6, 16  # LABEL: room for the axis labels below the bars
MIN_BAR_FOR_COUNT = 14  # a bar narrower than this (in drawing units) gets no number on it


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def mentions_svg(counts_by_month: dict[str, int], label: str, month_label=lambda month: month,
                 digits: str = "western") -> str:
    """``counts_by_month``: {"2025-07": 3, ...}; ``month_label`` names a month; ``digits`` is
    the ARSHIF_DIGITS setting. Empty string when there is nothing dated."""
    if not counts_by_month:
        return ""

    def number(n):
        return format_number(n, digits)

    def count_phrase(n):
        return count_ar(n, "article", digits)

    months = _months_between(min(counts_by_month), max(counts_by_month))
    top = max(counts_by_month.values())
    bar_w = (WIDTH - 2 * PAD) / len(months)
    chart_h = HEIGHT - LABEL - 2 * PAD - 12  # 12: room for a count above the tallest bar
    baseline = HEIGHT - LABEL - PAD
    parts = []
    for i, month in enumerate(months):
        count = counts_by_month.get(month, 0)
        if not count:
            continue
        h = max(3.0, chart_h * count / top)
        x = WIDTH - PAD - (i + 1) * bar_w  # right to left
        tip = f"{month_label(month)}: {count_phrase(count)}"
        parts.append(f'<rect x="{x + 1:.1f}" y="{baseline - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                     f'height="{h:.1f}"><title>{escape(tip)}</title></rect>')
        if bar_w >= MIN_BAR_FOR_COUNT:
            parts.append(f'<text class="n" x="{x + bar_w / 2:.1f}" y="{baseline - h - 3:.1f}" '
                         f'text-anchor="middle">{escape(number(count))}</text>')
    parts.append(f'<line x1="{PAD}" x2="{WIDTH - PAD}" y1="{baseline + 0.5}" y2="{baseline + 0.5}"/>')
    first, last = escape(month_label(months[0])), escape(month_label(months[-1]))
    # direction="rtl": Arabic labels anchored inside the frame at each end.
    axis = f'<text x="{WIDTH - PAD}" y="{HEIGHT - PAD}" direction="rtl" text-anchor="start">{first}</text>'
    if len(months) > 1:
        axis += f'<text x="{PAD}" y="{HEIGHT - PAD}" direction="rtl" text-anchor="end">{last}</text>'
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">'
           + "".join(parts) + axis + "</svg>")
    rows = "".join(f"<tr><th scope=\"row\">{escape(month_label(m))}</th><td>{escape(count_phrase(counts_by_month[m]))}</td></tr>"
                   for m in months if counts_by_month.get(m))
    table = (f'<details class="chart-table"><summary>الأرقام شهرًا شهرًا</summary>'
             f'<table class="counts"><thead><tr><th scope="col">الشهر</th><th scope="col">المقالات</th></tr></thead>'
             f"<tbody>{rows}</tbody></table></details>")
    return f'<figure class="chart-figure">{svg}{table}</figure>'
