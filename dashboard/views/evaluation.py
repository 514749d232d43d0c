"""Évaluation à mi-parcours : a baseline year against a later one, indicator by indicator,
with the change, the target and the trajectory over the years (PPGDID: « un bilan à
mi-parcours … rendu public »)."""

from __future__ import annotations

import streamlit as st

from dashboard import evaluation
from dashboard.figures.charts import line
from dashboard.formatting import fmt_pct
from dashboard.ui import access, data
from dashboard.ui.layout import chart, definition, header, table

settings = data.settings()
header(
    "Évaluation à mi-parcours",
    None,
    settings,
    f"Trois ans après son entrée en vigueur, le {settings.plan} fait l'objet d'un bilan à "
    "mi-parcours adressé au représentant de l'État et à la CIL, et rendu public. Cette page "
    "compare une année de référence à une année récente, indicateur par indicateur, pour tout "
    "le territoire.",
)
available = (
    data.query("commun/annees_disponibles", premiere_annee=settings.premiere_annee)["annee"]
    .astype(int)
    .tolist()
)
default_base, default_last = evaluation.default_years(available, settings.plan_debut)
left, right = st.columns(2)
baseline = left.selectbox("Année de référence", available, index=available.index(default_base))
latest = right.selectbox("Année comparée", available, index=available.index(default_last))
if baseline >= latest:
    st.warning("Choisissez une année de référence antérieure à l'année comparée.")
    st.stop()


@st.cache_data(show_spinner="Calcul des indicateurs de chaque année…", max_entries=20)
def _values(identity: object, years: tuple[int, ...]) -> dict:
    return evaluation.indicators_by_year(data.database(), list(years))


values = _values(data.database().identity, tuple(range(baseline, latest + 1)))
threshold = access.threshold(settings)
comparison = evaluation.comparison(values, baseline, latest, threshold)
shown = evaluation.comparison_text(comparison, threshold)

st.subheader(f"{baseline} et {latest}, indicateur par indicateur")
labels = evaluation.comparison_labels(baseline, latest)
for theme, rows in shown.groupby("theme", sort=False):
    st.markdown(f"**{theme}**")
    table(
        rows.drop(columns="theme"),
        {},
        threshold,
        labels,
        key=f"evaluation_{theme}",
        title=f"Évaluation {baseline}-{latest} — {theme}",
        export=evaluation.comparison_export(
            comparison[comparison["theme"] == theme], threshold, labels
        ),
    )
definition(
    "l'évolution d'une part est donnée en points de pourcentage"
    + access.secrecy_note(
        threshold,
        f" ; une valeur calculée sur moins de {threshold} cas n'est pas publiée "
        "(secret statistique)",
    )
    + "."
)

st.subheader(f"Trajectoire des objectifs d'attribution, {baseline}-{latest}")
quotas = evaluation.trajectory(
    values,
    ["prioritaires.total.taux", "part_situations_cia_parmi_prioritaires", "part_q1_hors_qpv"],
)
fig = line(
    quotas,
    "annee",
    "valeur",
    "Objectifs de la CIA : part atteinte chaque année",
    color="indicateur",
    x_title="Année",
    y_title="Part",
    percent=True,
)
colors = {trace.name: trace.line.color for trace in fig.data}
for key, target in (
    ("prioritaires.total.taux", settings.objectif_prioritaires_total),
    ("part_situations_cia_parmi_prioritaires", settings.objectif_situations_cia),
    ("part_q1_hors_qpv", settings.objectif_q1_hors_qpv),
):
    name = next(f.label for f in evaluation.FOLLOWED if f.key == key)
    fig.add_hline(y=target, line_dash="dot", line_width=2, line_color=colors.get(name, "#555"))
fig.update_layout(height=520)  # the legend is under the chart (figures/charts.py)
chart(fig, key="evaluation_objectifs")
definition(
    "parts calculées sur les attributions effectives (bail signé) de chaque année ; "
    "chaque ligne pointillée est l'objectif de la CIA de la courbe de même couleur ("
    f"{fmt_pct(settings.objectif_prioritaires_total)} de ménages prioritaires, "
    f"{fmt_pct(settings.objectif_situations_cia, 0)} pour les trois situations locales, "
    f"{fmt_pct(settings.objectif_q1_hors_qpv, 0)} de premier quartile hors QPV)."
)

st.subheader("Trajectoire de la demande et des attributions")
demand = evaluation.trajectory(
    values,
    [
        "demandes_actives",
        "enregistrements",
        "attributions",
    ],
)
chart(
    line(
        demand,
        "annee",
        "valeur",
        f"Demande et attributions, {baseline}-{latest}",
        color="indicateur",
        x_title="Année",
        y_title="Nombre",
    ),
    key="evaluation_demande",
)
