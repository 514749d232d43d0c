"""Key figures of the page « Enregistrements » (queries/enregistrements/*.sql)."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


@indicator
def enregistrements(context: Context) -> dict[str, Any]:
    guichets = context.query("enregistrements/par_guichet")
    year = guichets[guichets["annee"] == context.annee]
    radiations = context.query("enregistrements/radiations")
    return {
        # guichet code of the settings -> demands it registered in the year
        "enregistrements_par_guichet": {
            row["guichet"]: plain(row["enregistrements"]) for row in year.to_dict("records")
        },
        # SNE radiation motif code -> radiations of the year ("" : motif not given)
        "radiations_par_motif": {
            row["code"] or "non_renseigne": plain(row["radiations"])
            for row in radiations.to_dict("records")
        },
    }
