"""Report section(s) of the « enregistrements » domain
(its page, its queries and its tests carry the same name)."""

from __future__ import annotations

from dashboard.figures.charts import bar
from dashboard.report.content import Chart, Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import _value, section


@section
def enregistrements(ctx: ReportContext) -> Section | None:
    frame = ctx.query("enregistrements/par_guichet")
    year = frame[frame["annee"] == ctx.annee]
    if year["enregistrements"].sum() == 0:
        return None
    masked = ctx.mask(
        frame,
        ["enregistrements", "demandes_actives"],
        {"part_enregistrements": ["enregistrements"], "part_actives": ["demandes_actives"]},
    )
    online = ctx.query("enregistrements/en_ligne")
    online = ctx.mask(online, ["enregistrements", "en_ligne"], {"part_en_ligne": ["en_ligne"]})
    now = online[online["annee"] == ctx.annee].iloc[0]
    t = ctx.threshold
    paragraph = (
        f"En {ctx.annee}, {_value(now, 'enregistrements', 'int', t)} demandes ont été "
        f"enregistrées pour une commune du territoire en premier choix ; "
        f"{_value(now, 'part_en_ligne', 'pct', t)} l'ont été en ligne, sur le Portail Grand "
        "Public, les autres par un guichet enregistreur."
    )
    colors = dict(zip(frame["guichet_nom"], frame["couleur"], strict=False))
    figure = bar(
        masked.assign(
            enregistrements=frame["enregistrements"].where(~masked["_masque_enregistrements"])
        ),
        "annee",
        "enregistrements",
        f"Demandes enregistrées par guichet, {int(frame['annee'].min())}-{ctx.annee}",
        color="guichet_nom",
        colors=colors,
        x_title="Année",
        y_title="Demandes enregistrées",
    )
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0})
    table = ctx.table(
        f"Enregistrements et demandes actives par guichet, {ctx.annee}",
        masked[masked["annee"] == ctx.annee],
        {
            "enregistrements": "int",
            "part_enregistrements": "pct",
            "demandes_actives": "int",
            "part_actives": "pct",
        },
        {
            "guichet_nom": "Guichet",
            "enregistrements": f"Enregistrements {ctx.annee}",
            "part_enregistrements": "Part",
            "demandes_actives": f"Demandes actives au 31/12/{ctx.annee}",
            "part_actives": "Part de la file active",
        },
    )
    return Section(
        "Enregistrement de la demande",
        [paragraph],
        [
            Chart(figure, "Demandes déposées dans l'année, par guichet qui les a enregistrées."),
            table,
        ],
    )
