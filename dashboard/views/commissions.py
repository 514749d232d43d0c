"""Commissions de coordination : commissions held, cases examined and what became of them,
per year and since the first year followed, per wished commune and typology."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import codes
from dashboard.figures.counts import count_bars, count_text, yearly_count_bars
from dashboard.formatting import fmt_int, fmt_pct
from dashboard.masking import FLAG, mask
from dashboard.reshape import columns_of
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.period import CUMUL, cumulative, period_choice

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
header(
    "Commissions de coordination",
    filters,
    settings,
    "La commission de coordination, présidée par le président de la "
    f"{settings.epci_nom_court}, examine chaque trimestre les dossiers des demandeurs relevant "
    "de la CIA et émet un avis sur l'opportunité de leur proposer un logement. Cette page suit "
    "ses réunions et ce que sont devenus les dossiers présentés.",
)
where = {"communes": filters.communes}
whole = cumulative(filters, settings)

ISSUES = codes.ISSUES_COMMISSION  # column of commissions/par_annee -> label
COUNTS = ["dossiers", *ISSUES]
yearly = mask(
    data.query("commissions/par_annee", **whole.params, **where),
    COUNTS,
    {"part_bail_signe": ["bail_signe", "dossiers"]},
    threshold=threshold,
)
year_row = yearly[yearly["annee"] == filters.annee].iloc[0]
whole_row = yearly[yearly["annee"].isna()].iloc[0]


def figures(row: pd.Series, title: str) -> None:
    """Commissions (meetings, never masked: no household behind them), cases, leases, share."""
    st.markdown(f"**{title}**")
    cards = st.columns(4)

    with cards[0]:
        st.metric("Commissions réunies", fmt_int(row["commissions"]), border=True)
    with cards[1]:
        st.metric("Dossiers examinés", count_text(row, "dossiers", threshold), border=True)
    with cards[2]:
        st.metric("dont bail signé", count_text(row, "bail_signe", threshold), border=True)
    with cards[3]:
        share = "secret" if row[FLAG + "part_bail_signe"] else fmt_pct(row["part_bail_signe"])
        st.metric(
            "Part avec bail signé",
            share,
            border=True,
            help="Dossiers dont la suite est « bail signé », sur les dossiers examinés.",
        )


st.subheader("Chiffres clés")
figures(year_row, f"En {filters.annee}")
if whole.cumul:
    figures(whole_row, f"Depuis {whole.debut} ({whole.debut}-{whole.fin})")
definition(
    "commissions réunies : dates de commission distinctes (toutes communes) ; dossiers "
    "examinés : dossiers présentés en commission, par commune souhaitée ; bail signé : le "
    "dossier a abouti à la signature d'un bail. Les dossiers « en cours » de l'année peuvent "
    "encore aboutir : la part de l'année la plus récente est provisoire."
)

# --- Per year -------------------------------------------------------------------------------------
history = yearly[yearly["annee"].notna()]
st.subheader(f"Commissions et dossiers examinés par année, {whole.court}")
chart(
    yearly_count_bars(
        history,
        "annee",
        {"dossiers": "Dossiers examinés", "bail_signe": "dont bail signé"},
        f"Dossiers examinés en commission de coordination, {whole.court}",
        threshold=threshold,
        colors={"dossiers": "#000091", "bail_signe": "#18753C"},
        x_labels=[
            f"{int(r.annee)}<br>{fmt_int(r.commissions)} commission"
            + ("s" if r.commissions > 1 else "")
            for r in history.itertuples()
        ],
        y_title="Dossiers",
    ),
    key="commissions_annees",
)
definition(
    "sous chaque année, le nombre de commissions réunies ; les barres comptent les dossiers "
    "examinés dans l'année et, parmi eux, ceux qui ont abouti à un bail."
    + access.secrecy_note(threshold, f" « < {threshold} » : effectif masqué (secret statistique).")
)
table(
    columns_of(
        yearly.assign(annee=[whole.court if pd.isna(a) else str(int(a)) for a in yearly["annee"]]),
        ["annee", "commissions", *COUNTS, "part_bail_signe"],
    ),
    {"commissions": "int", **dict.fromkeys(COUNTS, "int"), "part_bail_signe": "pct"},
    threshold,
    labels={
        "annee": "Année",
        "commissions": "Commissions",
        "dossiers": "Dossiers examinés",
        **ISSUES,
        "part_bail_signe": "Part bail signé",
    },
    key="commissions_table_annees",
)
if threshold:
    st.caption(
        "Une année compte trop peu de dossiers pour publier chaque suite sans secret "
        f"statistique : la ligne {whole.debut}-{whole.fin} donne le bilan cumulé."
    )

# --- What became of the cases, per commune and typology (cumulative by default) -----------------
st.subheader("Suite donnée aux dossiers")
period = period_choice(filters, settings, key="commissions_periode", default=CUMUL)
issues = mask(
    data.query("commissions/issues", **period.params, **where),
    ["dossiers"],
    {"part": ["dossiers"]},
    threshold=threshold,
)
chart(
    count_bars(
        issues,
        "libelle",
        "dossiers",
        f"Suite donnée aux dossiers examinés, {period.court}",
        threshold=threshold,
        share="part",
        x_title="Dossiers",
        colors={"Bail signé": "#18753C"},
    ),
    key="commissions_issues",
)
definition(
    "proposition de logement : un logement a été proposé, sans bail signé à ce jour ; refus : "
    "le ménage ou la commission d'attribution a refusé ; sans suite : aucune proposition ; en "
    "cours : dossier encore à l'étude. Entre parenthèses, la part des dossiers examinés."
)

split = mask(
    data.query("commissions/repartition", **period.params, **where),
    ["dossiers", "bail_signe"],
    {"part": ["dossiers"], "part_bail_signe": ["bail_signe", "dossiers"]},
    threshold=threshold,
)
left, right = st.columns(2)
for column, dimension, title, colors in (
    (left, "commune", "Dossiers par commune souhaitée", settings.commune_couleurs),
    (right, "typologie", "Dossiers par typologie souhaitée", None),
):
    part = split[split["dimension"] == dimension]
    with column:
        chart(
            count_bars(
                part,
                "modalite",
                "dossiers",
                f"{title}, {period.court}",
                threshold=threshold,
                share="part",
                x_title="Dossiers examinés",
                colors=colors,
            ),
            key=f"commissions_{dimension}",
        )
        table(
            columns_of(part, ["modalite", "dossiers", "bail_signe", "part_bail_signe"]),
            {"dossiers": "int", "bail_signe": "int", "part_bail_signe": "pct"},
            threshold,
            labels={
                "modalite": "Commune" if dimension == "commune" else "Typologie",
                "dossiers": "Dossiers examinés",
                "bail_signe": "dont bail signé",
                "part_bail_signe": "Part bail signé",
            },
            key=f"commissions_table_{dimension}",
        )
definition(
    "commune et typologie souhaitées par le ménage dont le dossier est examiné ; entre "
    "parenthèses, la part des dossiers examinés. Peu de dossiers par an : la période cumulée "
    "est proposée par défaut."
)
