"""Report sections of the « accueil » domain: key figures of the year and their evolution
(the page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.figures.charts import line
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section
from dashboard.reshape import long_counts

COUNTS = ["demandes_actives", "enregistrements", "attributions", "decisions"]


@section
def key_figures(ctx: ReportContext) -> Section:
    y = ctx.annee
    now = ctx.fetch("accueil/chiffres_cles", annee=y)
    before = ctx.fetch("accueil/chiffres_cles", optional=True, annee=y - 1)
    year = {"annee_debut": y, "annee_fin": y}
    pressure = ctx.fetch("delais/pression", **year)
    waits = ctx.fetch("delais/delais", **year)
    mutations = ctx.fetch("mutations/evolution", annee=y)
    row, previous = now.row(), before.row() if before is not None else None
    total = pressure.row(commune=None, typologie_groupe=None)
    wait = waits.row(axe="ensemble")
    mutation = mutations.row(annee=y)

    def change(column: str) -> str:
        delta = now.delta(row, previous, column)
        return f" ({delta} par rapport à {y - 1})" if delta else ""

    paragraphs = [
        f"Au 31 décembre {y}, {now.words(row, 'demandes_actives')} demandes de logement social "
        f"étaient actives sur le territoire{change('demandes_actives')}, dont "
        f"{mutations.words(mutation, 'part_mutation_demandes')} émanant de ménages déjà "
        f"locataires du parc social (mutations). {now.words(row, 'enregistrements')} demandes "
        f"ont été enregistrées dans l'année{change('enregistrements')}.",
        f"{now.words(row, 'attributions')} attributions ont abouti à la signature d'un bail en "
        f"{y}{change('attributions')} ; les commissions d'attribution ont pris "
        f"{now.words(row, 'decisions')} décisions dans l'année. La pression de la demande est de "
        f"{pressure.words(total, 'taux_pression')} demandes actives pour une attribution ; le "
        f"délai d'attente médian des ménages logés est de {waits.words(wait, 'mediane')}.",
    ]
    return Section("Chiffres clés de l'année", paragraphs, [ctx.years_table(now, before, COUNTS)])


@section
def evolution(ctx: ReportContext) -> Section:
    result = ctx.fetch("accueil/evolution", derniere_annee=ctx.annee)
    first, last = result.frame.iloc[0], result.frame.iloc[-1]
    paragraph = (
        f"De {int(first['annee'])} à {int(last['annee'])}, le nombre de demandes actives au 31 "
        f"décembre est passé de {result.words(first, 'demandes_actives')} à "
        f"{result.words(last, 'demandes_actives')} ; le nombre annuel d'attributions de "
        f"{result.words(first, 'attributions')} à {result.words(last, 'attributions')}."
    )
    shown = ["demandes_actives", "enregistrements", "attributions"]
    fig = line(
        long_counts(result, "annee", shown),
        "annee",
        "nombre",
        result.title(),
        color="indicateur",
        x_title=result.label("annee"),
        y_title="Nombre",
    )
    return Section(
        "Évolution de la demande et des attributions",
        [paragraph],
        [Chart(fig, ctx.definitions(result, shown))],
    )
