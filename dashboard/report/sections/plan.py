"""Report section(s) of the « plan » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.codes import STATUTS_ACTION
from dashboard.figures.charts import bar
from dashboard.formatting import fmt_int
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def plan_actions(ctx: ReportContext) -> Section | None:
    if ctx.extra_tables is None or "suivi_actions" not in ctx.extra_tables:
        return None
    synthese = ctx.query("plan/synthese")
    if synthese.empty or synthese["actions"].sum() == 0:
        return None
    actions = ctx.query("plan/actions")
    total = synthese[synthese["axe"] == "Ensemble du plan"].iloc[0]
    paragraph = (
        f"Sur les {fmt_int(total['actions'])} actions du plan, {fmt_int(total['fait'])} sont "
        f"faites, {fmt_int(total['partiellement_fait'])} partiellement faites et "
        f"{fmt_int(total['non_fait'])} non faites ; {fmt_int(total['realisees_annee'])} ont été "
        f"réalisées en {ctx.annee}."
    )
    no_secret = ctx.mask(synthese, [], None)  # counts of actions: no household behind them
    summary = ctx.table(
        "Avancement par axe",
        no_secret,
        {
            "axe": "text",
            "actions": "int",
            "non_fait": "int",
            "partiellement_fait": "int",
            "fait": "int",
            "realisees_annee": "int",
        },
        {
            "axe": "Axe",
            "actions": "Actions",
            "non_fait": "Non fait",
            "partiellement_fait": "Partiellement fait",
            "fait": "Fait",
            "realisees_annee": f"Réalisées en {ctx.annee}",
        },
    )
    listing = ctx.table(
        "Les actions et leur statut",
        actions.assign(statut=actions["statut"].map(STATUTS_ACTION)),
        {"annee_realisation": "text"},
        {
            "axe": "Axe",
            "thematique": "Thématique",
            "objectif": "Objectif opérationnel",
            "statut": "Statut",
            "annee_realisation": "Année",
            "dernier_commentaire": "Commentaire",
        },
    )
    long = synthese[synthese["axe"] != "Ensemble du plan"].melt(
        id_vars="axe",
        value_vars=["fait", "partiellement_fait", "non_fait"],
        var_name="statut",
        value_name="nombre",
    )
    long["statut"] = long["statut"].map(STATUTS_ACTION)
    fig = bar(
        long,
        "axe",
        "nombre",
        "Actions du plan par axe et par état d'avancement",
        color="statut",
        horizontal=True,
        x_title="Axe",
        y_title="Nombre d'actions",
        colors={"Fait": "#18753C", "Partiellement fait": "#E4794A", "Non fait": "#929292"},
    )
    return Section("Plan d'actions", [paragraph], [summary, Chart(fig), listing])
