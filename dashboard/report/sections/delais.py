"""Report section of the « delais » domain: waiting times of housed households and pressure
of the demand, per commune and typology, and the demands past the délai anormalement long
when the settings give it (its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

TOTAL = {"commune": None, "typologie_groupe": None}


@section
def delais(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    year = {"annee_debut": y, "annee_fin": y}
    waits = ctx.fetch("delais/delais", **year)
    pressure = ctx.fetch("delais/pression", **year)
    overall = waits.row(axe="ensemble")
    paragraphs = [
        f"Les ménages logés en {y} ont attendu {waits.words(overall, 'mediane')} en médiane et "
        f"{waits.words(overall, 'moyenne')} en moyenne entre le dépôt de leur demande et la "
        "signature de leur bail. Le PPGDID doit publier ces délais par commune et par type de "
        "logement : ils figurent ci-dessous, avec la pression de la demande (demandes actives "
        f"au 31 décembre pour un bail signé dans l'année : "
        f"{pressure.words(pressure.row(**TOTAL), 'taux_pression')} sur le territoire)."
    ]
    mois = ctx.settings.delai_anormalement_long_mois
    if mois > 0:
        beyond = ctx.fetch("delais/delai_anormal", annee=y, mois=mois)
        row = beyond.row(**TOTAL)
        paragraphs.append(
            f"Au 31 décembre {y}, {beyond.words(row, 'au_dela')} demandes actives attendaient "
            f"depuis plus que le délai anormalement long ({mois} mois), soit "
            f"{beyond.words(row, 'part')} de la file active."
        )
    blocks = [
        ctx.table_of(waits, ["modalite", "attributions", "n", "mediane", "moyenne"]),
        ctx.table_of(
            pressure.where(typologie_groupe=None),
            ["commune_nom", "demandes_actives", "attributions", "taux_pression"],
            "communes",
        ),
    ]
    return Section("Délais d'attente et pression de la demande", paragraphs, blocks)
