"""Report section of the « prioritaires » domain: the CIA's quotas per réservataire group, its
local rule and the two quartile rules per commune, on the leases of the year (its page, its
queries and its tests carry the same name; the rules per bailleur are in « Attributions »)."""

from __future__ import annotations

from dashboard.figures.objectifs import target_chart
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def prioritaires(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    year = {"annee_debut": y, "annee_fin": y}
    quotas = ctx.fetch("prioritaires/quotas", **year)
    groups = quotas.where(annee=None)
    total = groups.row(groupe="total")
    if not quotas.value(total, "attributions"):
        return None
    situations = ctx.fetch("prioritaires/situations_cia", **year)
    q1 = ctx.fetch("prioritaires/q1_hors_qpv", **year)
    qpv = ctx.fetch("prioritaires/hors_q1_en_qpv", **year)
    ensemble = situations.row(situation="ensemble")
    q1_total, qpv_total = q1.row(axe="ensemble"), qpv.row(axe="ensemble")
    paragraphs = [
        f"Ménages prioritaires parmi les baux signés en {y}, tous réservataires : "
        f"{quotas.words(total, 'taux')}, pour un objectif de {quotas.words(total, 'objectif')} "
        f"({quotas.words(total, 'statut')}). Les objectifs de chaque groupe de "
        "réservataires figurent dans le tableau ci-dessous.",
        "Parmi les baux signés au profit de ménages prioritaires, ménages relevant d'une des "
        f"trois situations locales de la CIA : {situations.words(ensemble, 'part')}, pour un "
        f"objectif de {situations.words(ensemble, 'objectif')} "
        f"({situations.words(ensemble, 'statut')}).",
        "Hors des quartiers prioritaires, baux signés au profit de ménages du premier quartile "
        f"de ressources ou relogés : {q1.words(q1_total, 'part')}, pour un objectif de "
        f"{q1.words(q1_total, 'objectif')} ({q1.words(q1_total, 'statut')}). En QPV, "
        f"baux signés au profit de ménages hors du premier quartile : "
        f"{qpv.words(qpv_total, 'part')}, pour un objectif de "
        f"{qpv.words(qpv_total, 'objectif')} ({qpv.words(qpv_total, 'statut')}).",
    ]
    blocks: list = [
        Chart(
            target_chart(
                groups.frame,
                "groupe_nom",
                "taux",
                groups.title(),
                threshold=quotas.threshold,
                count="attributions",
                count_noun="baux signés",
                x_title=quotas.label("taux"),
            ),
            ctx.definitions(quotas, ["taux", "objectif"]),
        ),
        ctx.table_of(
            groups,
            ["groupe_nom", "attributions", "prioritaires", "taux", "objectif", "statut", "ecart"],
        ),
        ctx.table_of(
            situations,
            ["situation_nom", "attributions", "prioritaires", "part", "objectif", "statut"],
        ),
        ctx.table_of(
            q1.among("axe", ["commune", "ensemble"]),
            ["commune_nom", "attributions", "premier_quartile", "part", "objectif", "statut"],
        ),
        ctx.table_of(
            qpv.among("axe", ["commune", "ensemble"]),
            ["commune_nom", "attributions", "hors_q1", "part", "objectif", "statut"],
        ),
    ]
    return Section("Attributions aux publics prioritaires (CIA)", paragraphs, blocks)
