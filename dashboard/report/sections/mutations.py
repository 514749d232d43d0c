"""Report section(s) of the « mutations » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def mutations(ctx: ReportContext) -> Section | None:
    frame = ctx.query("mutations/evolution")
    if frame["demandes_actives"].sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["demandes_actives", "demandes_mutation", "attributions", "attributions_mutation"],
        {
            "part_mutation_demandes": ["demandes_mutation", "demandes_actives"],
            "part_mutation_attributions": ["attributions_mutation", "attributions"],
            "taux_satisfaction_mutation": ["attributions_mutation", "demandes_mutation"],
            "taux_satisfaction_primo": ["attributions_primo", "demandes_primo"],
        },
    )
    now = masked[masked["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Au 31 décembre {ctx.annee}, {_value(now, 'part_mutation_demandes', 'pct', t)} des "
        "demandes actives émanent de ménages déjà locataires du parc social ; ils ont reçu "
        f"{_value(now, 'part_mutation_attributions', 'pct', t)} des attributions de l'année. "
        f"Le taux de satisfaction (attributions de l'année rapportées aux demandes actives) est "
        f"de {_value(now, 'taux_satisfaction_mutation', 'pct', t)} pour les demandes de "
        f"mutation et de {_value(now, 'taux_satisfaction_primo', 'pct', t)} pour les "
        "primo-demandeurs."
    )
    table = ctx.table(
        "Les mutations dans la demande et les attributions",
        masked.assign(annee=masked["annee"].astype(int)),
        {
            "annee": "text",
            "demandes_actives": "int",
            "part_mutation_demandes": "pct",
            "attributions": "int",
            "part_mutation_attributions": "pct",
            "taux_satisfaction_mutation": "pct",
            "taux_satisfaction_primo": "pct",
        },
        {
            "annee": "Année",
            "demandes_actives": "Demandes actives au 31/12",
            "part_mutation_demandes": "Part des mutations",
            "attributions": "Attributions",
            "part_mutation_attributions": "Part des mutations parmi les attributions",
            "taux_satisfaction_mutation": "Satisfaction (mutations)",
            "taux_satisfaction_primo": "Satisfaction (primo-demandeurs)",
        },
    )
    return Section("Les demandes de mutation", [paragraph], [table])
