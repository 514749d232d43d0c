"""Figures of the cotation pages (page and report): score histograms, shares side by side.

Builders only: they take frames whose labels come from the catalogue (queries/cotation/*.yml)
and cells already masked (NaN where secrecy hid them: no bar is drawn there)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import bar


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
    `indicateur`, count in `nombre`; a hidden count draws no bar)."""
    fig = bar(long, "indicateur", "nombre", title, y_title=y_title, height=420)
    fig.update_traces(marker_color=colour)
    fig.update_xaxes(title_text=None)
    return fig


def paired_shares(
    frame: pd.DataFrame,
    x: str,
    measures: Mapping[str, tuple[str, str]],
    title: str,
    **options: object,
) -> go.Figure:
    """Grouped bars of two shares per row (`measures`: column -> (legend label, colour)),
    typically an observed share against its reference."""
    long = frame.melt(id_vars=x, value_vars=list(measures), var_name="mesure", value_name="part")
    long["mesure"] = long["mesure"].map({c: label for c, (label, _) in measures.items()})
    colours = dict(measures.values())
    return bar(
        long,
        x,
        "part",
        title,
        color="mesure",
        colors=colours,
        stacked=False,
        percent=True,
        **options,  # type: ignore[arg-type]
    )


def criteria_shares(frame: pd.DataFrame, share: str, title: str, colour: str) -> go.Figure:
    """One horizontal bar per criterion (column libelle_court), in the order of the frame."""
    fig = bar(
        frame,
        "libelle_court",
        share,
        title,
        horizontal=True,
        percent=True,
        height=160 + 30 * max(len(frame), 1),
    )
    fig.update_traces(marker_color=colour, textposition="outside")
    fig.update_yaxes(autorange="reversed", title_text=None)
    top = frame[share].max()
    top = 0.05 if pd.isna(top) else max(float(top), 0.05)
    fig.update_xaxes(title_text=None, range=[0, top * 1.3])
    return fig
