"""Report section(s) of the « delais » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def delais(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    waits = ctx.query("delais/delais", annee_debut=y, annee_fin=y)
    if waits["n"].sum() == 0:
        return None
    waits = ctx.mask(waits, ["n"], {"mediane": ["n"], "moyenne": ["n"]})
    pressure = ctx.query("delais/pression", annee_debut=y, annee_fin=y)
    pressure = ctx.mask(
        pressure, ["demandes_actives", "attributions"], {"taux_pression": ["attributions"]}
    )
    overall = waits[waits["axe"] == "ensemble"].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Les ménages logés en {y} ont attendu {_value(overall, 'mediane', 'mois', t)} en "
        f"médiane et {_value(overall, 'moyenne', 'mois', t)} en moyenne entre le dépôt de leur "
        "demande et l'attribution. Le PPGDID doit publier ces délais par commune et par type "
        "de logement : ils figurent ci-dessous, avec la pression de la demande (demandes "
        "actives au 31 décembre pour une attribution de l'année)."
    )
    labels_wait = {
        "modalite": "Commune ou typologie",
        "n": "Attributions",
        "mediane": "Délai médian",
        "moyenne": "Délai moyen",
    }
    formats_wait = {"n": "int", "mediane": "mois", "moyenne": "mois"}
    totals = pressure[pressure["typologie_groupe"].isna()]
    blocks = [
        ctx.table(
            f"Délai d'attente des ménages logés en {y}, par commune et par typologie",
            waits,
            formats_wait,
            labels_wait,
        ),
        ctx.table(
            f"Pression de la demande par commune, {y}",
            totals,
            {"demandes_actives": "int", "attributions": "int", "taux_pression": "num"},
            {
                "commune_nom": "Commune",
                "demandes_actives": "Demandes actives au 31/12",
                "attributions": "Attributions",
                "taux_pression": "Demandes par attribution",
            },
        ),
    ]
    return Section("Délais d'attente et pression de la demande", [paragraph], blocks)
