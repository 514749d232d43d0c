"""Accueil : the key figures of the chosen year and their change against the previous one."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.charts import line
from dashboard.formatting import (
    fmt_date,
    fmt_delta,
    fmt_int,
    fmt_months,
    fmt_num,
    fmt_pct,
    plain_text,
)
from dashboard.masking import FLAG, mask, masked_label
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
header(
    f"Observatoire de la demande et des attributions — {settings.epci_nom_court}",
    filters,
    settings,
)

figures = data.query(
    "accueil/chiffres_cles", annees=[filters.annee - 1, filters.annee], communes=filters.communes
)
figures = mask(
    figures,
    counts=[
        "demandes_actives",
        "enregistrements",
        "attributions",
        "baux_signes",
        "baux_signes_prioritaires",
        "demandes_actives_mutation",
    ],
    shares={
        "taux_pression": ["demandes_actives", "attributions"],
        "part_mutation": ["demandes_actives_mutation", "demandes_actives"],
        "part_prioritaires": ["baux_signes_prioritaires", "baux_signes"],
        "delai_median_mois": ["attributions"],
    },
    threshold=threshold,
)
current, previous = figures.iloc[-1], figures.iloc[0]


def metric(column: str, label: str, kind: str, help_text: str) -> None:
    formatter = {"int": fmt_int, "pct": fmt_pct, "num": fmt_num, "mois": fmt_months}[kind]
    hidden = bool(current[FLAG + column])
    value = masked_label(threshold) if hidden and kind == "int" else formatter(current[column])
    if hidden and kind != "int":
        value = "secret"
    delta_kind = {"mois": "num", "int": "int"}.get(kind, kind)
    st.metric(
        label,
        value,
        delta=None if hidden else fmt_delta(current[column], previous[column], delta_kind),
        delta_color="off",
        help=help_text,
        border=True,
    )


st.subheader(f"Chiffres clés {filters.annee}, évolution par rapport à {filters.annee - 1}")
row1 = st.columns(4)
with row1[0]:
    metric(
        "demandes_actives",
        f"Demandes actives au 31/12/{filters.annee}",
        "int",
        "Demandes déposées et non radiées au 31 décembre, par commune souhaitée en premier.",
    )
with row1[1]:
    metric(
        "enregistrements",
        f"Demandes enregistrées en {filters.annee}",
        "int",
        "Demandes dont la date de dépôt tombe dans l'année.",
    )
with row1[2]:
    metric(
        "attributions",
        f"Attributions en {filters.annee}",
        "int",
        "Décisions d'attribution de l'année, par commune du logement.",
    )
with row1[3]:
    metric(
        "baux_signes",
        "dont baux signés",
        "int",
        "Attributions de l'année ayant abouti à la signature d'un bail.",
    )
row2 = st.columns(4)
with row2[0]:
    metric(
        "taux_pression",
        "Pression de la demande",
        "num",
        "Demandes actives au 31/12 pour une attribution de l'année.",
    )
with row2[1]:
    metric(
        "part_mutation",
        "Part des mutations",
        "pct",
        "Demandes actives au 31/12 de ménages déjà locataires du parc social.",
    )
with row2[2]:
    metric(
        "delai_median_mois",
        "Délai d'attente médian",
        "mois",
        "Mois révolus entre le dépôt de la demande et l'attribution, médiane de l'année.",
    )
with row2[3]:
    metric(
        "part_prioritaires",
        "Baux aux ménages prioritaires",
        "pct",
        "Baux signés au profit de ménages prioritaires, sur l'ensemble des baux signés.",
    )
st.caption(
    "Les évolutions sont données par rapport à l'année précédente, en nombre ou en points de "
    "pourcentage."
    + access.secrecy_note(
        threshold, f" Les effectifs de moins de {threshold} sont masqués (secret statistique)."
    )
)

evolution = data.query(
    "accueil/evolution",
    premiere_annee=settings.premiere_annee,
    derniere_annee=filters.annee,
    communes=filters.communes,
)
evolution = mask(
    evolution, ["demandes_actives", "enregistrements", "attributions"], threshold=threshold
)
long = evolution.melt(
    id_vars="annee",
    value_vars=["demandes_actives", "enregistrements", "attributions"],
    var_name="indicateur",
    value_name="nombre",
)
long["indicateur"] = long["indicateur"].map(
    {
        "demandes_actives": "Demandes actives au 31/12",
        "enregistrements": "Demandes enregistrées",
        "attributions": "Attributions",
    }
)
chart(
    line(
        long,
        "annee",
        "nombre",
        f"Demande et attributions, {settings.premiere_annee}-{filters.annee}",
        color="indicateur",
        x_title="Année",
        y_title="Nombre",
    ),
    key="accueil_evolution",
)
definition(
    "une demande est active au 31 décembre si elle a été déposée au plus tard ce jour et n'était "
    "pas radiée ce jour-là ; les attributions sont les décisions d'attribution de l'année."
)

st.subheader("Données affichées")
sources = data.query("commun/sources")
if sources.empty:
    st.info("Aucun extrait importé.")
else:
    labels = {
        "demandes": "Demandes (SNE)",
        "attributions": "Attributions (SNE)",
        "logements": "Parc social (RPLS)",
        "commissions": "Commissions de coordination",
        "actions": "Plan d'actions",
    }
    lines = []
    for row in sources.itertuples():
        what = labels.get(row.kind, row.kind)
        if row.kind == "logements" and row.millesime:
            what += f" {int(row.millesime)}"
        lines.append(
            f"- {what} : extraction du {fmt_date(row.date_extraction)}, "
            f"{fmt_int(row.lignes)} lignes (fichier {plain_text(row.fichier)})"
        )
    st.markdown("\n".join(lines))
