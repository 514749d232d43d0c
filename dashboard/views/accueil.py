"""Accueil : the key figures of the chosen year and their change against the previous one."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.charts import line
from dashboard.formatting import fmt_date, fmt_int
from dashboard.reshape import long_counts
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
year, where = filters.annee, {"communes": filters.communes}
header(
    f"Observatoire de la demande et des attributions — {settings.epci_nom_court}",
    filters,
    settings,
)


def both_years(name: str, **params: object):
    """The entry for the year and the year before (None before the first year)."""
    now = data.fetch(name, **params, **where)
    before = data.fetch(name, optional=True, **{**params, **_earlier(params)}, **where)
    return now, before


def _earlier(params: dict) -> dict:
    return {k: v - 1 for k, v in params.items() if k in ("annee", "annee_debut", "annee_fin")}


counts, counts_before = both_years("accueil/chiffres_cles", annee=year)
pressure, pressure_before = both_years("delais/pression", annee_debut=year, annee_fin=year)
waits, waits_before = both_years("delais/delais", annee_debut=year, annee_fin=year)
quotas, quotas_before = both_years("prioritaires/quotas", annee_debut=year, annee_fin=year)
mutations = data.fetch(
    "mutations/evolution", premiere_annee=settings.premiere_annee, annee=year, **where
)

st.subheader(f"Chiffres clés {year}, évolution par rapport à {year - 1}")
show.cards(
    [
        show.figure(counts, c, previous=counts_before)
        for c in ("demandes_actives", "enregistrements", "attributions", "decisions")
    ]
    + [
        show.figure(
            pressure,
            "taux_pression",
            {"commune": None, "typologie_groupe": None},
            previous=pressure_before,
        ),
        show.figure(
            mutations,
            "part_mutation_demandes",
            {"annee": year},
            previous=mutations,
            previous_where={"annee": year - 1},
        ),
        show.figure(waits, "mediane", {"axe": "ensemble"}, previous=waits_before),
        show.figure(quotas, "taux", {"groupe": "total", "annee": None}, previous=quotas_before),
    ]
)
st.caption(
    "Les évolutions sont données par rapport à l'année précédente, dans l'unité de chaque "
    "chiffre (les parts en points de pourcentage)."
    + access.secrecy_note(
        access.threshold(settings),
        f" Les effectifs de moins de {settings.seuil_secret} sont masqués (secret statistique).",
    )
)

evolution = data.fetch(
    "accueil/evolution",
    premiere_annee=settings.premiere_annee,
    derniere_annee=year,
    **where,
)
series = ["demandes_actives", "enregistrements", "attributions"]
chart(
    line(
        long_counts(evolution, "annee", series),
        "annee",
        "nombre",
        evolution.title(),
        color="indicateur",
        x_title=evolution.label("annee"),
        y_title="Nombre",
    ),
    key="accueil_evolution",
)
show.definitions([(evolution, series)])

st.subheader("Données affichées")
sources = data.query("commun/sources")
if sources.empty:
    st.info("Aucun extrait importé.")
else:
    st.markdown(
        "\n".join(
            f"- {row.extrait}"
            + (f" {int(row.millesime)}" if row.kind == "logements" and row.millesime else "")
            + f" : extraction du {fmt_date(row.date_extraction)}, {fmt_int(row.lignes)} lignes"
            f" (fichier {row.fichier})"
            for row in sources.itertuples()
        )
    )
