"""Bar charts of masked counts: a count hidden by secrecy keeps its place and reads « < 11 »,
so the reader sees that something is there, not a missing category."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import FONT_SIZE, PALETTE, room_for_labels, style
from dashboard.formatting import fmt_int, fmt_pct
from dashboard.masking import FLAG, marker

INK = "#161616"  # labels in near-black: grey is hard to read on a projector


def count_text(row: pd.Series, column: str, threshold: int) -> str:
    """A count of a masked row as shown: « 1 234 », or « < 11 » / « secret » when secrecy
    hid it."""
    return marker(row, column, threshold) or fmt_int(row[column])


def _text(row: pd.Series, count: str, share: str | None, threshold: int) -> str:
    text = count_text(row, count, threshold)
    if row[FLAG + count]:
        return text
    if share is not None and pd.notna(row[share]):
        text += f"  ({fmt_pct(row[share])})"
    return text


def count_bars(
    masked: pd.DataFrame,
    label: str,
    count: str,
    title: str,
    *,
    threshold: int,
    share: str | None = None,
    x_title: str = "Nombre",
    colors: Mapping[str, str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars, one per row in frame order, labelled with the count (and its share);
    a bar's colour comes from `colors` by label (communes, guichets) or the first colour."""
    rows = masked.reset_index(drop=True)
    texts = [_text(r, count, share, threshold) for _, r in rows.iterrows()]
    fig = go.Figure(
        go.Bar(
            x=rows[count].fillna(0),
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
    top = rows[count].max()
    fig.update_xaxes(tickformat=",d", range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.08])
    fig.update_yaxes(autorange="reversed", tickformat=None, tickfont={"color": INK})
    room_for_labels(fig, texts)  # « 762  (31,7 %) » past the longest bar is never cut
    return fig


def yearly_count_bars(
    masked: pd.DataFrame,
    x: str,
    series: Mapping[str, str],
    title: str,
    *,
    threshold: int,
    colors: Mapping[str, str] | None = None,
    x_labels: list[str] | None = None,
    y_title: str = "Nombre",
    height: int = 460,
) -> go.Figure:
    """Vertical grouped bars, one group per row (a year) and one bar per column of `series`
    (column -> legend label); a hidden count keeps its slot and reads « < 11 »."""
    rows = masked.reset_index(drop=True)
    ticks = x_labels or [str(v) for v in rows[x]]
    fig = go.Figure()
    for i, (column, name) in enumerate(series.items()):
        fig.add_trace(
            go.Bar(
                x=ticks,
                y=rows[column].fillna(0),
                name=name,
                marker_color=(colors or {}).get(column, PALETTE[i % len(PALETTE)]),
                text=[_text(r, column, None, threshold) for _, r in rows.iterrows()],
                textposition="outside",
                textfont={"size": FONT_SIZE - 1, "color": INK},
                cliponaxis=False,
                hovertemplate=f"{name} : %{{text}}<extra></extra>",
            )
        )
    style(fig, title, None, y_title, height=height)
    top = max((rows[c].max() for c in series), default=0)
    fig.update_yaxes(range=[0, (top if pd.notna(top) and top > 0 else 1) * 1.15])  # labels on top
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(type="category", tickformat=None, tickfont={"color": INK})
    return fig
