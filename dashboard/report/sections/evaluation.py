"""Report section(s) of the « evaluation » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.figures.charts import line
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


@section
def mi_parcours(ctx: ReportContext) -> Section | None:
    """The mid-term evaluation: a baseline year against the report's year."""
    from dashboard import evaluation

    available = [
        int(a) for a in ctx.query("commun/annees_disponibles")["annee"] if int(a) <= ctx.annee
    ]
    if len(available) < 2:
        return None
    baseline, latest = evaluation.default_years(available, ctx.settings.plan_debut)
    if baseline >= latest:
        return None
    years = list(range(baseline, latest + 1))
    values = evaluation.indicators_by_year(ctx.database, years)
    compared = evaluation.comparison(values, baseline, latest, ctx.threshold)
    shown = evaluation.comparison_text(compared, ctx.threshold)
    labels = evaluation.comparison_labels(baseline, latest)
    table = ctx.table(f"Indicateurs du plan, {baseline} et {latest}", shown, {}, labels)
    table.export = evaluation.comparison_export(compared, ctx.threshold, labels)
    quotas = evaluation.trajectory(
        values,
        ["prioritaires.total.taux", "part_situations_cia_parmi_prioritaires", "part_q1_hors_qpv"],
    )
    figure = line(
        quotas,
        "annee",
        "valeur",
        f"Objectifs de la CIA : part atteinte chaque année, {baseline}-{latest}",
        color="indicateur",
        x_title="Année",
        y_title="Part",
        percent=True,
    )
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0})
    met = int((compared["atteinte"] == "✓ atteint").sum())
    with_target = int((compared["atteinte"] != "").sum())
    paragraph = (
        f"Le {ctx.settings.plan} prévoit un bilan à mi-parcours rendu public. Ce tableau compare "
        f"l'année {baseline} à l'année {latest} ; en {latest}, {met} des {with_target} "
        "indicateurs assortis d'un objectif l'atteignent. L'évolution d'une part est donnée en "
        "points de pourcentage."
    )
    return Section(
        "Évaluation à mi-parcours",
        [paragraph],
        [table, Chart(figure, "Parts calculées sur les attributions effectives (bail signé).")],
    )
