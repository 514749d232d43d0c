"""`parc`: the social stock at the end of the year (queries/parc/communes.sql): RPLS millésime M
describes the stock on 1 January M, so year Y reads the latest millésime up to Y + 1 (none
loaded that early: no figure, rather than a later stock passed off as that year's)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.indicators import Context, indicator, plain


@indicator
def parc(context: Context) -> dict[str, Any]:
    millesimes = context.query("parc/millesimes")
    eligible = millesimes[millesimes["millesime"] <= context.annee + 1]
    if eligible.empty:
        return {"parc": None}
    millesime = int(eligible["millesime"].max())
    frame = context.query(
        "parc/communes", millesime=millesime, financements=[], typologies=[], periodes=[]
    )
    rows = frame.to_dict("records")
    total = next(r for r in rows if pd.isna(r["insee"]))  # the line for the whole selection
    return {
        "parc": {
            "millesime": millesime,
            "logements": plain(total["logements"]),
            "residences": plain(total["residences"]),
            "par_commune": {
                r["insee"]: plain(r["logements"]) for r in rows if not pd.isna(r["insee"])
            },
            "part_qpv": plain(total["part_qpv"]),
            "part_dpe_f_g": plain(total["part_dpe_f_g"]),
        }
    }
