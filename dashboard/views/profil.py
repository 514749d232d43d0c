"""Profil de la demande : the demand on the territory (active file at year end, or the
registrations of the year) broken down as the SNE infocentre does, each breakdown compared
with the previous year."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.comparison import compared_bars
from dashboard.reshape import years_wide
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
year, before = filters.annee, filters.annee - 1
header(
    "Profil de la demande",
    filters,
    settings,
    "Qui demande un logement social : l'âge du demandeur, la taille du ménage, le logement "
    "recherché, la situation actuelle et le motif de la demande, comme les présente "
    "l'infocentre national du SNE, comparés à l'année précédente.",
)
where = {"annee": year, "communes": filters.communes}
publics = data.fetch("profil/publics", **where)
profile = data.fetch("profil/repartition", **where)

field = st.radio(
    "Demandes décrites",
    ["actives", "enregistrements"],
    format_func=publics.label,
    horizontal=True,
    key="profil_champ",
)
show.scope(profile)
share = f"part_{field}"

# --- Publics -----------------------------------------------------------------------------------
st.subheader(f"Chiffres clés : {publics.label(field).lower()}")
total, previous = {"annee": year, "commune": None}, {"annee": before, "commune": None}
show.cards(
    [
        show.figure(publics, column, total, publics, previous)
        for column in (
            field,
            *(f"part_{field}_{p}" for p in ("quartile_1", "prioritaires", "dalo")),
        )
    ]
)


# --- Breakdowns --------------------------------------------------------------------------------
def breakdown(dimension: str) -> None:
    rows = profile.where(dimension=dimension)
    if dimension == "motif":
        rows = rows.where(dix_premiers=True)
    wide, _, _ = years_wide(rows, ["modalite"], [field, share], [before, year])
    chart(
        compared_bars(
            wide,
            "modalite",
            {
                f"{field}_{before}": (str(before), f"{share}_{before}"),
                f"{field}_{year}": (str(year), f"{share}_{year}"),
            },
            profile.title(dimension),
            threshold=profile.threshold,
            x_title=profile.label(field, short=True),
        ),
        key=f"profil_{dimension}",
    )


st.subheader(f"Profil : {profile.label(field).lower()}, comparé à {before}")
left, right = st.columns(2)
with left:
    breakdown("age")
    breakdown("typologie")
with right:
    breakdown("taille_menage")
    breakdown("commune")
breakdown("logement_actuel")
breakdown("motif")
show.definitions([(profile, [field, share])])

with st.expander("Toutes les répartitions en tableau"):
    show.table_by_year(
        profile, ["repartition", "modalite"], [field, share], [before, year], key="profil_tableau"
    )

# --- Per wished commune ------------------------------------------------------------------------
st.subheader(f"Par commune souhaitée, {year}")
columns = ["commune_nom", field]
for public in ("quartile_1", "prioritaires", "dalo"):
    columns += [f"{field}_{public}", f"part_{field}_{public}"]
show.table(publics.where(annee=year), columns, key="profil_table_communes")
show.definitions([(publics, columns[1:])])
