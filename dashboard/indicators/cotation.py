"""Cotation: the scores of the active file on 31/12 (queries/cotation/quantiles.sql), in the
grid version the settings name."""

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
