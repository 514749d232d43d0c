"""Enregistrements : the guichets' activity (every demand a guichet of the territory registered,
whatever the communes sought) and the demand on the territory (first wished commune in it):
registrations online and at the guichets, the monthly rhythm, renewals and radiations by motif,
the active file at year end."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.charts import line
from dashboard.figures.comparison import compared_bars
from dashboard.figures.counts import count_bars, yearly_count_bars
from dashboard.reshape import long_counts, pivot_masked, years_wide
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
year, before = filters.annee, filters.annee - 1
years = {"premiere_annee": settings.premiere_annee, "annee": year}
where = {"communes": filters.communes}
header(
    "Enregistrements de demandes",
    filters,
    settings,
    "Deux façons de compter les demandes enregistrées : l'**activité des guichets** du "
    "territoire (tout ce qu'ils enregistrent, quelle que soit la commune souhaitée) et la "
    "**demande sur le territoire** (les demandes qui souhaitent d'abord une commune du "
    "territoire, par quelque guichet qu'elles passent). Chaque section dit laquelle elle montre.",
)

movements = data.fetch("enregistrements/mouvements", **years, **where)
online = data.fetch("enregistrements/en_ligne", **years, **where)
guichets = data.fetch("enregistrements/par_guichet", **years)
months = data.fetch("enregistrements/rythme_mensuel", annee=year, **where)
radiations = data.fetch("enregistrements/radiations", annee=year, **where)
now, then = {"annee": year}, {"annee": before}

# --- Key figures -------------------------------------------------------------------------------
st.subheader(f"Chiffres clés {year} de la demande sur le territoire")
show.scope(movements)
show.cards(
    [
        show.figure(movements, "enregistrements", now, movements, then),
        show.figure(online, "part_en_ligne", now, online, then),
        show.figure(movements, "demandes_actives", now, movements, then),
        show.figure(movements, "radiations", now, movements, then),
    ]
)

# --- The guichets' activity -------------------------------------------------------------------
st.subheader("Activité des guichets du territoire")
show.scope(guichets)
colours = settings.guichet_couleurs
names = list(dict.fromkeys(guichets.frame["guichet_nom"]))
registered = pivot_masked(guichets.frame, "annee", "guichet_nom", "enregistrements")
chart(
    yearly_count_bars(
        registered,
        "annee",
        {name: name for name in names},
        guichets.title("enregistrements"),
        threshold=guichets.threshold,
        colors=colours,
        y_title=guichets.label("enregistrements", short=True),
        height=520,
    ),
    key="enregistrements_par_guichet",
)
activity = ["guichet_nom", "enregistrements", "enregistrements_hors_territoire"]
activity += ["renouvellements", "demandes_actives"]
show.table(guichets.where(annee=year), activity, "annee", key="enregistrements_table_guichets")
show.definitions([(guichets, activity[1:])])
with st.expander("L'activité des guichets année par année"):
    show.table(guichets, ["annee", *activity], key="enregistrements_table_guichets_annees")

# --- Online and at the guichets -----------------------------------------------------------------
st.subheader("Demande sur le territoire : en ligne et aux guichets")
show.scope(online)
chart(
    line(
        long_counts(online, "annee", ["part_en_ligne"]),
        "annee",
        "nombre",
        online.title(),
        color="indicateur",
        x_title=online.label("annee"),
        y_title=online.label("part_en_ligne"),
        percent=True,
    ),
    key="enregistrements_part_en_ligne",
)
shares = ["annee", "enregistrements", "en_ligne", "aux_guichets", "part_en_ligne"]
show.table(online, shares, key="enregistrements_table_en_ligne")
show.definitions([(online, shares[1:])])

# --- Monthly rhythm ----------------------------------------------------------------------------
st.subheader(f"Rythme mensuel des enregistrements en {year}")
by_month = pivot_masked(months.frame, "libelle", "annee", "enregistrements", order="mois")
chart(
    yearly_count_bars(
        by_month,
        "libelle",
        {str(before): str(before), str(year): str(year)},
        months.title(),
        threshold=months.threshold,
        colors={str(before): "#A0A0A0", str(year): "#000091"},
        y_title=months.label("enregistrements"),
    ),
    key="enregistrements_rythme_mensuel",
)
show.definitions([(months, ["enregistrements"])])

# --- Renewals and radiations -------------------------------------------------------------------
st.subheader(f"Renouvellements et radiations en {year}")
show.cards([show.figure(movements, "renouvellements", now)])
compared, _, _ = years_wide(radiations, ["motif"], ["radiations", "part"], [before, year])
chart(
    compared_bars(
        compared,
        "motif",
        {
            f"radiations_{before}": (str(before), f"part_{before}"),
            f"radiations_{year}": (str(year), f"part_{year}"),
        },
        radiations.title(),
        threshold=radiations.threshold,
        x_title=radiations.label("radiations"),
    ),
    key="enregistrements_radiations",
)
show.table_by_year(
    radiations, ["motif"], ["radiations", "part"], [before, year], key="enregistrements_radiations"
)
show.definitions([(radiations, ["radiations", "part"])])

# --- Active file -------------------------------------------------------------------------------
st.subheader("La file active au 31 décembre")
chart(
    line(
        long_counts(movements, "annee", ["demandes_actives"]),
        "annee",
        "nombre",
        movements.title("file_active"),
        color="indicateur",
        x_title=movements.label("annee"),
        y_title=movements.label("demandes_actives"),
    ),
    key="enregistrements_file_active",
)
show.definitions([(movements, ["demandes_actives"])])
chart(
    count_bars(
        guichets.where(annee=year).frame,
        "guichet_nom",
        "demandes_actives",
        guichets.title("actives"),
        threshold=guichets.threshold,
        x_title=guichets.label("demandes_actives"),
        colors=colours,
    ),
    key="enregistrements_file_active_guichets",
)
show.definitions([(guichets, ["demandes_actives"])])
with st.expander("La demande sur le territoire année par année"):
    show.table(
        movements,
        ["annee", "enregistrements", "renouvellements", "radiations", "demandes_actives"],
        key="enregistrements_table_mouvements",
    )
