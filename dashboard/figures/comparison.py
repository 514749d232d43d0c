"""Horizontal bars comparing two years category by category (the previous year in grey, the
chosen year in the territory's blue), each bar labelled with its count and share; a count
hidden by secrecy keeps its slot and reads « < 11 »."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import FONT_SIZE, room_for_labels, style
from dashboard.figures.counts import INK, count_text
from dashboard.formatting import fmt_pct
from dashboard.masking import FLAG

YEAR_COLOURS = ("#A0A0A0", "#000091")  # previous year, chosen year


def compared_bars(
    masked: pd.DataFrame,
    label: str,
    series: Mapping[str, tuple[str, str | None]],
    title: str,
    *,
    threshold: int,
    x_title: str = "Nombre",
    colors: tuple[str, ...] = YEAR_COLOURS,
) -> go.Figure:
    """One group of bars per row (in frame order, top to bottom) and one bar per entry of
    `series`: count column -> (legend label, share column or None)."""
    rows = masked.reset_index(drop=True)
    fig = go.Figure()
    every_text: list[str] = []
    for i, (count, (name, share)) in enumerate(series.items()):
        texts = []
        for _, row in rows.iterrows():
            text = count_text(row, count, threshold)
            if share is not None and not row[FLAG + count] and pd.notna(row[share]):
                text += f"  ({fmt_pct(row[share])})"
            texts.append(text)
        every_text += texts
        fig.add_trace(
            go.Bar(
                x=rows[count].fillna(0),
                y=rows[label].astype(str),
                name=name,
                orientation="h",
                marker_color=colors[i % len(colors)],
                text=texts,
                textposition="outside",
                textfont={"size": FONT_SIZE - 2, "color": INK},
                cliponaxis=False,
                hovertemplate=f"{name} · %{{y}} : %{{text}}<extra></extra>",
            )
        )
    style(fig, title, x_title, None, height=130 + 30 * len(series) * len(rows))
    top = max((rows[c].max() for c in series), default=0)
    fig.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    fig.update_xaxes(tickformat=",d", range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.08])
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK})
    room_for_labels(fig, every_text, FONT_SIZE - 2)
    return fig
