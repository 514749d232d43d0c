"""Mutations: the share of mutation demands in the active file on 31/12 and of mutations among
the year's attributions (queries/mutations/evolution.sql), as fractions between 0 and 1."""

from __future__ import annotations

from typing import Any

from dashboard.indicators import Context, indicator, plain


@indicator
def mutations(context: Context) -> dict[str, Any]:
    frame = context.query("mutations/evolution")
    row = frame[frame["annee"] == context.annee].to_dict("records")[0]
    return {
        "part_mutation_demandes_actives": plain(row["part_mutation_demandes"]),
        "part_mutation_attributions": plain(row["part_mutation_attributions"]),
    }
