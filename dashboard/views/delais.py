"""Délais et pression : how long housed households waited, per commune and typology (a PPGDID
indicator), how long the active file has been waiting, and how many demands there are for each
attribution, per commune and typology, with the imbalance towards small dwellings."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.figures.bars import (
    WAIT_FORMATS,
    WAIT_LABELS,
    WAIT_SHARES,
    heat_table,
    median_mean_bars,
    value_bars,
)
from dashboard.figures.counts import count_bars
from dashboard.formatting import fmt_int, fmt_months, fmt_num, fmt_pct
from dashboard.masking import FLAG, mask, masked_label
from dashboard.reshape import columns_of
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.period import period_choice

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
annee = filters.annee
header(
    "Délais d'attente et pression de la demande",
    filters,
    settings,
    "Combien de temps les ménages logés ont attendu, depuis combien de temps attendent ceux "
    "qui ne le sont pas encore, et combien de demandes il y a pour chaque logement attribué, "
    "selon la commune et la taille du logement.",
)
where = {"communes": filters.communes}
period = period_choice(filters, settings, key="delais_periode")
WAIT_DEFINITION = (
    "délai d'attente d'un ménage logé : nombre de mois entiers entre le dépôt de sa demande et "
    "la décision d'attribution (ou l'ancienneté de la demande donnée par l'extrait des "
    "attributions). Le délai médian partage les ménages logés en deux moitiés (la moitié a "
    "attendu moins) ; le délai moyen est tiré vers le haut par les très longues attentes."
)
PRESSURE_DEFINITION = (
    "Pression : demandes actives au 31 décembre divisées par les attributions de l'année. Une "
    "demande compte dans la commune qu'elle souhaite en premier et la typologie (nombre de "
    "pièces) qu'elle souhaite ; une attribution dans la commune et la typologie du logement "
    "attribué. Demande active : déposée au plus tard le 31 décembre et non radiée ce jour-là."
    + (
        f" Sur plusieurs années : la file active moyenne au 31 décembre de {period.debut} à "
        f"{period.fin} divisée par le nombre moyen d'attributions par an."
        if period.cumul
        else ""
    )
)

waits = mask(
    data.query("delais/delais", **period.params, **where), ["n"], WAIT_SHARES, threshold=threshold
)
pressure = mask(
    data.query("delais/pression", **period.params, **where),
    ["demandes_actives", "attributions"],
    {"taux_pression": ["demandes_actives", "attributions"]},
    threshold=threshold,
)
imbalance = mask(
    data.query("delais/desequilibre", **period.params, **where),
    ["demandes_petits", "attributions_petits", "demandes_actives", "attributions"],
    {
        "pression_petits": ["demandes_petits", "attributions_petits"],
        "pression": ["demandes_actives", "attributions"],
        "desequilibre": [
            "demandes_petits",
            "attributions_petits",
            "demandes_actives",
            "attributions",
        ],
    },
    threshold=threshold,
)

# --- Key figures -------------------------------------------------------------------------------
overall = waits[waits["axe"] == "ensemble"].iloc[0]
total = pressure[pressure["commune"].isna() & pressure["typologie_groupe"].isna()].iloc[0]
ensemble = imbalance[imbalance["commune"].isna()].iloc[0]


def shown(row: pd.Series, column: str, formatter: Callable[[object], str]) -> str:
    return "secret" if row[FLAG + column] else formatter(row[column])


st.subheader(f"Chiffres clés {period.libelle}")
cards = st.columns(4)
cards[0].metric(
    "Délai d'attente médian",
    shown(overall, "mediane", fmt_months),
    help="La moitié des ménages logés a attendu moins longtemps.",
    border=True,
)
cards[1].metric(
    "Délai d'attente moyen",
    shown(overall, "moyenne", fmt_months),
    help="Moyenne des délais des ménages logés.",
    border=True,
)
cards[2].metric(
    "Demandes pour une attribution",
    shown(total, "taux_pression", lambda v: fmt_num(v, 1)),
    help="Demandes actives au 31 décembre pour une attribution de l'année.",
    border=True,
)
cards[3].metric(
    "Pression C-T2 / pression totale",
    shown(ensemble, "desequilibre", fmt_pct),
    help="Pression sur les C, T1 et T2 divisée par la pression sur tous les logements : "
    "au-dessus de 100 %, les petits logements sont plus tendus que l'ensemble.",
    border=True,
)

# --- Waiting time of housed households ----------------------------------------------------------
st.subheader(f"Délai d'attente des ménages logés, {period.court}")
left, right = st.columns(2)
with left:
    chart(
        median_mean_bars(
            waits[waits["axe"] == "commune"],
            "modalite",
            f"Délai d'attente par commune, {period.court}",
            colors=settings.commune_couleurs,
        ),
        key="delais_communes",
    )
with right:
    chart(
        median_mean_bars(
            waits[waits["axe"] == "typologie"],
            "modalite",
            f"Délai d'attente par typologie, {period.court}",
        ),
        key="delais_typologies",
    )
definition(
    WAIT_DEFINITION
    + " Commune et typologie du logement attribué. Barre : délai médian ; losange : délai "
    "moyen."
    + access.secrecy_note(
        threshold, f" Sous {threshold} ménages logés, les délais sont masqués (« secret »)."
    )
)
with st.expander("Le tableau des délais (avec les quartiles)"):
    table(
        columns_of(
            waits.assign(axe=waits["axe"].map(str.capitalize)),
            ["axe", "modalite", "n", "mediane", "moyenne", "q1", "q3"],
        ),
        WAIT_FORMATS,
        threshold,
        labels={"axe": "Répartition", "modalite": "Modalité", **WAIT_LABELS},
        key="delais_table_delais",
        title=f"Délai d'attente des ménages logés, {period.court}",
    )

# --- Seniority of the active file ---------------------------------------------------------------
st.subheader(f"Depuis quand attendent les demandes actives au 31/12/{annee} ?")
seniority = mask(
    data.query("delais/anciennete", annee=annee, **where),
    ["n"],
    {"part": ["n"]},
    threshold=threshold,
)
left, right = st.columns(2)
with left:
    chart(
        count_bars(
            seniority,
            "tranche",
            "n",
            f"Demandes actives au 31/12/{annee} par ancienneté",
            threshold=threshold,
            share="part",
            x_title="Demandes actives",
        ),
        key="delais_anciennete",
    )
    definition(
        "ancienneté d'une demande active : nombre de mois entiers entre son dépôt et le "
        f"31/12/{annee}. Demande active : déposée au plus tard le 31 décembre, non radiée ce "
        "jour-là, pour un logement dans les communes choisies (commune souhaitée en premier). "
        "Entre parenthèses, la part de la file active."
    )

with right:
    mois = settings.delai_anormalement_long_mois
    st.markdown("**Délai anormalement long**")
    if mois <= 0:
        st.info(
            "Le délai anormalement long n'est pas renseigné dans les paramètres du territoire "
            "(fichier data/territoire.toml, section [delai_anormalement_long], « mois »). "
            "Il est fixé par arrêté préfectoral ; une fois renseigné, cette page compte les "
            "demandes qui attendent depuis plus longtemps.",
            icon=":material/info:",
        )
    else:
        long_waits = mask(
            data.query("delais/delai_anormal", annee=annee, mois=mois, **where),
            ["demandes_actives", "au_dela"],
            {"part": ["demandes_actives", "au_dela"]},
            threshold=threshold,
        )
        first = long_waits.iloc[0]
        count = masked_label(threshold) if first[FLAG + "au_dela"] else fmt_int(first["au_dela"])
        st.metric(
            f"Demandes actives au 31/12/{annee} au-delà de {fmt_months(mois)}",
            count,
            help="Demandes qui attendent depuis plus longtemps que le délai anormalement long.",
            border=True,
        )
        if not first[FLAG + "part"]:
            st.caption(f"Soit {fmt_pct(first['part'])} de la file active.")
        table(
            columns_of(long_waits, ["modalite", "demandes_actives", "au_dela", "part"]),
            {"demandes_actives": "int", "au_dela": "int", "part": "pct"},
            threshold,
            labels={
                "modalite": "Commune souhaitée",
                "demandes_actives": "Actives",
                "au_dela": f"au-delà de {mois} mois",
                "part": "Part",
            },
            key="delais_table_anormal",
            title=f"Demandes au-delà du délai anormalement long, 31/12/{annee}",
        )
        st.caption(
            f"Délai de {fmt_months(mois)} (source : {settings.delai_anormalement_long_source}). "
            "Au-delà : "
            "la date de dépôt plus ce délai tombe avant le 31 décembre ; le ménage peut saisir "
            "la commission de médiation DALO."
        )

# --- Pressure ------------------------------------------------------------------------------------
st.subheader(f"Pression de la demande par commune et typologie, {period.court}")
grid = pressure
wide = grid.pivot(index="commune_nom", columns="typologie", values="taux_pression")
flags = grid.pivot(index="commune_nom", columns="typologie", values=FLAG + "taux_pression")
rows = list(dict.fromkeys(grid["commune_nom"]))
columns = list(dict.fromkeys(grid["typologie"]))
chart(
    heat_table(
        wide.reindex(index=rows, columns=columns),
        flags.reindex(index=rows, columns=columns).fillna(False).astype(bool),
        f"Demandes actives pour une attribution, {period.court}",
        x_title="Typologie",
        y_title="Commune souhaitée / du logement",
    ),
    key="delais_pression",
)
definition(
    PRESSURE_DEFINITION
    + " Plus la case est foncée, plus la demande est forte rapportée aux attributions. "
    + access.secrecy_note(
        threshold,
        f"« secret » : moins de {threshold} demandes ou attributions dans la case. Sur une "
        "seule année, beaucoup de cases sont masquées : le cumul des années (choix « Période » "
        "en haut de page) les rend lisibles. ",
    )
    + "« — » : aucune attribution."
)
with st.expander("Le tableau des demandes et des attributions par case"):
    table(
        columns_of(
            pressure,
            ["commune_nom", "typologie", "demandes_actives", "attributions", "taux_pression"],
        ),
        {"demandes_actives": "int", "attributions": "int", "taux_pression": "num"},
        threshold,
        labels={
            "commune_nom": "Commune",
            "typologie": "Typologie",
            "demandes_actives": "Demandes actives au 31/12"
            + (" (moyenne)" if period.cumul else ""),
            "attributions": "Attributions",
            "taux_pression": "Demandes pour une attribution",
        },
        key="delais_table_pression",
        title=f"Pression par commune et typologie, {period.court}",
    )

st.subheader(f"Déséquilibre vers les petits logements, {period.court}")
left, right = st.columns(2)
with left:
    chart(
        value_bars(
            imbalance,
            "commune_nom",
            "desequilibre",
            f"Petits logements : pression relative, {period.court}",
            kind="pct",
            x_title="Pression C, T1, T2 / pression d'ensemble (100 % = équilibre)",
            colors=settings.commune_couleurs,
            reference=1.0,
        ),
        key="delais_desequilibre",
    )
with right:
    table(
        columns_of(imbalance, ["commune_nom", "pression_petits", "pression", "desequilibre"]),
        {"pression_petits": "num", "pression": "num", "desequilibre": "pct"},
        threshold,
        labels={
            "commune_nom": "Commune",
            "pression_petits": "C, T1 et T2",
            "pression": "Toutes",
            "desequilibre": "Rapport",
        },
        key="delais_table_desequilibre",
        title=f"Déséquilibre par typologie, {period.court}",
    )
definition(
    "déséquilibre : la pression sur les petits logements (chambres, T1 et T2) divisée par la "
    "pression sur l'ensemble des logements, dans la même commune. Au-dessus de 100 % (trait "
    "pointillé), les petits logements sont plus demandés, rapportés à ce qui "
    "s'attribue, que l'ensemble ; en dessous, ils le sont moins. " + PRESSURE_DEFINITION
)
