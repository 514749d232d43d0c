"""Waiting times and pressure of the year: median and mean waiting time of the attributions
(queries/delais/delais.sql) and the pressure, active demands on 31/12 per attribution of the
year (queries/delais/pression.sql), for the communes chosen."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


@indicator
def delais(context: Context) -> dict[str, Any]:
    year = {"annee_debut": context.annee, "annee_fin": context.annee}
    waits = context.query("delais/delais", **year)
    ensemble = waits[waits["axe"] == "ensemble"].to_dict("records")[0]
    pressure = context.query("delais/pression", **year)
    total = pressure[pressure["commune"].isna() & pressure["typologie_groupe"].isna()]
    return {
        "delai_attente_median_mois": plain(ensemble["mediane"]),
        "delai_attente_moyen_mois": plain(ensemble["moyenne"]),
        "taux_pression": plain(total["taux_pression"].iloc[0]),
    }
