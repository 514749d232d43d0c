"""Report section of the « attributions » domain: the leases of the year (counted in the year
of the lease, as the SNE does) and the decisions, by réservataire, typology, financing, QPV
and bailleur, the decisions without a lease with their reasons, and each bailleur against the
CIA's rules (the page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

BREAKDOWNS = ("reservataire", "typologie", "financement", "qpv", "bailleur")


@section
def attributions(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    year = {"annee_debut": y, "annee_fin": y}
    counts = ctx.fetch("attributions/chiffres_cles", **year)
    before = ctx.fetch(
        "attributions/chiffres_cles", optional=True, annee_debut=y - 1, annee_fin=y - 1
    )
    row = counts.row(annee=None)
    if not counts.value(row, "attributions") and not counts.value(row, "decisions"):
        return None
    previous = before.row(annee=None) if before is not None else None
    split = ctx.fetch("attributions/repartition", **year)
    without = ctx.fetch("attributions/sans_bail", **year)
    bailleurs = ctx.fetch("prioritaires/bailleurs", **year)
    q1 = ctx.fetch("prioritaires/q1_hors_qpv", **year)
    qpv = ctx.fetch("prioritaires/hors_q1_en_qpv", **year)
    in_qpv = split.row(dimension="qpv", qpv="qpv")
    change = counts.delta(row, previous, "attributions")
    paragraphs = [
        f"En {y}, {counts.words(row, 'attributions')} attributions ont abouti à la signature "
        f"d'un bail" + (f" ({change} par rapport à {y - 1})" if change else "") + ", dont "
        f"{counts.words(row, 'decidees_avant')} décidées une année antérieure : comme le SNE, "
        "une attribution est comptée l'année de son bail. Les commissions d'attribution ont "
        f"pris {counts.words(row, 'decisions')} décisions dans l'année, dont "
        f"{counts.words(row, 'sans_bail')} sans bail signé à la date de l'extrait (refus du "
        "ménage, logement attribué au candidat suivant, bail en attente).",
        f"Part des baux signés pour un logement situé en quartier prioritaire de la politique "
        f"de la ville (QPV) : {split.words(in_qpv, 'part')}. Les tableaux ci-dessous donnent la "
        "répartition des attributions par réservataire, typologie, financement, QPV et "
        "bailleur, puis, pour chaque bailleur, les engagements de la convention "
        "intercommunale d'attribution : la part des ménages prioritaires et les deux règles du "
        "premier quartile (article L441-1 du CCH).",
    ]
    blocks = [
        ctx.table_of(split.where(dimension=d), ["modalite", "attributions", "part"], title=d)
        for d in BREAKDOWNS
    ]
    blocks += [
        ctx.table_of(without, ["libelle", "decisions", "part"]),
        ctx.table_of(
            bailleurs, ["bailleur", "attributions", "prioritaires", "taux", "objectif", "statut"]
        ),
        ctx.table_of(
            q1.among("axe", ["bailleur", "ensemble"]),
            ["bailleur_nom", "attributions", "premier_quartile", "part", "statut"],
        ),
        ctx.table_of(
            qpv.among("axe", ["bailleur", "ensemble"]),
            ["bailleur_nom", "attributions", "hors_q1", "part", "statut"],
        ),
    ]
    return Section("Attributions", paragraphs, blocks)
