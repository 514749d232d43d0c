"""Plotly charts readable on a projector: large type, French number format, one colour per
guichet or commune across pages, titles that say what is shown."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard.formatting import fmt_pct

FONT_SIZE = 16
TITLE_SIZE = FONT_SIZE + 4
PALETTE = [
    "#000091",
    "#E4794A",
    "#18753C",
    "#A558A0",
    "#B7A73F",
    "#C9191E",
    "#6A6AF4",
    "#009081",
    "#929292",
]
# Plotly never wraps a title: it is cut at the figure's edge. Titles are wrapped by word at
# what a half-width chart holds at 1366 px (about 430 px: 42 characters of a 20 px title);
# images and presentation mode wrap again for their own width (rewrap_title).
TITLE_CHARS = 42
AXIS_CHARS = 50
CHAR_EM = 0.62  # width of a character of chart text, in em, on the safe side


def wrap(text: str | None, chars: int) -> str | None:
    """`text` in lines of at most `chars` characters (plotly's <br>), cut between words."""
    if not text:
        return text
    plain = re.sub(r"\s*<br\s*/?>\s*", " ", text)
    lines = textwrap.wrap(plain, chars, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines)


def title_chars(width: int, size: int = TITLE_SIZE) -> int:
    """How many title characters fit in `width` pixels."""
    return max(20, int((width - 20) / (size * 0.55)))


def rewrap_title(fig: go.Figure, chars: int) -> None:
    fig.update_layout(title_text=wrap(fig.layout.title.text, chars))


def title_layout(title: str, size: int = TITLE_SIZE, chars: int = TITLE_CHARS) -> dict:
    """A left-aligned title just above the plot area: `automargin` gives it the room its
    lines need, so it is never cut and nothing is drawn over it."""
    return {
        "text": wrap(title, chars),
        "font": {"size": size},
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "automargin": True,
        "pad": {"l": 8, "b": 20},
    }


# Legends go under the chart (at the bottom of the figure, which makes room for them):
# above it they would cover a title of two lines.
LEGEND_BELOW = {
    "orientation": "h",
    "xref": "container",
    "x": 0.01,
    "xanchor": "left",
    "yref": "container",
    "y": 0.01,
    "yanchor": "bottom",
    "title": None,
}


def style(
    fig: go.Figure,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 440,
    percent_axis: bool = False,
) -> go.Figure:
    fig.update_layout(
        title=title_layout(title),
        template="plotly_white",
        font={"size": FONT_SIZE, "family": "Source Sans Pro, Arial, sans-serif"},
        separators=", ",  # decimal comma, space between thousands
        height=height,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        legend=LEGEND_BELOW,
        hoverlabel={"font_size": FONT_SIZE},
    )
    fig.update_xaxes(title_text=wrap(x_title, AXIS_CHARS), automargin=True)
    fig.update_yaxes(
        title_text=wrap(y_title, max(20, int(height / (FONT_SIZE * 0.7)))),
        automargin=True,
        rangemode="tozero",
        tickformat=None if percent_axis else ",d",
    )
    if percent_axis:
        percent_ticks(fig, "y")
    return fig


def _nice_step(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (> 0)."""
    exponent = math.floor(math.log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * 10**exponent >= value - 1e-12:
            return factor * 10**exponent
    return 10 ** (exponent + 1)  # pragma: no cover


def _axis_top(fig: go.Figure, axis: str) -> float:
    """The largest value drawn along `axis` (stacked bars: the largest stack)."""
    stacked = fig.layout.barmode in ("relative", "stack")
    totals: dict[object, float] = {}
    top = 0.0
    for trace in fig.data:
        values = getattr(trace, axis, None)
        other = getattr(trace, "y" if axis == "x" else "x", None)
        if values is None:
            continue
        numbers = pd.to_numeric(pd.Series(list(values)), errors="coerce")
        if stacked and trace.type == "bar" and other is not None:
            for key, number in zip(list(other), numbers, strict=False):
                if number == number:
                    totals[key] = totals.get(key, 0.0) + max(float(number), 0.0)
        elif numbers.notna().any():
            top = max(top, float(numbers.max()))
    return max([top, *totals.values()])


def percent_ticks(fig: go.Figure, axis: str, top: float | None = None) -> None:
    """Ticks of a share axis written as the labels are (« 20 % », not d3's « 20% »), up to
    `top` (the axis' fixed end) or the largest value drawn."""
    end = top if top is not None else _axis_top(fig, axis)
    end = end if end and end > 0 else 1.0
    step = _nice_step(end / 5)
    count = math.floor(end / step + 1e-9) if top is not None else math.ceil(end / step - 1e-9)
    values = [round(i * step, 6) for i in range(count + 1)]
    decimals = 0 if all(float(v * 100).is_integer() for v in values) else 1
    (fig.update_xaxes if axis == "x" else fig.update_yaxes)(
        tickmode="array",
        tickvals=values,
        ticktext=[fmt_pct(v, decimals) for v in values],
        tickformat=None,
    )


def room_for_labels(fig: go.Figure, texts: Sequence[str], size: int = FONT_SIZE) -> None:
    """A right margin wide enough for the longest value label written past a bar's end."""
    longest = max((len(re.sub(r"<[^>]+>", "", str(t))) for t in texts), default=0)
    fig.update_layout(margin_r=int(12 + longest * size * CHAR_EM))


def enlarge(fig: go.Figure, factor: float, chars: int) -> go.Figure:
    """A copy for the projector: every text `factor` times larger (layout, traces,
    annotations, legend, axes), the margins made for labels too, the title wrapped at
    `chars`."""
    out = go.Figure(fig)

    def bigger(font: object) -> None:
        size = getattr(font, "size", None)
        if isinstance(size, int | float):
            font.size = size * factor  # type: ignore[attr-defined]
        elif isinstance(size, tuple | list):
            font.size = [v * factor for v in size]  # type: ignore[attr-defined]

    layout = out.layout
    base = layout.font.size or FONT_SIZE
    layout.font.size = base * factor
    layout.title.font.size = (layout.title.font.size or TITLE_SIZE) * factor
    # Ticks, axis titles and legends are given their size outright: left to inherit it from
    # the layout's font, they would take the smaller one of Streamlit's chart theme.
    layout.legend.font.size = (layout.legend.font.size or base) * factor
    bigger(layout.hoverlabel.font)
    for annotation in layout.annotations:
        annotation.font.size = (annotation.font.size or base) * factor
    for axis in (*out.select_xaxes(), *out.select_yaxes()):
        axis.tickfont.size = (axis.tickfont.size or base) * factor
        axis.title.font.size = (axis.title.font.size or base) * factor
    for trace in out.data:
        for name in ("textfont", "insidetextfont", "outsidetextfont"):
            if hasattr(trace, name):
                bigger(getattr(trace, name))
    for side in ("t", "r"):  # margins set for a title or labels (heat tables, value bars)
        if getattr(layout.margin, side):
            setattr(layout.margin, side, getattr(layout.margin, side) * factor)
    rewrap_title(out, chars)
    return out


def bar(
    frame: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    *,
    color: str | None = None,
    colors: Mapping[str, str] | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    horizontal: bool = False,
    stacked: bool = True,
    percent: bool = False,
    text: bool = True,
    height: int = 440,
) -> go.Figure:
    fig = px.bar(
        frame,
        x=y if horizontal else x,
        y=x if horizontal else y,
        color=color,
        color_discrete_map=dict(colors or {}),
        color_discrete_sequence=PALETTE,
        orientation="h" if horizontal else "v",
        barmode="relative" if stacked else "group",
        text_auto=",d" if text and not percent else False,
    )
    style(
        fig,
        title,
        y_title if horizontal else x_title,
        x_title if horizontal else y_title,
        height=height,
    )
    if percent:
        percent_ticks(fig, "x" if horizontal else "y")
        if text:  # d3's « 31.7% » would ignore the decimal comma and the space before %
            for trace in fig.data:
                values = trace.x if horizontal else trace.y
                trace.text = [fmt_pct(v) for v in values]
                trace.texttemplate = "%{text}"
    elif horizontal:
        fig.update_xaxes(tickformat=",d")
        fig.update_yaxes(tickformat=None, autorange="reversed")
    if not percent and _axis_top(fig, "x" if horizontal else "y") <= 8:
        # a few units: d3 would tick every half and write them as integers (« 0 1 1 2 2 »)
        (fig.update_xaxes if horizontal else fig.update_yaxes)(dtick=1)
    fig.update_traces(textfont_size=FONT_SIZE - 1, cliponaxis=False)
    if text and horizontal:  # a value label past a bar's end is never cut
        texts = [t for trace in fig.data for t in (trace.text or [])]
        widest = max(texts, key=len, default="12 345")
        room_for_labels(fig, [widest], FONT_SIZE - 1)
    return fig


def line(
    frame: pd.DataFrame,
    x: str,
    y: str | list[str],
    title: str,
    *,
    color: str | None = None,
    colors: Mapping[str, str] | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    percent: bool = False,
    labels: Mapping[str, str] | None = None,
    height: int = 440,
) -> go.Figure:
    fig = px.line(
        frame,
        x=x,
        y=y,
        color=color,
        markers=True,
        color_discrete_map=dict(colors or {}),
        color_discrete_sequence=PALETTE,
        labels=dict(labels or {}),
    )
    style(fig, title, x_title, y_title, height=height, percent_axis=percent)
    fig.update_traces(line_width=3, marker_size=9)
    fig.update_xaxes(dtick=1, tickformat="d")
    return fig


# Cotation: the two publics keep these colours on every page.
PUBLIC_COLOURS = {"Primo-demandeurs": "#009081", "Demandeurs en mutation": "#A558A0"}


def box(
    frame: pd.DataFrame,
    x: str,
    title: str,
    *,
    color: str,
    colors: Mapping[str, str] | None = None,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 440,
) -> go.Figure:
    """Boxes drawn from precomputed percentiles (columns p10, q1, mediane, q3, p90, and
    moyenne if present):
    the whiskers stop at the 10th and 90th percentiles, so no single household is drawn.
    Rows whose median is missing (hidden by secrecy) draw no box: « secret » is written in
    their place, or in the series' legend entry when the whole series is hidden."""
    fig = go.Figure()
    hidden_rows: list[object] = []
    for i, (name, whole) in enumerate(frame.groupby(color, sort=False)):
        part = whole[whole["mediane"].notna()]
        colour = (colors or {}).get(str(name), PALETTE[i % len(PALETTE)])
        if part.empty:  # an empty box trace has no legend entry: a marker-less one stands in
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"color": colour, "symbol": "square"},
                    name=f"{name} : secret",
                    showlegend=True,
                )
            )
            continue
        hidden_rows += list(whole.loc[whole["mediane"].isna(), x])
        fig.add_trace(
            go.Box(
                x=part[x],
                name=str(name),
                q1=part["q1"],
                median=part["mediane"],
                q3=part["q3"],
                lowerfence=part["p10"],
                upperfence=part["p90"],
                mean=part.get("moyenne"),
                boxpoints=False,
                marker_color=colour,
                line_width=2.5,
                showlegend=True,
            )
        )
    style(fig, title, x_title, y_title, height=height)
    fig.update_layout(boxmode="group")
    # categories, said outright and in the frame's order: a legend-only trace first would make
    # plotly read the axis as numbers (the boxes out of sight), a hidden row would reorder it
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=list(dict.fromkeys(frame[x]))
    )
    fig.update_yaxes(tickformat=None)
    for category in dict.fromkeys(hidden_rows):
        fig.add_annotation(
            x=category, y=0, yref="paper", yanchor="bottom", text="secret", showarrow=False
        )
    return fig
