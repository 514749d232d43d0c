"""Attributions : the leases signed (in the year of the lease, as the SNE counts them) and the
decisions of the commissions d'attribution, per commune, réservataire (with each one's
priorities), typology, financing, QPV and bailleur; decisions without a lease and why; the
commissions de coordination's rhythm against the plan.

Public page: the public sees one year, the whole territory or one commune, from the
publication (masked as a whole). Members also choose the cumulative period and see the
evolution and each bailleur's annual report."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.counts import count_bars
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import Period, cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
member = access.is_member(settings)
header(
    "Attributions de logements sociaux",
    filters,
    settings,
    "Les logements sociaux attribués dans les communes choisies : combien de baux ont été "
    "signés, où, pour quels logements, au titre de quel réservataire et par quel bailleur ; "
    "les décisions des commissions d'attribution (CALEOL) qui n'ont pas abouti à un bail.",
)
year = filters.annee
if member:
    period = period_choice(filters, settings, key="attributions_periode")
else:  # the publication holds one year at a time
    period = Period(year, year)
where = {"communes": filters.communes}

# --- Key figures -------------------------------------------------------------------------------
counts = data.fetch("attributions/chiffres_cles", **period.params, **where)
before = None
if not period.cumul:
    before = data.fetch(
        "attributions/chiffres_cles",
        optional=True,
        annee_debut=year - 1,
        annee_fin=year - 1,
        **where,
    )
st.subheader(f"Chiffres clés {period.libelle}")
show.cards(
    [
        show.figure(counts, column, {"annee": None}, previous=before)
        for column in ("attributions", "decisions", "sans_bail", "decidees_avant")
    ]
)
st.caption(
    "Comme au SNE, une attribution compte l'année où son bail est signé ; une décision compte "
    "l'année de la commission d'attribution, suivie d'un bail ou non. Une décision de décembre "
    "dont le bail est signé en janvier est une attribution de l'année suivante."
    + ("" if period.cumul else f" Évolutions par rapport à {year - 1}.")
)

# --- Breakdowns --------------------------------------------------------------------------------
split = data.fetch("attributions/repartition", **period.params, **where)
COLOURS = {"commune": settings.commune_couleurs}


def breakdown(dimension: str) -> None:
    rows = split.where(dimension=dimension)
    chart(
        count_bars(
            rows.frame,
            "modalite",
            "attributions",
            rows.title(dimension),
            threshold=split.threshold,
            share="part",
            x_title=split.label("attributions"),
            colors=COLOURS.get(dimension),
        ),
        key=f"attributions_{dimension}",
    )


st.subheader(f"Répartition des attributions {period.libelle}")
left, right = st.columns(2)
with left:
    for dimension in ("commune", "typologie", "qpv"):
        breakdown(dimension)
with right:
    for dimension in ("reservataire", "financement", "bailleur"):
        breakdown(dimension)
show.definitions([(split, ["attributions", "part"])])

# --- Réservataires and their priorities --------------------------------------------------------
quotas = data.fetch("prioritaires/quotas", **period.params, **where)
st.subheader(f"Les réservataires et leurs priorités, {period.court}")
st.markdown(
    "Chaque logement social est attribué au titre d'un réservataire (l'État, les "
    "collectivités, Action Logement, le bailleur…), qui propose des candidats selon ses "
    "priorités ; la convention intercommunale d'attribution (CIA) fixe à chacun une part "
    "d'attributions aux ménages prioritaires."
)
groups = quotas.where(annee=None)
show.table(
    groups,
    ["groupe_nom", "attributions", "prioritaires", "taux", "objectif", "statut"],
    key="attributions_reservataires",
)
st.markdown(f"**{quotas.label('priorites')}**")
show.notes(groups, "groupe_nom", "priorites")
show.definitions([(quotas, ["attributions", "prioritaires", "taux", "objectif", "priorites"])])

# --- Decisions without a lease -----------------------------------------------------------------
without = data.fetch("attributions/sans_bail", **period.params, **where)
st.subheader(f"Décisions sans bail, par motif, {period.court}")
show.table(without, ["libelle", "decisions", "part"], key="attributions_sans_bail")
show.definitions([(without, ["decisions", "part"])])

# --- Commissions de coordination: the plan's rhythm ---------------------------------------------
rhythm = data.fetch("commissions/rythme", annee_debut=settings.premiere_annee, annee_fin=year)
st.subheader("Commissions de coordination : une par trimestre")
show.cards(
    [
        show.figure(rhythm, column, {"annee": year})
        for column in ("commissions", "trimestres_tenus", "objectif", "statut")
    ]
)
show.table(
    rhythm,
    ["periode", "commissions", "t1", "t2", "t3", "t4", "objectif", "statut"],
    key="attributions_rythme_commissions",
)
show.definitions([(rhythm, ["commissions", "trimestres_tenus", "objectif", "statut"])])

if member:
    # --- Evolution (members: several years at once) ------------------------------------------
    whole = cumulative(filters, settings)
    history = data.fetch("attributions/chiffres_cles", **whole.params, **where)
    st.subheader(f"Baux signés et décisions par année, {whole.court}")
    show.table(
        history,
        [
            "periode",
            "attributions",
            "decidees_avant",
            "decisions",
            "decisions_bail",
            "sans_bail",
            "part_sans_bail",
        ],
        key="attributions_evolution",
    )
    show.definitions([(history, ["decidees_avant", "decisions_bail", "part_sans_bail"])])

    # --- Each bailleur's annual report ----------------------------------------------------------
    bailleurs = data.fetch("attributions/bailleurs", **period.params, **where)
    st.subheader(f"Bilan des attributions par bailleur, {period.court}")
    st.markdown(
        "La répartition que chaque bailleur présente chaque année à la CIL : ses baux signés "
        "par réservataire, typologie, financement, QPV / hors QPV et commune."
    )
    TABS = {
        "reservataire": "Par réservataire",
        "typologie": "Par typologie",
        "financement": "Par financement",
        "qpv": "QPV / hors QPV",
        "commune": "Par commune",
    }
    for tab, dimension in zip(st.tabs(list(TABS.values())), TABS, strict=True):
        with tab:
            show.table(
                bailleurs.among("dimension", [dimension, "ensemble"]),
                ["bailleur", "modalite", "attributions", "part"],
                key=f"attributions_bailleurs_{dimension}",
            )
    show.definitions([(bailleurs, ["attributions", "part"])])
