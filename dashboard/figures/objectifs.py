"""Shares against their targets (CIA quotas, first-quartile rule): secrecy for the whole row
and a bullet chart where a target that is met is green AND says so in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.charts import FONT_SIZE, percent_ticks, style
from dashboard.formatting import MISSING, fmt_int, fmt_pct
from dashboard.masking import FLAG, SECONDARY_FLAG, SECRET, mask, masked_label

MET = "✓ atteint"
MISSED = "✗ non atteint"
MET_COLOUR = "#18753C"  # DSFR success green
MISSED_COLOUR = "#B34000"  # DSFR warning orange: the word says « non atteint » too
NEUTRAL_COLOUR = "#000091"
TARGET_COLOUR = "#161616"
STATUS = "statut"


def status_label(met: object) -> str:
    if met is None or pd.isna(met):
        return MISSING
    return MET if bool(met) else MISSED


def mask_targets(
    frame: pd.DataFrame, total: str, realised: str, share: str, threshold: int
) -> pd.DataFrame:
    """Masks a frame of the queries that measure a share against a target (columns `total`,
    `realised`, `share`, `ecart`, `atteint`). A small count hides the share, and also the gap
    and the status, since either gives the count back with the total. Adds the text column
    `statut` (« ✓ atteint », « ✗ non atteint », « — »). The gap stays a number (kind
    « count »); a hidden one reads « secret », not « < 11 » (secondary flag)."""
    out = mask(
        frame.drop(columns="atteint"),
        counts=[total, realised],
        shares={share: [total, realised], "ecart": [total, realised]},
        threshold=threshold,
    )
    # the gap is hidden to protect the counts, not for being small: it reads « secret »
    out[SECONDARY_FLAG + "ecart"] = out[FLAG + "ecart"]
    out[STATUS] = frame["atteint"].map(status_label)
    # « — » (nothing to measure, or no target) says nothing about the count: keep it visible
    out[FLAG + STATUS] = out[FLAG + share] & frame["atteint"].notna()
    return out


def _bar_text(row: pd.Series, share: str, threshold: int) -> str:
    if row[FLAG + share]:
        return f"{SECRET} (effectif < {threshold})"
    if pd.isna(row[share]):
        return f"{MISSING} aucune attribution"
    status = row[STATUS]
    return fmt_pct(row[share]) + ("" if status == MISSING else f"  {status}")


def _colour(row: pd.Series, share: str) -> str:
    if row[FLAG + share] or pd.isna(row[share]):
        return NEUTRAL_COLOUR
    return {MET: MET_COLOUR, MISSED: MISSED_COLOUR}.get(row[STATUS], NEUTRAL_COLOUR)


def target_chart(
    masked: pd.DataFrame,
    label: str,
    share: str,
    title: str,
    *,
    threshold: int,
    count: str | None = None,
    count_noun: str = "attributions",
    x_title: str = "Part",
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars of `share` per row of a frame from `mask_targets`, each with its target
    (column `objectif`) as a black tick; under each label, the count behind the share."""
    rows = masked.reset_index(drop=True)
    labels = []
    for _, row in rows.iterrows():
        text = f"<b>{row[label]}</b>"
        if count is not None:
            n = masked_label(threshold) if row[FLAG + count] else fmt_int(row[count])
            text += f"<br><span style='font-size:{FONT_SIZE - 3}px'>{n} {count_noun}</span>"
        labels.append(text)
    rows["_label"] = labels
    fig = go.Figure()
    colours = [_colour(r, share) for _, r in rows.iterrows()]
    for name, colour in (
        ("Objectif atteint", MET_COLOUR),
        ("Objectif non atteint", MISSED_COLOUR),
        ("Non mesurable", NEUTRAL_COLOUR),
    ):
        part = rows[[c == colour for c in colours]]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=part[share].fillna(0),
                y=part["_label"],
                orientation="h",
                name=name,
                marker_color=colour,
                hoverinfo="skip",
                showlegend=name != "Non mesurable",
            )
        )
    # The words go right of both the bar and the target tick, so that neither hides them.
    fig.add_trace(
        go.Scatter(
            x=[
                max(v if pd.notna(v) else 0, t if pd.notna(t) else 0) + 0.02
                for v, t in zip(rows[share], rows["objectif"], strict=True)
            ],
            y=rows["_label"],
            mode="text",
            text=[_bar_text(r, share, threshold) for _, r in rows.iterrows()],
            textposition="middle right",
            textfont={"size": FONT_SIZE, "color": TARGET_COLOUR},
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
        )
    )
    targets = rows[rows["objectif"].notna()]
    fig.add_trace(
        go.Scatter(
            x=targets["objectif"],
            y=targets["_label"],
            mode="markers",
            name="Objectif",
            marker={
                "symbol": "line-ns",
                "size": 42,
                "line": {"width": 4, "color": TARGET_COLOUR},
                "color": TARGET_COLOUR,
            },
            customdata=[fmt_pct(v) for v in targets["objectif"]],
            hovertemplate="Objectif : %{customdata}<extra></extra>",
        )
    )
    style(fig, title, x_title, None, height=height or 120 + 78 * len(rows))
    fig.update_layout(barmode="overlay", bargap=0.35)
    fig.update_xaxes(
        range=[0, 1.55],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
        ticktext=[fmt_pct(v, 0) for v in (0, 0.25, 0.5, 0.75, 1)],
        tickformat=None,
        showgrid=True,
    )
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=rows["_label"].tolist(),
        autorange="reversed",
        tickformat=None,
        tickfont={"color": TARGET_COLOUR},
    )
    return fig


def target_trend(
    masked: pd.DataFrame,
    x: str,
    share: str,
    title: str,
    *,
    name: str,
    x_title: str = "Année",
    y_title: str = "Part",
    height: int = 460,
) -> go.Figure:
    """A share year after year (a frame from `mask_targets`), each point labelled and coloured
    by its status, with the target as a dashed line named in the legend."""
    rows = masked.reset_index(drop=True)
    colours = [_colour(r, share) for _, r in rows.iterrows()]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=rows[x],
            y=rows["objectif"],
            mode="lines",
            name=f"Objectif ({fmt_pct(rows['objectif'].iloc[0])})" if len(rows) else "Objectif",
            line={"dash": "dash", "width": 3, "color": TARGET_COLOUR},
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=rows[x],
            y=rows[share],
            mode="lines+markers+text",
            name=name,
            line={"width": 3, "color": NEUTRAL_COLOUR},
            marker={"size": 14, "color": colours, "line": {"width": 1, "color": "white"}},
            text=[SECRET if r[FLAG + share] else fmt_pct(r[share]) for _, r in rows.iterrows()],
            # above the point when over the target line, below when under: never on the line
            textposition=[
                "bottom center" if v < t else "top center"
                for v, t in zip(rows[share].fillna(0), rows["objectif"].fillna(0), strict=True)
            ],
            textfont={"size": FONT_SIZE, "color": TARGET_COLOUR},
            customdata=[r[STATUS] for _, r in rows.iterrows()],
            hovertemplate="%{x} : %{text} %{customdata}<extra></extra>",
        )
    )
    style(fig, title, x_title, y_title, height=height, percent_axis=True)
    fig.update_xaxes(dtick=1, tickformat="d", tickfont={"color": TARGET_COLOUR})
    fig.update_yaxes(range=[0, 1.05])
    percent_ticks(fig, "y", 1.0)
    return fig
