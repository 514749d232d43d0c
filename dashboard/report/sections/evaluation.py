"""Report section of the « evaluation » domain: the plan's evaluation calendar and the figures
the catalogue marks `evaluation:`, read from the publication like every other section (the
page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard import evaluation
from dashboard.figures.trajectoire import CAPTION, trajectories
from dashboard.report.content import Chart, Section, Table
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


def attainment_sentence(ev: evaluation.Evaluation) -> str:
    counts = ev.attainment_counts()
    met, targeted = counts["atteint"], counts["objectifs"]
    verb = "l'atteint" if met < 2 else "l'atteignent"
    parts = [f"En {ev.latest}, {met} des {targeted} indicateurs assortis d'un objectif {verb}"]
    hidden, missing = counts["secret"], counts["sans_valeur"]
    if hidden:
        verb = "n'est pas publiable" if hidden == 1 else "ne sont pas publiables"
        parts.append(f"{hidden} {verb} (secret statistique)")
    if missing:
        verb = "n'a pas de valeur" if missing == 1 else "n'ont pas de valeur"
        parts.append(f"{missing} {verb} cette année")
    text = " ; ".join(parts) + "."
    if len(ev.years) > 1:
        text += " L'évolution d'une part est donnée en points de pourcentage."
    return text


@section
def mi_parcours(ctx: ReportContext) -> Section:
    """Where the plan's evaluation stands in the report's year, and its figures."""
    ev = evaluation.evaluate(ctx.fetch, ctx.settings, ctx.annee)
    title = "Évaluation à mi-parcours"
    paragraphs = [ev.calendar.words(ctx.annee)]
    if not ev.years:
        return Section(title, paragraphs)
    paragraphs.append(attainment_sentence(ev))
    years = ev.years
    blocks: list[Chart | Table] = [
        Table(
            f"Indicateurs du plan, {' / '.join(map(str, years))}",
            ev.table(),
            export=ev.export(threshold=ctx.threshold),
        )
    ]
    trajectory = ev.trajectory(with_target=True)
    if len(ev.trajectory_years) > 1 and not trajectory.empty:
        first, last = ev.trajectory_years[0], ev.trajectory_years[-1]
        figure = trajectories(trajectory, f"Objectifs de la CIA, {first}-{last}")
        blocks.append(Chart(figure, CAPTION, size=(1000, figure.layout.height or 560)))
    return Section(title, paragraphs, blocks)
