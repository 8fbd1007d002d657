"""Mentions over time as an inline SVG bar chart: no script, readable without colour
(each bar has a <title> with its month and count), right-to-left time axis."""

from __future__ import annotations

from html import escape


WIDTH, HEIGHT, PAD = 600, 120, 18


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


def mentions_svg(counts_by_month: dict[str, int], label: str, month_label=lambda month: month) -> str:
    """``counts_by_month``: {"2025-07": 3, ...}; ``month_label`` names a month for the axis
    and the tooltips. Empty string when there is nothing dated."""
    if not counts_by_month:
        return ""
    months = _months_between(min(counts_by_month), max(counts_by_month))
    top = max(counts_by_month.values())
    bar_w = (WIDTH - 2 * PAD) / len(months)
    bars = []
    for i, month in enumerate(months):
        count = counts_by_month.get(month, 0)
        h = 0 if not count else max(3, (HEIGHT - 2 * PAD) * count / top)
        # Right to left: the earliest month stands at the right edge, as Arabic reads.
        x = WIDTH - PAD - (i + 1) * bar_w
        tip = f"{month_label(month)}: {count}"
        bars.append(f'<rect x="{x + 1:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                    f'height="{h:.1f}"><title>{escape(tip)}</title></rect>')
    first, last = escape(month_label(months[0])), escape(month_label(months[-1]))
    # direction="rtl": Arabic labels anchored inside the frame at each end.
    axis = f'<text x="{WIDTH - PAD}" y="{HEIGHT - 3}" direction="rtl" text-anchor="start">{first}</text>'
    if len(months) > 1:
        axis += f'<text x="{PAD}" y="{HEIGHT - 3}" direction="rtl" text-anchor="end">{last}</text>'
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(label)}">'
            + "".join(bars) + axis + "</svg>")
