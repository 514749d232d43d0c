"""Key figures of the attribution pages not yet in the catalogue: the CIA's local rule, the
first-quartile rule outside QPV, and the commissions de coordination."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


def _year(context: Context) -> dict[str, int]:
    return {"annee_debut": context.annee, "annee_fin": context.annee}


@indicator
def regles_cia(context: Context) -> dict[str, Any]:
    situations = context.query("prioritaires/situations_cia", **_year(context))
    ensemble = situations[situations["situation"] == "ensemble"].to_dict("records")[0]
    q1 = context.query("prioritaires/q1_hors_qpv", **_year(context))
    total = q1[q1["commune"] == "total"].to_dict("records")[0]
    return {
        "part_situations_cia_parmi_prioritaires": plain(ensemble["part"]),
        "part_q1_hors_qpv": plain(total["part"]),
    }


@indicator
def commissions(context: Context) -> dict[str, Any]:
    frame = context.query("commissions/par_annee", **_year(context))
    row = frame[frame["annee"].isna()].to_dict("records")[0]
    return {
        "commissions": {
            "nombre": plain(row["commissions"]),
            "dossiers": plain(row["dossiers"]),
            "baux_signes": plain(row["bail_signe"]),
        }
    }
