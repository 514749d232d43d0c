"""Key figures of the home page (queries/accueil/chiffres_cles.sql)."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


@indicator
def chiffres_cles(context: Context) -> dict[str, Any]:
    frame = context.query("accueil/chiffres_cles", annees=[context.annee])
    row = frame.to_dict("records")[0]  # per-column types: counts stay integers
    keys = [
        "demandes_actives",
        "enregistrements",
        "attributions",
        "baux_signes",
        "taux_pression",
        "part_mutation",
        "part_prioritaires",
        "delai_median_mois",
    ]
    return {"chiffres_cles": {key: plain(row[key]) for key in keys}}
