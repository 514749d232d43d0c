"""Report section of the « plan » domain: the actions of the plan and their progress, with
their « mise en œuvre » and « partenaires » as the plan writes them (the page, its queries
and its tests carry the same name)."""

from __future__ import annotations

from dashboard.figures.plan import progress_by_axis
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section

LISTING = [
    "axe",
    "thematique",
    "objectif",
    "mise_en_oeuvre",
    "partenaires",
    "statut_libelle",
    "annee_realisation",
    "dernier_commentaire",
]


@section
def plan_actions(ctx: ReportContext) -> Section | None:
    actions = ctx.fetch("plan/actions")
    if actions is None or actions.empty:
        return None
    synthese = ctx.fetch("plan/synthese", annee=ctx.annee)
    assert synthese is not None
    total = synthese.row(est_total=True)
    paragraph = (
        f"Sur les {synthese.words(total, 'actions')} actions du plan, "
        f"{synthese.words(total, 'fait')} sont faites, "
        f"{synthese.words(total, 'partiellement_fait')} partiellement faites et "
        f"{synthese.words(total, 'non_fait')} non faites ; "
        f"{synthese.words(total, 'realisees_annee')} ont été réalisées en {ctx.annee}."
    )
    summary = ctx.table_of(
        synthese,
        ["axe", "actions", "non_fait", "partiellement_fait", "fait", "realisees_annee"],
    )
    listing = ctx.table_of(actions, LISTING)
    figure = Chart(
        progress_by_axis(synthese),
        ctx.definitions(synthese, ["part_fait"]),
    )
    return Section("Plan d'actions", [paragraph], [summary, figure, listing])
