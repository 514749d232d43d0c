"""Cotation : the scores of the active file, the criteria that make them, what a refusal does,
and the evaluation of the grid on the plan's three levels (relevance, CIA targets, fluidity);
members compare two grid versions when two are loaded. Every figure, label and definition
comes from queries/cotation/*.yml; the public reads the publication."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.bars import grouped_value_bars, value_bars
from dashboard.figures.charts import PUBLIC_COLOURS, box
from dashboard.figures.cotation import (
    criteria_shares,
    score_histogram,
    tranche_bars,
)
from dashboard.grilles import PUBLICS, versions
from dashboard.reshape import long_counts, stacked
from dashboard.ui import access, data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header

settings = data.settings()
filters = current_filters(settings)
annee = filters.annee
header(
    "Cotation de la demande",
    filters,
    settings,
    "La cotation classe les demandes par une note : la somme des points des critères de la "
    "grille que remplit le ménage. Elle aide les commissions d'attribution sans les lier. "
    f"Cette page montre les notes de la file active au 31/12/{annee}, les critères qui les "
    "font, et si la grille fait ressortir et loger les ménages les plus prioritaires.",
)

loaded = versions(settings.grilles)
grille = settings.grille_cotation
if len(loaded) > 1:
    grille = st.selectbox("Grille de cotation", loaded, index=loaded.index(grille))
st.caption(
    f"Grille **{grille}** : grille « primo-demandeurs » pour les ménages qui ne sont pas "
    "locataires du parc social, grille « mutation » pour ceux qui le sont."
)
where = {"grille": grille, "annee": annee, "communes": filters.communes}
colours = list(PUBLIC_COLOURS.values())
CRITERIA_TABLE = [
    "public_libelle",
    "libelle",
    "categorie_libelle",
    "points",
    "nb_demandes",
    "part_demandes",
]
WEIGHTS_TABLE = ["public_libelle", "libelle", "points", "points_apportes", "part_points"]
EVALUATION_TABLE = [
    "public_libelle",
    "seuil_quart",
    "attributions_notees",
    "attributions_quart",
    "part_quart",
    "part_file_quart",
    "seuil_decile",
    "demandes_decile",
    "part_prioritaires_decile",
    "part_prioritaires_file",
]
COMPARISON_TABLE = [
    "public_libelle",
    "n",
    "change_tranche",
    "monte",
    "descend",
    "moyenne",
    "moyenne_comparee",
    "correlation_rangs",
]

# --- Key figures and distribution -----------------------------------------------------------
quantiles = data.fetch("cotation/quantiles", **where)
st.subheader(quantiles.title())
# one public a row: a note in points needs the width of a third of the page at 1366 px
for public in PUBLICS:
    st.markdown(f"**{quantiles.row(axe='ensemble', public=public)['public_libelle']}**")
    show.cards(
        [
            show.figure(quantiles, c, {"axe": "ensemble", "public": public})
            for c in ("n", "mediane", "p90")
        ],
        per_row=3,
    )

# Members see classes of 10 points; the public the published 20-point bands, whose totals
# the secrecy covers.
fine = data.fetch("cotation/distribution", optional=True, **where)
tranches = data.fetch("cotation/tranches", **where)
bands = [f"tranche_{k}" for k in range(6)]
for column, public, colour in zip(st.columns(2), PUBLICS, colours, strict=True):
    label = quantiles.row(axe="ensemble", public=public)["public_libelle"]
    with column:
        if fine is not None:
            fig = score_histogram(
                fine.where(public=public).frame,
                f"{label} : {fine.title()}",
                colour,
                x_title=fine.label("classe"),
                y_title=fine.label("n"),
                top=fine.frame["n"].max(),
            )
        else:
            part = tranches.where(public=public, typologie_groupe=None)
            fig = tranche_bars(
                long_counts(part, "public", bands),
                f"{label} : {tranches.title('distribution')}",
                colour,
                y_title=tranches.label("comparables"),
            )
        chart(fig, key=f"cotation_histogramme_{public}")
show.definitions(
    [(fine, ["n"])] if fine is not None else [(tranches, ["tranche_0"])],
    access.secrecy_note(
        access.threshold(settings),
        f"Une tranche de moins de {settings.seuil_secret} demandes n'a pas de barre : elle "
        f"porte « < {settings.seuil_secret} » (secret statistique).",
    ).strip(),
)

columns = st.columns(2)
for column, axe in zip(columns, ("commune", "typologie"), strict=True):
    part = quantiles.where(axe=axe)
    with column:
        chart(
            box(
                part.frame,
                "modalite",
                quantiles.title(axe),
                color="public_libelle",
                colors=PUBLIC_COLOURS,
                y_title=quantiles.title("axe_note"),
            ),
            key=f"cotation_boites_{axe}",
        )
show.definitions(
    [(quantiles, ["mediane"])],
    "Chaque boîte va du 1er au 3e quartile des notes, le trait intérieur est la médiane, les "
    "moustaches vont du 10e au 90e centile (la note de chaque ménage n'est pas montrée)."
    + access.secrecy_note(
        access.threshold(settings),
        f" Un groupe de moins de {settings.seuil_secret} demandes n'a pas de boîte.",
    ),
)

# --- Criteria ---------------------------------------------------------------------------------
criteres = data.fetch("cotation/criteres", **where)
poids = data.fetch("cotation/poids_criteres", optional=True, **where)  # members only
st.subheader("Les critères qui font les notes")
# One public under the other, across the page: the criteria's whole wordings need the width.
for public, colour in zip(PUBLICS, colours, strict=True):
    shown = criteres.where(public=public, dans_grille=True, porte=True)
    label = quantiles.row(axe="ensemble", public=public)["public_libelle"]
    with st.container():
        chart(
            criteria_shares(
                shown.frame, "part_demandes", f"{label} : {criteres.title('graphique')}", colour
            ),
            key=f"cotation_criteres_{public}",
        )
        if poids is not None:
            chart(
                criteria_shares(
                    poids.where(public=public).frame,
                    "part_points",
                    f"{label} : {poids.title('graphique')}",
                    "#E4794A",
                ),
                key=f"cotation_poids_{public}",
            )
show.definitions(
    [(criteres, ["part_demandes"])] + ([(poids, ["part_points"])] if poids is not None else [])
)
with st.expander("Tous les critères, dans l'ordre de la grille"):
    show.table(
        criteres,
        CRITERIA_TABLE,
        key="cotation_table_criteres",
    )
    if poids is not None:
        show.table(
            poids,
            WEIGHTS_TABLE,
            key="cotation_table_poids",
        )
st.caption(
    "Les critères et leurs points, et la note d'une situation, sont détaillés dans la page "
    "« Positionner une demande »."
)

if settings.effets_refus:
    st.subheader("Les effets d'un refus")
    st.markdown(settings.effets_refus)

# --- Evaluation -------------------------------------------------------------------------------
st.subheader(f"Évaluation de la grille en {annee}")
st.markdown(
    "Le PPGDID prévoit d'évaluer la cotation à trois niveaux : **la pertinence des critères et "
    "des pondérations** (la grille fait-elle ressortir les ménages prioritaires ?), **l'atteinte "
    "des objectifs de la CIA** (les ménages les mieux notés sont-ils logés ?) et **la fluidité** "
    "(le délai d'attente selon la note ; le reste relève du partage d'expérience en CIL)."
)
notes = data.fetch("cotation/evaluation_notes", **where)
evaluation = data.fetch("cotation/evaluation", **where)
delais = data.fetch("cotation/delai_tranches", **where)
housed, active = notes.title("serie"), quantiles.title("serie")
columns = st.columns(2)
with columns[0]:
    both = stacked(
        [(housed, notes.frame), (active, quantiles.where(axe="ensemble").frame)], "population"
    )
    chart(
        box(
            both,
            "public_libelle",
            notes.title("graphique"),
            color="population",
            colors={housed: "#18753C", active: "#929292"},
            y_title=quantiles.title("axe_note"),
        ),
        key="cotation_eval_notes",
    )
with columns[1]:
    chart(
        grouped_value_bars(
            evaluation.frame,
            "public_libelle",
            {
                "part_quart": (evaluation.label("part_quart", short=True), "#18753C"),
                "part_file_quart": (evaluation.label("part_file_quart", short=True), "#929292"),
            },
            evaluation.label("part_quart"),
        ),
        key="cotation_eval_quart",
    )
ensemble = evaluation.row(public="ensemble")
show.definitions(
    [(notes, ["mediane"]), (evaluation, ["part_quart", "part_file_quart"])],
    f"Attributions sans note (ni note dans l'extrait ni demande liée), non comptées : "
    f"{evaluation.words(ensemble, 'attributions_sans_note')}.",
)

columns = st.columns(2)
with columns[0]:
    chart(
        grouped_value_bars(
            evaluation.frame,
            "public_libelle",
            {
                "part_prioritaires_decile": (
                    evaluation.label("part_prioritaires_decile", short=True),
                    "#000091",
                ),
                "part_prioritaires_file": (
                    evaluation.label("part_prioritaires_file", short=True),
                    "#929292",
                ),
            },
            evaluation.label("part_prioritaires_decile"),
        ),
        key="cotation_eval_decile",
    )
    show.definitions([(evaluation, ["part_prioritaires_decile", "part_prioritaires_file"])])
with columns[1]:
    chart(
        value_bars(
            delais.where(public="ensemble").frame,
            "tranche",
            "delai_median",
            delais.title(),
            kind="mois",
            x_title=delais.label("delai_median"),
            colors=dict.fromkeys(delais.frame["tranche"], "#18753C"),
        ),
        key="cotation_eval_delai",
    )
    show.definitions([(delais, ["delai_median"])])
with st.expander("Le détail de l'évaluation, par public"):
    show.table(
        evaluation,
        EVALUATION_TABLE,
        key="cotation_table_evaluation",
    )
    show.table(
        delais,
        ["public_libelle", "tranche", "n", "delai_median", "delai_moyen"],
        key="cotation_table_delais",
    )

# --- Comparison of two versions (members) -----------------------------------------------------
if access.is_member(settings):
    st.subheader("Comparer deux grilles")
    others = [v for v in loaded if v != grille]
    if not others:
        st.info(
            f"Une seule grille est chargée ({grille}). Pour mesurer l'effet d'une nouvelle grille "
            "(ou comparer à la précédente), ajoutez ses lignes dans data/grilles_cotation.csv "
            "sous un autre nom de version : la comparaison apparaîtra ici."
        )
    else:
        comparee = st.selectbox("Grille comparée", others, key="cotation_grille_comparee")
        both_grids = {**where, "grille_comparee": comparee}
        comparison = data.fetch("cotation/comparaison", **both_grids)
        show.table(
            comparison,
            COMPARISON_TABLE,
            key="cotation_table_comparaison",
        )
        transitions = data.fetch("cotation/comparaison_tranches", **both_grids)
        for column, public in zip(st.columns(2), PUBLICS, strict=True):
            with column:
                name = comparison.row(public=public)["public_libelle"]
                st.markdown(
                    f"**{name}** : tranche avec {grille} (lignes), avec {comparee} (colonnes)"
                )
                show.crosstab(
                    transitions.where(public=public),
                    "tranche",
                    "tranche_comparee",
                    "n",
                    "tranche_comparee_ordre",
                    key=f"cotation_transitions_{public}",
                )
        show.definitions(
            [(comparison, ["part_change_tranche", "correlation_rangs"]), (transitions, ["n"])]
        )
st.caption(
    "Sources : extraits des demandes et des attributions (SNE) ; grilles de cotation du "
    f"{settings.plan}."
)
