"""Charts of shares, waiting times and ratios computed from masked frames: a value hidden by
secrecy keeps its place and reads « secret », one colour per commune when communes are shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import (
    FONT_SIZE,
    PALETTE,
    percent_ticks,
    room_for_labels,
    style,
    title_layout,
)
from dashboard.figures.counts import INK
from dashboard.formatting import fmt_months, fmt_num, fmt_pct
from dashboard.masking import FLAG, SECRET


def _texts(rows: pd.DataFrame, column: str, formatter: Callable[[object], str]) -> list[str]:
    flags = rows.get(FLAG + column, pd.Series(False, index=rows.index))
    return [
        SECRET if hidden else formatter(v) for v, hidden in zip(rows[column], flags, strict=True)
    ]


def value_bars(
    masked: pd.DataFrame,
    label: str,
    value: str,
    title: str,
    *,
    kind: str = "pct",
    x_title: str = "Part",
    colors: Mapping[str, str] | None = None,
    reference: float | None = None,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars, one per row in frame order, of a share (`kind` « pct »), a ratio
    (« num ») or a number of months (« mois »); `reference` draws a dotted vertical line."""
    formatter = {"pct": fmt_pct, "num": fmt_num, "mois": fmt_months}[kind]
    rows = masked.reset_index(drop=True)
    texts = _texts(rows, value, formatter)
    fig = go.Figure(
        go.Bar(
            x=rows[value].fillna(0),
            y=rows[label].astype(str),
            orientation="h",
            marker_color=[(colors or {}).get(str(v), PALETTE[0]) for v in rows[label]],
            text=texts,
            textposition="outside",
            textfont={"size": FONT_SIZE, "color": INK},
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
        )
    )
    style(fig, title, x_title, None, height=height or 110 + 52 * len(rows))
    top = max(rows[value].max(skipna=True) if rows[value].notna().any() else 0, reference or 0)
    end = (top if top > 0 else 1) * 1.1
    fig.update_xaxes(tickformat=None, range=[0, end])
    if kind == "pct":
        percent_ticks(fig, "x", end)
    room_for_labels(fig, texts)
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK})
    if reference is not None:
        fig.add_vline(x=reference, line_dash="dot", line_width=2, line_color=INK)
    return fig


def median_mean_bars(
    masked: pd.DataFrame,
    label: str,
    title: str,
    *,
    colors: Mapping[str, str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """Waiting times per row: a bar for the median (columns `mediane`) and a black diamond for
    the mean (`moyenne`), in months; a hidden median reads « secret »."""
    rows = masked.reset_index(drop=True)
    names = rows[label].astype(str)
    fig = go.Figure(
        [
            go.Bar(
                x=rows["mediane"].fillna(0),
                y=names,
                orientation="h",
                name="Délai médian",
                marker_color=[(colors or {}).get(v, PALETTE[0]) for v in names],
                text=_texts(rows, "mediane", fmt_months),
                textposition="auto",  # inside, or past the end of a bar too short for it
                insidetextanchor="start",
                textangle=0,
                insidetextfont={"size": FONT_SIZE, "color": "white"},
                outsidetextfont={"size": FONT_SIZE, "color": INK},
                hovertemplate="%{y} : délai médian %{text}<extra></extra>",
            ),
            go.Scatter(
                x=rows["moyenne"],
                y=names,
                mode="markers",
                name="Délai moyen",
                marker={"symbol": "diamond", "size": 16, "color": INK},
                customdata=_texts(rows, "moyenne", fmt_months),
                hovertemplate="%{y} : délai moyen %{customdata}<extra></extra>",
            ),
        ]
    )
    hidden = rows[FLAG + "mediane"].astype(bool) if FLAG + "mediane" in rows else None
    if hidden is not None and hidden.any():
        fig.add_trace(
            go.Scatter(
                x=[0] * int(hidden.sum()),
                y=names[hidden],
                mode="text",
                text=[SECRET] * int(hidden.sum()),
                textposition="middle right",
                textfont={"size": FONT_SIZE, "color": INK},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    style(fig, title, "Mois d'attente", None, height=height or 140 + 52 * len(rows))
    reach = rows[["mediane", "moyenne"]].max().max()  # NaN when everything is hidden
    fig.update_xaxes(tickformat=None, range=[0, (reach if reach > 0 else 12) * 1.1])
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK})
    return fig


def heat_table(
    wide: pd.DataFrame,
    flags: pd.DataFrame,
    title: str,
    *,
    x_title: str,
    y_title: str,
    colour: str = "#000091",
    height: int | None = None,
) -> go.Figure:
    """A table whose cells are coloured by value (white to `colour`), each with its value
    written in it; a cell hidden by secrecy is grey and reads « secret », an empty one « — »."""
    texts = [
        [
            SECRET if hidden else fmt_num(v, 1)
            for v, hidden in zip(wide.loc[r], flags.loc[r], strict=True)
        ]
        for r in wide.index
    ]
    fig = go.Figure(
        go.Heatmap(
            z=wide.to_numpy(dtype=float),
            x=[str(c) for c in wide.columns],
            y=[str(r) for r in wide.index],
            text=texts,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE + 2},
            colorscale=[[0, "#F5F5FE"], [1, colour]],
            xgap=4,
            ygap=4,
            colorbar={"title": {"text": "Demandes par<br>attribution"}, "tickformat": ",.0f"},
            hovertemplate="%{y}, %{x} : %{text}<extra></extra>",
        )
    )
    style(fig, title, x_title, y_title, height=height or 160 + 70 * len(wide.index))
    # the column names sit on top: the title keeps to the top of the figure, above them
    heading = title_layout(title)
    lines = heading["text"].count("<br>") + 1 if heading["text"] else 0
    # plotly lifts a title of several lines anchored at its top by its extra lines
    drop = 16 + 27 * max(lines - 1, 0)
    figure_height = height or 160 + 70 * len(wide.index)
    heading.update(yref="container", y=1 - drop / figure_height, yanchor="top", automargin=False)
    fig.update_layout(title=heading)
    fig.update_layout(plot_bgcolor="#E5E5E5")  # hidden cells show the grey background
    fig.update_xaxes(side="top", tickformat=None, tickfont={"color": INK}, showgrid=False)
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK}, showgrid=False)
    fig.update_layout(margin={"t": 84 + 28 * lines})
    return fig


def grouped_value_bars(
    masked: pd.DataFrame,
    label: str,
    series: Mapping[str, tuple[str, str]],
    title: str,
    *,
    kind: str = "pct",
    x_title: str = "Part",
    height: int | None = None,
) -> go.Figure:
    """Horizontal grouped bars, one group per row in frame order and one bar per column of
    `series` (column -> (legend label, colour)); a hidden value keeps its slot, « secret »."""
    formatter = {"pct": fmt_pct, "num": fmt_num, "mois": fmt_months}[kind]
    rows = masked.reset_index(drop=True)
    texts = {column: _texts(rows, column, formatter) for column in series}
    fig = go.Figure(
        [
            go.Bar(
                x=rows[column].fillna(0),
                y=rows[label].astype(str),
                orientation="h",
                name=name,
                marker_color=colour,
                text=texts[column],
                textposition="outside",
                textfont={"size": FONT_SIZE - 1, "color": INK},
                cliponaxis=False,
                hovertemplate=f"%{{y}}, {name} : %{{text}}<extra></extra>",
            )
            for column, (name, colour) in series.items()
        ]
    )
    style(fig, title, x_title, None, height=height or 130 + 34 * len(series) * len(rows))
    values = rows[list(series)].to_numpy(dtype=float)
    top = float(pd.Series(values.ravel()).max(skipna=True)) if len(rows) else 0.0
    top = top if top == top and top > 0 else 1.0  # NaN or zero: any positive scale
    fig.update_layout(barmode="group", bargap=0.25, legend={"traceorder": "normal"})
    fig.update_xaxes(tickformat=None, range=[0, top * 1.1])
    if kind == "pct":
        percent_ticks(fig, "x", top * 1.1)
    room_for_labels(fig, [t for each in texts.values() for t in each], FONT_SIZE - 1)
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK})
    return fig


# Waiting-time tables (queries delais/delais, mutations/delais): every quantile is hidden with
# the number of housed households it comes from.
WAIT_SHARES = {c: ["n"] for c in ("moyenne", "p10", "q1", "mediane", "q3", "p90")}
WAIT_FORMATS = {"n": "int", "mediane": "mois", "moyenne": "mois", "q1": "mois", "q3": "mois"}
WAIT_LABELS = {
    "n": "Ménages logés",
    "mediane": "Délai médian",
    "moyenne": "Délai moyen",
    "q1": "1er quartile",
    "q3": "3e quartile",
}
