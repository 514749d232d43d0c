"""Figures of the cotation pages (page and report): score histograms, shares side by side.

Builders only: they take frames whose labels come from the catalogue (queries/cotation/*.yml)
and cells already masked (NaN where secrecy hid them: the bar's place then reads « < 11 » or
« secret », so that a hidden figure is never mistaken for a missing one)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.bars import value_bars
from dashboard.figures.charts import FONT_SIZE, bar, style, wrap
from dashboard.figures.counts import INK
from dashboard.formatting import fmt_int


def score_histogram(
    frame: pd.DataFrame,
    title: str,
    colour: str,
    x_title: str,
    y_title: str,
    top: float | None = None,
) -> go.Figure:
    """Active demands per 10-point class of score (columns classe, classe_libelle, n): one bar
    per class, spanning it; `top` gives both publics the same vertical scale."""
    shown = frame.assign(centre=frame["classe"] + 5)
    fig = bar(shown, "centre", "n", title, x_title=x_title, y_title=y_title, text=False, height=420)
    fig.update_traces(
        marker_color=colour,
        width=9,
        customdata=shown[["classe_libelle"]],
        hovertemplate="%{customdata[0]} : %{y:,d}<extra></extra>",
    )
    last = frame["classe"].max()
    fig.update_xaxes(tick0=0, dtick=20, range=[0, (0 if pd.isna(last) else last) + 10])
    if top is not None and pd.notna(top) and top > 0:
        fig.update_yaxes(range=[0, top * 1.08])
    return fig


def tranche_bars(long: pd.DataFrame, title: str, colour: str, y_title: str) -> go.Figure:
    """Active demands per 20-point band of score, from `reshape.long_counts` (band label in
    `indicateur`, count in `nombre`, a hidden count's marker in `cache`)."""
    texts = [h or fmt_int(v) for h, v in zip(long["cache"], long["nombre"], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=[wrap(str(label), 10) for label in long["indicateur"]],  # « 100 points<br>et plus »
            y=long["nombre"].fillna(0),
            marker_color=colour,
            text=texts,
            textposition="outside",
            textfont={"size": FONT_SIZE, "color": INK},
            cliponaxis=False,
            hovertemplate="%{x} : %{text}<extra></extra>",
        )
    )
    style(fig, title, None, y_title, height=420)
    top = long["nombre"].max()
    fig.update_yaxes(range=[0, (top if pd.notna(top) and top > 0 else 10) * 1.15])
    fig.update_xaxes(tickangle=0)
    return fig


def criteria_shares(frame: pd.DataFrame, share: str, title: str, colour: str) -> go.Figure:
    """One horizontal bar per criterion, in the order of the frame, its whole wording on one
    or two lines (a cut wording could not be told from another)."""
    rows = frame.assign(critere=[wrap(str(t), 55) for t in frame["libelle"]])
    lines = sum(str(label).count("<br>") + 1 for label in rows["critere"])
    return value_bars(
        rows,
        "critere",
        share,
        title,
        colors=dict.fromkeys(rows["critere"], colour),
        height=150 + 24 * lines + 12 * len(rows),
    )
