"""Report section of the « commissions » domain: the commissions de coordination against the
plan's rhythm (one a quarter) and the cases examined each year (its page, its queries and its
tests carry the same name)."""

from __future__ import annotations

from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def commissions(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    series = {"annee_debut": ctx.settings.premiere_annee, "annee_fin": y}
    rhythm = ctx.fetch("commissions/rythme", **series)
    yearly = ctx.fetch("commissions/par_annee", **series)
    meetings, cases = rhythm.row(annee=y), yearly.row(annee=y)
    if not rhythm.value(meetings, "commissions") and not yearly.value(cases, "dossiers"):
        return None
    paragraph = (
        f"En {y}, {rhythm.words(meetings, 'commissions')} commissions de coordination se sont "
        f"réunies, pour {rhythm.words(meetings, 'objectif')} attendues (une par trimestre) : "
        f"{rhythm.words(meetings, 'trimestres_tenus')} trimestres sur quatre ont eu la leur "
        f"(rythme trimestriel tenu : {rhythm.words(meetings, 'statut')}). Elles ont examiné "
        f"{yearly.words(cases, 'dossiers')} dossiers ; part de ceux qui ont abouti à la "
        f"signature d'un bail : {yearly.words(cases, 'part_bail_signe')} (les dossiers en "
        "cours peuvent encore aboutir)."
    )
    blocks = [
        ctx.table_of(rhythm, ["periode", "commissions", "t1", "t2", "t3", "t4", "statut"]),
        ctx.table_of(yearly, ["periode", "dossiers", "bail_signe", "en_cours", "part_bail_signe"]),
    ]
    return Section("Commissions de coordination", [paragraph], blocks)
