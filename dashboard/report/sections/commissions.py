"""Report section(s) of the « commissions » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.formatting import fmt_int
from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def commissions(ctx: ReportContext) -> Section | None:
    frame = ctx.query(
        "commissions/par_annee", annee_debut=ctx.settings.premiere_annee, annee_fin=ctx.annee
    )
    if frame["dossiers"].fillna(0).sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["dossiers", "bail_signe", "proposition", "refus", "sans_suite", "en_cours"],
        {"part_bail_signe": ["bail_signe", "dossiers"]},
    )
    period = masked[masked["annee"].isna()].iloc[0]
    year = masked[masked["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"Depuis {ctx.settings.premiere_annee}, {fmt_int(period['commissions'])} commissions de "
        f"coordination ont examiné {_value(period, 'dossiers', 'int', t)} dossiers ; "
        f"{_value(period, 'part_bail_signe', 'pct', t)} ont abouti à la signature d'un bail. "
        f"En {ctx.annee}, {fmt_int(year['commissions'])} commissions ont examiné "
        f"{_value(year, 'dossiers', 'int', t)} dossiers."
    )
    yearly = masked[masked["annee"].notna()].assign(annee=lambda f: f["annee"].astype(int))
    table = ctx.table(
        "Commissions de coordination par année",
        yearly,
        {
            "annee": "text",
            "commissions": "int",
            "dossiers": "int",
            "bail_signe": "int",
            "part_bail_signe": "pct",
        },
        {
            "annee": "Année",
            "commissions": "Commissions",
            "dossiers": "Dossiers examinés",
            "bail_signe": "dont bail signé",
            "part_bail_signe": "Part avec bail signé",
        },
    )
    return Section("Commissions de coordination", [paragraph], [table])
