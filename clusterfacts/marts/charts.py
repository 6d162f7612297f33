"""Charts for the report, drawn as inline SVG when the page is written.

Plain SVG strings, no charting library and no script: the page opens from file:// on an
offline machine and shows the same picture in any browser. Every drawn mark (a bar, a
point) has class "mark" and a <title> that names its value, which a browser shows on hover
and the report's browser test counts.

    >>> svg = bar_chart("Facts per cluster", [("Biomedicine", 6), ("Aerospace", 1)])
    >>> svg.count('class="mark"')
    2
"""

from __future__ import annotations

import html
from collections.abc import Sequence

FONT = 'font-family="system-ui, sans-serif" font-size="12"'
COLOUR = "#4a78c2"
TARGET_COLOUR = "#e07b00"


def bar_chart(title: str, bars: Sequence[tuple[str, float]], unit: str = "", width: int = 720) -> str:
    """Horizontal bars, one per (label, value), in the order given."""
    label_width, row, top = 330, 20, 8
    plot = width - label_width - 70
    most = max((value for _, value in bars), default=0) or 1
    height = top + row * len(bars) + 8
    parts = [_open(title, width, height)]
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        length = max(1.0, plot * value / most)
        shown = f"{value:,.0f}"
        parts.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" {FONT}>{_clip(label, 46)}</text>'
                     + _bar(label_width, y + 3, length, row - 6, COLOUR, f"{label}: {_with_unit(shown, unit)}")
                     + f'<text x="{label_width + length + 4:.1f}" y="{y + 13}" {FONT}>{html.escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart(title: str, columns: Sequence[tuple[str, float]], unit: str = "", width: int = 720) -> str:
    """Vertical columns, one per (label, value), left to right in the order given."""
    height, bottom, top = 200, 24, 18
    slot = min(80.0, (width - 20) / max(1, len(columns)))
    most = max((value for _, value in columns), default=0) or 1
    plot = height - bottom - top
    parts = [_open(title, width, height)]
    for index, (label, value) in enumerate(columns):
        x = 10 + index * slot
        length = max(1.0, plot * value / most)
        y = height - bottom - length
        shown = f"{value:,.0f}"
        parts.append(_bar(x + slot * 0.15, y, slot * 0.7, length, TARGET_COLOUR, f"{label}: {_with_unit(shown, unit)}")
                     + f'<text x="{x + slot / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" {FONT}>{html.escape(shown)}</text>'
                     f'<text x="{x + slot / 2:.1f}" y="{height - 8}" text-anchor="middle" {FONT}>{_clip(label, 12)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, points: Sequence[tuple[int, float]], unit: str = "", width: int = 360) -> str:
    """One series over the years: points joined by a line, the axis from the first year to the last."""
    height, left, right, top, bottom = 150, 12, 12, 22, 24
    ordered = sorted(points)
    first, last = (ordered[0][0], ordered[-1][0]) if ordered else (0, 1)
    span = (last - first) or 1
    most = max((value for _, value in points), default=0) or 1

    def place(year: int, value: float) -> tuple[float, float]:
        return (left + (width - left - right) * (year - first) / span,
                height - bottom - (height - top - bottom) * value / most)

    spots = [place(year, value) for year, value in ordered]
    parts = [_open(title, width, height),
             f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in spots)}" fill="none" '
             f'stroke="{COLOUR}" stroke-width="2"/>']
    for (year, value), (x, y) in zip(ordered, spots):
        shown = _with_unit(readable(value), unit)
        parts.append(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{COLOUR}">'
                     f'<title>{year}: {html.escape(shown)}</title></circle>'
                     f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" {FONT}>{year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bar(x: float, y: float, width: float, height: float, colour: str, tooltip: str) -> str:
    """One drawn mark: a rectangle whose <title> a browser shows on hover."""
    return (f'<rect class="mark" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{colour}">'
            f'<title>{html.escape(tooltip)}</title></rect>')


def readable(value: float) -> str:
    """A number as an analyst reads it: "1.2 trillion", "600", "15.5".

    >>> readable(1.2e12), readable(600), readable(15.5)
    ('1.2 trillion', '600', '15.5')
    """
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"


def _open(title: str, width: int, height: int) -> str:
    return (f'<svg class="chart" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>')


def _with_unit(number: str, unit: str) -> str:
    return f"{number} {unit}" if unit else number


def _clip(label: str, most: int) -> str:
    return html.escape(label if len(label) <= most else label[:most - 1] + "…")
