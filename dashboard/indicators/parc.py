"""`parc`: the social stock of the latest RPLS millésime loaded (queries/parc/communes.sql)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.indicators import Context, indicator, plain


@indicator
def parc(context: Context) -> dict[str, Any]:
    millesimes = context.query("parc/millesimes")
    if millesimes.empty:
        return {"parc": None}
    millesime = int(millesimes["millesime"].max())
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
