"""Mutations : households already renting social housing who ask to move. Their share of the
active file and of the attributions over the years, per commune and typology, their waiting
time and satisfaction rate against first-time applicants, and the reasons they give."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.figures.bars import (
    WAIT_FORMATS,
    WAIT_LABELS,
    WAIT_SHARES,
    grouped_value_bars,
    value_bars,
)
from dashboard.figures.charts import PUBLIC_COLOURS, box, line
from dashboard.formatting import fmt_int
from dashboard.grilles import PUBLICS
from dashboard.masking import mask, masked_label
from dashboard.reshape import columns_of
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.key_figures import key_figure
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.period import period_choice

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
annee = filters.annee
header(
    "Demandes de mutation",
    filters,
    settings,
    "Une **mutation** est la demande d'un ménage qui loue déjà un logement social et souhaite "
    "en changer (logement trop petit, trop cher, santé…). Cette page montre leur place dans la "
    "demande et dans les attributions, leur délai d'attente et leurs chances d'être logés, "
    "comparés à ceux des primo-demandeurs (ménages qui ne sont pas locataires du parc social).",
)
where = {"communes": filters.communes}
MUTATION, PRIMO = PUBLICS["mutation"], PUBLICS["primo"]
COUNTS = [
    "demandes_actives",
    "demandes_mutation",
    "demandes_primo",
    "attributions",
    "attributions_mutation",
    "attributions_primo",
]
# a share is hidden with its numerator, its denominator or its complement
SHARES = {
    "part_mutation_demandes": ["demandes_mutation", "demandes_primo", "demandes_actives"],
    "part_mutation_attributions": ["attributions_mutation", "attributions_primo", "attributions"],
    "taux_satisfaction_mutation": ["attributions_mutation", "demandes_mutation"],
    "taux_satisfaction_primo": ["attributions_primo", "demandes_primo"],
}
TABLE_LABELS = {
    "demandes_actives": "Demandes actives au 31/12",
    "demandes_mutation": "Demandes de mutation",
    "part_mutation_demandes": "Part des mutations (demandes)",
    "attributions": "Attributions",
    "attributions_mutation": "Attributions à des mutations",
    "part_mutation_attributions": "Part des mutations (attributions)",
    "taux_satisfaction_mutation": "Satisfaction des mutations",
    "taux_satisfaction_primo": "Satisfaction des primo-demandeurs",
}
TABLE_COLUMNS = list(TABLE_LABELS)
TABLE_FORMATS = {c: "int" for c in COUNTS} | {c: "pct" for c in SHARES}
MUTATION_DEFINITION = (
    "Une demande est une mutation quand le ménage est locataire HLM (logement actuel déclaré "
    "dans la demande) ; une attribution l'est quand l'extrait des attributions l'indique "
    "(colonne « mutation »)."
)

# --- Key figures -------------------------------------------------------------------------------
yearly = mask(
    data.query("mutations/evolution", annee=annee, premiere_annee=settings.premiere_annee, **where),
    COUNTS,
    SHARES,
    threshold=threshold,
)
by_year = yearly.set_index("annee")
current = by_year.loc[annee]
previous = by_year.loc[annee - 1] if annee - 1 in by_year.index else None


def metric(column: str, label: str, help_text: str) -> None:
    key_figure(current, previous, column, label, "pct", help_text, threshold)


st.subheader(f"Chiffres clés {annee}")
cards = st.columns(4)
with cards[0]:
    metric(
        "part_mutation_demandes",
        f"Part des mutations dans la file active au 31/12/{annee}",
        "Demandes de ménages déjà locataires HLM, parmi les demandes actives au 31 décembre.",
    )
with cards[1]:
    metric(
        "part_mutation_attributions",
        f"Part des mutations dans les attributions {annee}",
        "Attributions à des ménages déjà locataires du parc social.",
    )
with cards[2]:
    metric(
        "taux_satisfaction_mutation",
        "Taux de satisfaction des mutations",
        "Attributions de l'année à des mutations, pour 100 demandes de mutation actives au "
        "31 décembre.",
    )
with cards[3]:
    metric(
        "taux_satisfaction_primo",
        "Taux de satisfaction des primo-demandeurs",
        "Attributions de l'année à des primo-demandeurs, pour 100 demandes de primo-demandeurs "
        "actives au 31 décembre.",
    )
if previous is not None:
    st.caption(f"Évolutions par rapport à {annee - 1}, en points de pourcentage.")

# --- Over the years ----------------------------------------------------------------------------
st.subheader(f"Évolution depuis {int(yearly['annee'].min())}")
history = yearly.assign(annee=lambda f: f["annee"].astype(int))
left, right = st.columns(2)
with left:
    shares = history.rename(
        columns={
            "part_mutation_demandes": "Dans la file active au 31/12",
            "part_mutation_attributions": "Dans les attributions de l'année",
        }
    )
    chart(
        line(
            shares,
            "annee",
            ["Dans la file active au 31/12", "Dans les attributions de l'année"],
            "Part des mutations, par année",
            x_title="Année",
            y_title="Part des mutations",
            percent=True,
            colors={
                "Dans la file active au 31/12": "#000091",
                "Dans les attributions de l'année": "#E4794A",
            },
        ),
        key="mutations_evolution_parts",
    )
with right:
    rates = history.rename(
        columns={"taux_satisfaction_mutation": MUTATION, "taux_satisfaction_primo": PRIMO}
    )
    chart(
        line(
            rates,
            "annee",
            [MUTATION, PRIMO],
            "Taux de satisfaction, par année",
            x_title="Année",
            y_title="Attributions / demandes actives",
            percent=True,
            colors=PUBLIC_COLOURS,
        ),
        key="mutations_evolution_satisfaction",
    )
AXES = {"commune": "Par commune", "typologie": "Par typologie"}
axis = st.radio(
    "Détail",
    list(AXES),
    format_func=AXES.__getitem__,
    horizontal=True,
    key="mutations_detail",
    help="Commune et typologie souhaitées en premier (demandes), du logement (attributions).",
)
detail = mask(
    data.query(
        "mutations/evolution_detail", annee=annee, premiere_annee=settings.premiere_annee, **where
    ),
    COUNTS,
    {k: v for k, v in SHARES.items() if k.startswith("part_")},
    threshold=threshold,
)
detail = detail[detail["axe"] == axis].assign(annee=lambda f: f["annee"].astype(int))
noun = AXES[axis].lower()
left, right = st.columns(2)
for column, share, title in (
    (left, "part_mutation_demandes", f"Part des mutations dans la file active, {noun}"),
    (right, "part_mutation_attributions", f"Part des mutations dans les attributions, {noun}"),
):
    fig = line(
        detail,
        "annee",
        share,
        title,
        color="modalite",
        colors=settings.commune_couleurs if axis == "commune" else None,
        x_title="Année",
        y_title="Part des mutations",
        percent=True,
        labels={"modalite": axis.capitalize()},
    )
    with column:
        chart(fig, key=f"mutations_evolution_{share}")
definition(
    MUTATION_DEFINITION
    + " File active : demandes déposées au plus tard le 31 décembre et non radiées ce jour-là "
    "(une demande radiée le 31 décembre n'en fait plus partie), pour un logement dans les "
    "communes choisies (commune souhaitée en premier). Attributions : décisions de l'année "
    "pour un logement situé dans ces communes. Taux de satisfaction : attributions de l'année "
    "à ce public divisées par ses demandes actives au 31 décembre."
    + access.secrecy_note(
        threshold,
        f" Un point manque quand la part repose sur moins de {threshold} demandes ou "
        "attributions (secret statistique).",
    )
)
table(
    columns_of(
        history.assign(annee=lambda f: f["annee"].astype(str)),
        ["annee", *TABLE_COLUMNS],
    ),
    TABLE_FORMATS,
    threshold,
    labels={"annee": "Année", **TABLE_LABELS},
    key="mutations_table_evolution",
    title="Mutations par année",
)

# --- Per commune and typology ------------------------------------------------------------------
st.subheader("Par commune et par typologie")
period = period_choice(filters, settings, key="mutations_periode")
breakdown = mask(
    data.query("mutations/repartition", **period.params, **where),
    COUNTS,
    SHARES,
    threshold=threshold,
)
communes = breakdown[breakdown["axe"] == "commune"]
typologies = breakdown[breakdown["axe"] == "typologie"]


PUBLIC_SERIES = {
    "taux_satisfaction_mutation": (MUTATION, PUBLIC_COLOURS[MUTATION]),
    "taux_satisfaction_primo": (PRIMO, PUBLIC_COLOURS[PRIMO]),
}


def satisfaction(part: pd.DataFrame, axis: str, title: str) -> None:
    chart(
        grouped_value_bars(
            part, "modalite", PUBLIC_SERIES, title, x_title="Attributions / demandes actives"
        ),
        key=f"mutations_satisfaction_{axis}",
    )


for axis, part, noun, colours in (
    ("commune", communes, "commune", settings.commune_couleurs),
    ("typologie", typologies, "typologie", None),
):
    left, right = st.columns(2)
    with left:
        chart(
            value_bars(
                part,
                "modalite",
                "part_mutation_demandes",
                f"Part des mutations dans la file active, par {noun}, {period.court}",
                x_title="Part des demandes actives",
                colors=colours,
            ),
            key=f"mutations_part_demandes_{axis}",
        )
    with right:
        chart(
            value_bars(
                part,
                "modalite",
                "part_mutation_attributions",
                f"Part des mutations dans les attributions, par {noun}, {period.court}",
                x_title="Part des attributions",
                colors=colours,
            ),
            key=f"mutations_part_attributions_{axis}",
        )
left, right = st.columns(2)
with left:
    satisfaction(communes, "commune", f"Taux de satisfaction par commune, {period.court}")
with right:
    satisfaction(typologies, "typologie", f"Taux de satisfaction par typologie, {period.court}")
definition(
    "une demande compte dans la commune qu'elle souhaite en premier et la typologie (nombre de "
    "pièces) qu'elle souhaite ; une attribution dans la commune et la typologie du logement "
    "attribué. "
    + (
        f"Sur plusieurs années, la file active est la moyenne des files actives au 31 décembre "
        f"de {period.debut} à {period.fin} et les attributions celles de toute la période ; "
        "le taux de satisfaction rapporte les attributions d'une année moyenne à la file "
        "active moyenne. "
        if period.cumul
        else ""
    )
    + access.secrecy_note(
        threshold,
        f"Une part calculée sur moins de {threshold} demandes ou attributions est masquée "
        "(« secret »).",
    )
)
with st.expander("Le tableau par commune et par typologie"):
    table(
        columns_of(
            breakdown.assign(axe=breakdown["axe"].map(str.capitalize)),
            ["axe", "modalite", *TABLE_COLUMNS],
        ),
        TABLE_FORMATS,
        threshold,
        labels={
            "axe": "Répartition",
            "modalite": "Modalité",
            **TABLE_LABELS,
            "demandes_actives": "Demandes actives au 31/12"
            + (" (moyenne)" if period.cumul else ""),
        },
        key="mutations_table_repartition",
        title=f"Mutations par commune et typologie, {period.court}",
    )

# --- Waiting time -------------------------------------------------------------------------------
st.subheader(f"Délai d'attente des ménages logés, {period.court}")
waits = mask(
    data.query("mutations/delais", **period.params, **where),
    ["n"],
    WAIT_SHARES,
    threshold=threshold,
)
waits["public_libelle"] = waits["public"].map({**PUBLICS, "ensemble": "Ensemble"})
left, right = st.columns(2)
with left:
    two = waits[waits["public"] != "ensemble"]
    chart(
        box(
            two,
            "public_libelle",
            f"Délai d'attente, mutations et primo-demandeurs, {period.court}",
            color="public_libelle",
            colors=PUBLIC_COLOURS,
            x_title="Public",
            y_title="Mois d'attente",
        ),
        key="mutations_delais",
    )
with right:
    table(
        columns_of(waits, ["public_libelle", "n", "mediane", "moyenne"]),
        WAIT_FORMATS,
        threshold,
        labels={"public_libelle": "Public", **WAIT_LABELS},
        key="mutations_table_delais",
        title=f"Délai d'attente des mutations, {period.court}",
    )
definition(
    "délai d'attente d'un ménage logé : nombre de mois entiers entre le dépôt de sa demande et "
    "la décision d'attribution (ou l'ancienneté de la demande donnée par l'extrait). Chaque "
    "boîte va du 1er au 3e quartile, le trait intérieur est la médiane (la moitié des ménages "
    "a attendu moins), les moustaches vont du 10e au 90e centile. " + MUTATION_DEFINITION
)

# --- Reasons ------------------------------------------------------------------------------------
st.subheader(f"Pourquoi demander une mutation ? File active au 31/12/{annee}")
motifs = mask(
    data.query("mutations/motifs", annee=annee, **where),
    ["n_mutation", "n_primo"],
    {"part_mutation": ["n_mutation"], "part_primo": ["n_primo"]},
    threshold=threshold,
)
if motifs.empty:
    st.info("Aucune demande de mutation active au 31 décembre dans les communes choisies.")
else:
    chart(
        grouped_value_bars(
            motifs,
            "libelle",
            {
                "part_mutation": (MUTATION, PUBLIC_COLOURS[MUTATION]),
                "part_primo": (PRIMO, PUBLIC_COLOURS[PRIMO]),
            },
            f"Les dix motifs les plus cités par les demandes de mutation, au 31/12/{annee}",
            x_title="Part des demandes actives du public",
        ),
        key="mutations_motifs",
    )
    definition(
        "motif principal déclaré dans la demande (liste nationale du SNE), pour les demandes de "
        "mutation actives au 31 décembre ; en regard, la part du même motif chez les "
        "primo-demandeurs."
        + access.secrecy_note(
            threshold,
            f" Une part calculée sur moins de {threshold} demandes est masquée (« secret »).",
        )
    )
    table(
        columns_of(motifs, ["libelle", "n_mutation", "part_mutation", "n_primo", "part_primo"]),
        {"n_mutation": "int", "part_mutation": "pct", "n_primo": "int", "part_primo": "pct"},
        threshold,
        labels={
            "libelle": "Motif principal",
            "n_mutation": "Demandes de mutation",
            "part_mutation": "Part (mutations)",
            "n_primo": "Demandes de primo-demandeurs",
            "part_primo": "Part (primo-demandeurs)",
        },
        key="mutations_table_motifs",
        title=f"Motifs des demandes de mutation au 31/12/{annee}",
    )
    st.caption(
        f"Demandes de mutation actives au 31/12/{annee} : "
        + (
            masked_label(threshold)
            if 0 < motifs["mutations"].iloc[0] < threshold
            else fmt_int(motifs["mutations"].iloc[0])
        )
        + "."
    )
