"""Évaluation du plan : the plan's calendar (baseline, mid-term, final year, from the
settings) and the figures the catalogue marks `evaluation:`, for the year of the filters
(PPGDID : « un bilan à mi-parcours … rendu public »)."""

from __future__ import annotations

import streamlit as st

from dashboard import evaluation
from dashboard.figures.charts import line
from dashboard.figures.trajectoire import CAPTION, trajectories
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
year = filters.annee
header(
    "Évaluation à mi-parcours",
    None,
    settings,
    f"Trois ans après son entrée en vigueur, le {settings.plan} fait l'objet d'un bilan à "
    "mi-parcours adressé au représentant de l'État et à la CIL, et rendu public ; une "
    "évaluation finale le clôt. Chiffres de tout le territoire, pour l'année choisie dans la "
    "barre latérale.",
)
ev = evaluation.evaluate(data.fetch, settings, year)
st.info(ev.calendar.words(year), icon=":material/event:")
if not ev.years:
    st.stop()

st.subheader(f"Indicateurs du plan, {' / '.join(map(str, ev.years))}")
for theme in ev.themes():
    st.markdown(f"**{theme}**")
    show.prepared(
        ev.table(theme),
        title=f"Évaluation du plan, {year} — {theme}",
        key=f"eval_{theme}",
        export=ev.export(theme, access.threshold(settings)),
    )
show.definitions(ev.results)

if len(ev.trajectory_years) < 2:
    st.caption(
        f"La trajectoire depuis l'année de référence commencera avec les chiffres de "
        f"{ev.calendar.baseline + 1}."
    )
    st.stop()
first, last = ev.trajectory_years[0], ev.trajectory_years[-1]
st.subheader(f"Trajectoire des objectifs de la CIA, {first}-{last}")
targets = ev.trajectory(with_target=True)
chart(trajectories(targets, f"Objectifs de la CIA, {first}-{last}"), key="evaluation_objectifs")
st.caption(CAPTION)

st.subheader(f"Trajectoire de la demande et des attributions, {first}-{last}")
counts = ev.trajectory(with_target=False)
chart(
    line(
        counts,
        "annee",
        "valeur",
        f"Demande et attributions, {first}-{last}",
        color="indicateur",
        x_title="Année",
        y_title="Nombre",
    ),
    key="evaluation_demande",
)
