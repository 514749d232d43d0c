"""The plan's trajectories: one small chart per indicator followed against a target, the
value of each year and the target as a dotted line, so that six groups of réservataires stay
readable on a projected screen. A value hidden by secrecy leaves a gap, never a guess."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.charts import FONT_SIZE, PALETTE, style
from dashboard.formatting import fmt_pct

TARGET_COLOUR = "#161616"
HIDDEN = "non publiable (secret statistique)"
CAPTION = (
    "En pointillé, l'objectif de la CIA ; une année sans point : valeur non publiable "
    "(secret statistique) ou sans attribution."
)


def trajectories(
    frame: pd.DataFrame, title: str, per_row: int = 3, percent: bool = True
) -> go.Figure:
    """`frame`: indicateur, annee, valeur (missing when hidden), objectif; one panel per
    indicator, in the frame's order."""
    names = list(dict.fromkeys(frame["indicateur"]))
    rows = max(1, math.ceil(len(names) / per_row))
    fig = make_subplots(
        rows=rows,
        cols=per_row,
        subplot_titles=names,
        shared_xaxes=True,
        vertical_spacing=0.16 if rows > 1 else 0.1,
        horizontal_spacing=0.07,
    )
    fig.update_annotations(font_size=FONT_SIZE - 1)  # the panels' titles
    years = sorted({int(y) for y in frame["annee"]})
    for i, name in enumerate(names):
        part = frame[frame["indicateur"] == name].sort_values("annee")
        row, col = i // per_row + 1, i % per_row + 1
        fig.add_trace(
            go.Scatter(
                x=part["annee"],
                y=part["valeur"],
                mode="lines+markers+text",
                text=[fmt_pct(v) if percent and pd.notna(v) else "" for v in part["valeur"]],
                textposition="top center",
                textfont={"size": FONT_SIZE - 3},
                line={"width": 3, "color": PALETTE[0]},
                marker={"size": 9},
                name=name,
                showlegend=False,
                cliponaxis=False,
            ),
            row=row,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=part["annee"],
                y=part["objectif"],
                mode="lines",
                line={"width": 2, "dash": "dot", "color": TARGET_COLOUR},
                name="Objectif",
                showlegend=False,
                hovertemplate="Objectif : %{y:.0%}<extra></extra>",
            ),
            row=row,
            col=col,
        )
        if part["valeur"].isna().all():
            fig.add_annotation(
                text=HIDDEN,
                x=(years[0] + years[-1]) / 2,
                y=0.6,
                showarrow=False,
                font={"size": FONT_SIZE - 2, "color": "#666666"},
                row=row,
                col=col,
            )
    style(fig, title, height=max(320, 260 * rows + 80), percent_axis=percent)
    fig.update_xaxes(tickvals=years, tickformat="d", range=[years[0] - 0.5, years[-1] + 0.5])
    fig.update_yaxes(range=[0, 1.12] if percent else None, tickformat=".0%" if percent else None)
    fig.update_layout(margin={"t": 110})
    return fig
