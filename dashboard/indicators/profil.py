"""Key figure of the page « Profil de la demande » (queries/profil/repartition.sql)."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain

DIMENSIONS = ["age", "taille_menage", "typologie", "logement_actuel", "motif"]


@indicator
def profil(context: Context) -> dict[str, Any]:
    frame = context.query("profil/repartition")
    return {
        # each breakdown of the active file on 31/12: category in words -> demands
        "profil": {
            dimension: {
                row["modalite"]: plain(row["actives"])
                for row in frame[frame["dimension"] == dimension].to_dict("records")
            }
            for dimension in DIMENSIONS
        }
    }
