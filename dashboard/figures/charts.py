"""Plotly charts readable on a projector: large type, French number format, one colour per
guichet or commune across pages, titles that say what is shown."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

FONT_SIZE = 16
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


def style(
    fig: go.Figure,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int = 440,
    percent_axis: bool = False,
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4}, "x": 0, "xanchor": "left"},
        template="plotly_white",
        font={"size": FONT_SIZE, "family": "Source Sans Pro, Arial, sans-serif"},
        separators=", ",  # decimal comma, space between thousands
        height=height,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "title": None,
        },
        hoverlabel={"font_size": FONT_SIZE},
    )
    fig.update_xaxes(title_text=x_title, automargin=True)
    fig.update_yaxes(
        title_text=y_title,
        automargin=True,
        rangemode="tozero",
        tickformat=".0%" if percent_axis else ",d",
    )
    return fig


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
        text_auto=(".1%" if percent else ",d") if text else False,
    )
    style(
        fig,
        title,
        y_title if horizontal else x_title,
        x_title if horizontal else y_title,
        height=height,
    )
    if percent:
        (fig.update_xaxes if horizontal else fig.update_yaxes)(tickformat=".0%")
    elif horizontal:
        fig.update_xaxes(tickformat=",d")
        fig.update_yaxes(tickformat=None, autorange="reversed")
    fig.update_traces(textfont_size=FONT_SIZE - 1, cliponaxis=False)
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
    Rows whose median is missing (hidden by secrecy) draw no box."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby(color, sort=False)):
        part = part[part["mediane"].notna()]
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
                marker_color=(colors or {}).get(str(name), PALETTE[i % len(PALETTE)]),
                line_width=2.5,
            )
        )
    style(fig, title, x_title, y_title, height=height)
    fig.update_layout(boxmode="group")
    fig.update_yaxes(tickformat=None)
    return fig
