"""Report section of the « enregistrements » domain: the demand on the territory registered
online and at the guichets, and the activity of the territory's guichets (its page, its
queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.figures.counts import yearly_count_bars
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section
from dashboard.reshape import pivot_masked

ACTIVITY = ["guichet_nom", "enregistrements", "enregistrements_hors_territoire"]
ACTIVITY += ["renouvellements", "demandes_actives"]


@section
def enregistrements(ctx: ReportContext) -> Section | None:
    y = ctx.annee
    online = ctx.fetch("enregistrements/en_ligne", annee=y)
    guichets = ctx.fetch("enregistrements/par_guichet", annee=y)
    if online.empty or guichets.empty:
        return None
    now = online.row(annee=y)
    paragraphs = [
        f"Demande sur le territoire : en {y}, {online.words(now, 'enregistrements')} demandes "
        "ont été enregistrées pour une commune du territoire en premier choix ; "
        f"{online.words(now, 'part_en_ligne')} l'ont été en ligne, sur le Portail Grand "
        "Public, les autres par un guichet enregistreur.",
        "Activité des guichets du territoire, quelles que soient les communes souhaitées : "
        + " ; ".join(
            f"{row['guichet_nom']}, {guichets.words(row, 'enregistrements')} demandes "
            f"enregistrées (dont {guichets.words(row, 'enregistrements_hors_territoire')} pour "
            f"une commune hors du territoire) et {guichets.words(row, 'demandes_actives')} "
            "demandes actives au 31 décembre"
            for _, row in guichets.where(annee=y).frame.iterrows()
        )
        + ".",
    ]
    names = list(dict.fromkeys(guichets.frame["guichet_nom"]))
    figure = yearly_count_bars(
        pivot_masked(guichets.frame, "annee", "guichet_nom", "enregistrements"),
        "annee",
        {name: name for name in names},
        guichets.title("enregistrements"),
        threshold=guichets.threshold,
        colors=ctx.settings.guichet_couleurs,
        y_title=guichets.label("enregistrements", short=True),
    )
    return Section(
        "Enregistrement de la demande",
        paragraphs,
        [
            Chart(figure, ctx.definitions(guichets, ["enregistrements"])),
            ctx.table_of(guichets.where(annee=y), ACTIVITY, "annee"),
        ],
    )
