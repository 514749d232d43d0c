"""Attributions : the allocations of the period per commune, réservataire group, typology,
financement and bailleur, the share in QPV, and the bailleurs' annual report breakdown."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.counts import count_bars
from dashboard.masking import mask
from dashboard.reshape import columns_of, wide_counts
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.key_figures import key_figure
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.period import cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
header(
    "Attributions de logements sociaux",
    filters,
    settings,
    "Les décisions d'attribution des commissions d'attribution (CALEOL) pour les logements "
    "situés dans les communes choisies : où, pour quels logements, au titre de quel "
    "réservataire, par quel bailleur.",
)
period = period_choice(filters, settings, key="attributions_periode")
where = {"communes": filters.communes}
whole = cumulative(filters, settings)

# --- Key figures -------------------------------------------------------------------------------
COUNTS = ["attributions", "baux_signes", "sans_bail", "en_qpv", "mutations"]
SHARES = {
    "part_baux_signes": ["baux_signes", "attributions"],
    "part_qpv": ["en_qpv", "attributions"],
    "part_mutations": ["mutations", "attributions"],
}
raw = data.query("attributions/chiffres_cles", **whole.params, **where)
yearly = mask(
    raw,
    COUNTS,
    SHARES,
    threshold=threshold,
)
if period.cumul:
    current, previous = yearly[yearly["annee"].isna()].iloc[0], None
else:
    by_year = yearly.set_index("annee", drop=False)
    current = by_year.loc[period.fin]
    previous = by_year.loc[period.fin - 1] if period.fin - 1 in by_year.index else None


def metric(column: str, label: str, kind: str, help_text: str) -> None:
    key_figure(current, previous, column, label, kind, help_text, threshold)


st.subheader(f"Chiffres clés {period.libelle}")
cards = st.columns(4)
with cards[0]:
    metric(
        "attributions",
        "Attributions",
        "int",
        "Décisions d'attribution de la période, pour un logement des communes choisies.",
    )
with cards[1]:
    metric(
        "baux_signes",
        "dont baux signés",
        "int",
        "Attributions ayant abouti à la signature d'un bail (attributions effectives).",
    )
with cards[2]:
    metric(
        "part_qpv",
        "Part en quartier prioritaire (QPV)",
        "pct",
        "Attributions de logements situés en quartier prioritaire de la politique de la ville.",
    )
with cards[3]:
    metric(
        "part_mutations",
        "Part des mutations",
        "pct",
        "Attributions à des ménages déjà locataires du parc social.",
    )
if not period.cumul:
    st.caption(f"Évolutions par rapport à {period.fin - 1}, en nombre ou en points de pourcentage.")

# --- Breakdowns ----------------------------------------------------------------------------------
rows = data.query("attributions/repartition", **period.params, **where)
everyone = mask(
    rows[rows["bailleur"].isna()],
    ["attributions", "baux_signes"],
    {"part": ["attributions"]},
    threshold=threshold,
)


def breakdown(dimension: str, title: str, colors: dict[str, str] | None = None) -> None:
    part = everyone[everyone["dimension"] == dimension]
    chart(
        count_bars(
            part,
            "modalite",
            "attributions",
            f"{title}, {period.court}",
            threshold=threshold,
            share="part",
            x_title="Attributions",
            colors=colors,
        ),
        key=f"attributions_{dimension}",
    )


st.subheader(f"Répartition des attributions {period.libelle}")
left, right = st.columns(2)
with left:
    breakdown("commune", "Attributions par commune", settings.commune_couleurs)
    breakdown("typologie", "Attributions par typologie")
    breakdown("qpv", "Attributions en QPV et hors QPV")
with right:
    breakdown("groupe", "Attributions par réservataire")
    breakdown("financement", "Attributions par financement")
    breakdown("bailleur", "Attributions par bailleur")
definition(
    "attributions : décisions d'attribution dont la date tombe dans la période, quel que soit "
    "le devenir du bail ; commune, typologie (nombre de pièces), financement et situation en "
    "quartier prioritaire (QPV) sont ceux du logement attribué ; le réservataire est le groupe "
    "auquel les paramètres du territoire rattachent le contingent de l'attribution. Entre "
    "parenthèses, la part dans l'ensemble des attributions."
)

DIMENSIONS = {
    "commune": "Commune",
    "groupe": "Réservataire",
    "typologie": "Typologie",
    "financement": "Financement",
    "qpv": "QPV",
    "bailleur": "Bailleur",
}
with st.expander("Toutes les répartitions en tableau"):
    table(
        columns_of(
            everyone.assign(dimension=everyone["dimension"].map(DIMENSIONS)),
            ["dimension", "modalite", "attributions", "baux_signes", "part"],
        ),
        {"attributions": "int", "baux_signes": "int", "part": "pct"},
        threshold,
        labels={
            "dimension": "Répartition",
            "modalite": "Modalité",
            "attributions": "Attributions",
            "baux_signes": "dont baux signés",
            "part": "Part",
        },
        key="attributions_table_repartitions",
    )

# --- Evolution -----------------------------------------------------------------------------------
st.subheader(f"Évolution depuis {whole.debut}")
history = yearly[yearly["annee"].notna()].assign(annee=lambda f: f["annee"].astype(int).astype(str))
table(
    columns_of(
        history,
        [
            "annee",
            "attributions",
            "baux_signes",
            "en_qpv",
            "part_qpv",
            "mutations",
            "part_mutations",
        ],
    ),
    {
        "attributions": "int",
        "baux_signes": "int",
        "en_qpv": "int",
        "part_qpv": "pct",
        "mutations": "int",
        "part_mutations": "pct",
    },
    threshold,
    labels={
        "annee": "Année",
        "attributions": "Attributions",
        "baux_signes": "dont baux signés",
        "en_qpv": "en QPV",
        "part_qpv": "Part en QPV",
        "mutations": "Mutations",
        "part_mutations": "Part des mutations",
    },
    key="attributions_table_evolution",
)

# --- Bailleurs' annual report --------------------------------------------------------------------
st.subheader(f"Bilan des attributions par bailleur, {period.court}")
st.markdown(
    "La répartition que chaque bailleur présente chaque année à la CIL : ses attributions par "
    "réservataire, typologie, financement, QPV / hors QPV et commune."
)
TOUS = "Tous les bailleurs"
totals = rows[(rows["dimension"] == "bailleur") & rows["bailleur"].isna()]
total_by_bailleur = dict(zip(totals["code"], totals["attributions"], strict=True))
total_by_bailleur[TOUS] = raw[raw["annee"].isna() if period.cumul else raw["annee"] == period.fin][
    "attributions"
].iloc[0]
TABS = {
    "groupe": "Par réservataire",
    "typologie": "Par typologie",
    "financement": "Par financement",
    "qpv": "QPV / hors QPV",
    "commune": "Par commune",
}
for tab, dimension in zip(st.tabs(list(TABS.values())), TABS, strict=True):
    long = rows[rows["dimension"] == dimension].assign(
        bailleur=lambda f: f["bailleur"].fillna(TOUS)
    )
    order = list(dict.fromkeys(long[long["bailleur"] == TOUS]["modalite"]))
    wide = wide_counts(long, "bailleur", "modalite", "attributions", order)
    wide["Total"] = wide["bailleur"].map(total_by_bailleur)
    shown = mask(wide, [*order, "Total"], threshold=threshold)
    with tab:
        table(
            shown,
            {c: "int" for c in [*order, "Total"]},
            threshold,
            labels={"bailleur": "Bailleur"},
            key=f"attributions_bailleurs_{dimension}",
        )
definition(
    "nombre de décisions d'attribution de la période par bailleur du logement attribué."
    + access.secrecy_note(
        threshold,
        f" Sur une seule année, beaucoup de croisements comptent moins de {threshold} "
        "attributions et sont masqués : le cumul des années (choix « Période » en haut de "
        "page) les rend lisibles.",
    )
)
