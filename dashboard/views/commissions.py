"""Commissions de coordination : commissions held against the plan's rhythm (one a quarter),
cases examined and what became of them, per year of the commission and over the years, per
wished commune and typology."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.counts import count_bars, yearly_count_bars
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import CUMUL, cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
header(
    "Commissions de coordination",
    filters,
    settings,
    "La commission de coordination, présidée par le président de la "
    f"{settings.epci_nom_court}, examine chaque trimestre les dossiers des demandeurs relevant "
    "de la CIA et émet un avis sur l'opportunité de leur proposer un logement. Cette page suit "
    "ses réunions et ce que sont devenus les dossiers présentés, par année de commission.",
)
year = filters.annee
whole = cumulative(filters, settings)
rhythm = data.fetch("commissions/rythme", annee_debut=settings.premiere_annee, annee_fin=year)
yearly = data.fetch("commissions/par_annee", **whole.params, communes=filters.communes)

st.subheader(f"Chiffres clés {year}")
show.cards(
    [show.figure(rhythm, c, {"annee": year}) for c in ("commissions", "trimestres_tenus")]
    + [
        show.figure(yearly, c, {"annee": year}, previous=yearly, previous_where={"annee": year - 1})
        for c in ("dossiers", "part_bail_signe")
    ]
)
show.definitions(
    [(rhythm, ["commissions", "trimestres_tenus"]), (yearly, ["dossiers", "part_bail_signe"])]
)

# --- The plan's rhythm --------------------------------------------------------------------------
st.subheader(f"Une commission par trimestre : le rythme du plan, {whole.court}")
show.table(
    rhythm,
    ["periode", "commissions", "t1", "t2", "t3", "t4", "objectif", "trimestres_manques", "statut"],
    key="commissions_table_rythme",
)
show.definitions([(rhythm, ["objectif", "statut"])])

# --- Per year -------------------------------------------------------------------------------------
years = yearly.excluding(annee=None)
st.subheader(f"Dossiers examinés par année de commission, {whole.court}")
chart(
    yearly_count_bars(
        years.frame,
        "annee",
        {c: yearly.label(c) for c in ("dossiers", "bail_signe")},
        yearly.title(),
        threshold=yearly.threshold,
        colors={"dossiers": "#000091", "bail_signe": "#18753C"},
        y_title=yearly.label("dossiers"),
    ),
    key="commissions_annees",
)
show.table(
    yearly,
    [
        "periode",
        "dossiers",
        "proposition",
        "bail_signe",
        "refus",
        "sans_suite",
        "en_cours",
        "part_bail_signe",
    ],
    key="commissions_table_annees",
)
show.definitions(
    [(yearly, ["proposition", "bail_signe", "refus", "sans_suite", "en_cours", "part_bail_signe"])]
)

# --- What became of the cases, per commune and typology (cumulative by default) -----------------
st.subheader("Suite donnée aux dossiers")
period = period_choice(filters, settings, key="commissions_periode", default=CUMUL)
issues = data.fetch("commissions/issues", **period.params, communes=filters.communes)
chart(
    count_bars(
        issues.excluding(issue=None).frame,
        "libelle",
        "dossiers",
        issues.title(),
        threshold=issues.threshold,
        share="part",
        x_title=issues.label("dossiers"),
        colors={"Bail signé": "#18753C"},
    ),
    key="commissions_issues",
)
show.definitions([(issues, ["dossiers", "part"])])

split = data.fetch("commissions/repartition", **period.params, communes=filters.communes)
left, right = st.columns(2)
for column, dimension, colors in (
    (left, "commune", settings.commune_couleurs),
    (right, "typologie", None),
):
    rows = split.where(dimension=dimension)
    with column:
        chart(
            count_bars(
                rows.frame,
                "modalite",
                "dossiers",
                split.title(dimension),
                threshold=split.threshold,
                share="part",
                x_title=split.label("dossiers"),
                colors=colors,
            ),
            key=f"commissions_{dimension}",
        )
        show.table(
            rows,
            ["modalite", "dossiers", "bail_signe", "part_bail_signe"],
            title=dimension,
            key=f"commissions_table_{dimension}",
        )
show.definitions([(split, ["dossiers", "bail_signe", "part_bail_signe", "part"])])
