"""Cotation: the scores of the active file on 31/12 (queries/cotation/quantiles.sql) and the
grid's evaluation, in the grid version the settings name."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


@indicator
def cotation(context: Context) -> dict[str, Any]:
    frame = context.query("cotation/quantiles", grille=context.settings.grille_cotation)
    rows = frame[frame["axe"] == "ensemble"].to_dict("records")
    return {
        "cotation": {
            row["public"]: {key: plain(row[key]) for key in ("n", "mediane", "p90")} for row in rows
        }
    }


EVALUATION_KEYS = (
    "demandes_decile",
    "part_prioritaires_decile",
    "part_prioritaires_file",
    "attributions_notees",
    "part_quart",
    "part_file_quart",
)


@indicator
def cotation_evaluation(context: Context) -> dict[str, Any]:
    """The grid's evaluation (queries/cotation/evaluation.sql), both publics together:
    relevance (prioritaires among the best scored) and CIA targets (attributions to the top
    quarter of scores), each with the reference share a random draw would give."""
    frame = context.query("cotation/evaluation", grille=context.settings.grille_cotation)
    row = frame[frame["public"] == "ensemble"].iloc[0]
    return {"cotation_evaluation": {key: plain(row[key]) for key in EVALUATION_KEYS}}
