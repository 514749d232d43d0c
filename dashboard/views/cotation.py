"""Cotation : the scores of the active file, the criteria that make them, and the evaluation of
the grid on the plan's three levels (relevance, CIA targets, fluidity); compares two grid
versions when two are loaded."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.figures.charts import PUBLIC_COLOURS, bar, box
from dashboard.formatting import fmt_int, fmt_num, fmt_pct
from dashboard.grilles import CATEGORIES, PUBLICS, versions
from dashboard.masking import FLAG, mask, masked_label
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, table

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
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
    grille = st.selectbox(
        "Grille de cotation",
        loaded,
        index=loaded.index(grille),
        help="Les grilles chargées (data/grilles_cotation.csv).",
    )
st.caption(
    f"Grille **{grille}** : grille « primo-demandeurs » pour les ménages qui ne sont pas "
    "locataires du parc social, grille « mutation » pour ceux qui le sont."
)
params = {"grille": grille, "annee": annee, "communes": filters.communes}
QUANTILE_SHARES = {c: ["n"] for c in ("moyenne", "p10", "q1", "mediane", "q3", "p90")}


def public_label(frame: pd.DataFrame) -> pd.DataFrame:
    frame["public_libelle"] = frame["public"].map({**PUBLICS, "ensemble": "Ensemble"})
    return frame


def short(text: str, width: int = 30) -> str:
    """A long label on two lines at most (a third is cut): a long one-line label would take
    the chart's width from its bars."""
    lines = textwrap.wrap(text, width, break_long_words=False)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: width - 1].rstrip() + "…"]
    return "<br>".join(lines)


def paired_shares(
    frame: pd.DataFrame, x: str, measures: dict[str, tuple[str, str]], title: str, **options
) -> go.Figure:
    """Grouped bars of two shares per row (`measures`: column -> (legend label, colour)),
    typically an observed share against its reference."""
    long = frame.melt(id_vars=x, value_vars=list(measures), var_name="mesure", value_name="part")
    long["mesure"] = long["mesure"].map({c: label for c, (label, _) in measures.items()})
    colours = dict(measures.values())
    return bar(
        long,
        x,
        "part",
        title,
        color="mesure",
        colors=colours,
        stacked=False,
        percent=True,
        **options,
    )


# --- Key figures -----------------------------------------------------------------------------
quantiles = mask(
    public_label(data.query("cotation/quantiles", **params)),
    counts=["n"],
    shares=QUANTILE_SHARES,
    threshold=threshold,
)
ensemble = quantiles[quantiles["axe"] == "ensemble"].set_index("public")
st.subheader(f"Notes de la file active au 31/12/{annee}")
columns = st.columns(2)
for column, public in zip(columns, PUBLICS, strict=True):
    row = ensemble.loc[public]
    with column:
        st.markdown(f"**{PUBLICS[public]}**")
        a, b, c = st.columns(3)
        hidden = bool(row[FLAG + "n"])
        a.metric(
            "Demandes actives",
            masked_label(threshold) if hidden else fmt_int(row["n"]),
            border=True,
        )
        b.metric(
            "Note médiane",
            "secret" if hidden else fmt_num(row["mediane"], 0),
            border=True,
            help="La moitié des demandes a une note inférieure ou égale.",
        )
        c.metric(
            "90e centile",
            "secret" if hidden else fmt_num(row["p90"], 0),
            border=True,
            help="Les 10 % de demandes les mieux notées ont au moins cette note.",
        )

histogram = public_label(data.query("cotation/distribution", **params))
histogram = mask(histogram, counts=["n"], threshold=threshold)
histogram["centre"] = histogram["classe"] + 5  # a bar spans its 10-point class
top = histogram["n"].max()
columns = st.columns(2)
for column, public in zip(columns, PUBLICS, strict=True):
    part = histogram[histogram["public"] == public]
    fig = bar(
        part,
        "centre",
        "n",
        f"{PUBLICS[public]} : demandes par note",
        x_title="Note (points)",
        y_title="Demandes actives",
        text=False,
        height=420,
    )
    fig.update_traces(
        marker_color=PUBLIC_COLOURS[PUBLICS[public]],
        width=9,
        customdata=part[["classe_libelle"]],
        hovertemplate="Note de %{customdata[0]} : %{y:,d} demandes<extra></extra>",
    )
    fig.update_xaxes(tick0=0, dtick=20, range=[0, histogram["classe"].max() + 10])
    if pd.notna(top):
        fig.update_yaxes(range=[0, top * 1.08])  # the same scale on both sides
    with column:
        chart(fig, key=f"cotation_histogramme_{public}")
definition(
    "nombre de demandes actives au 31 décembre par classe de 10 points de note (même échelle "
    "des deux côtés). Une demande est notée dans la grille de son public, à cette date : "
    f"l'ancienneté est celle atteinte au 31/12/{annee}."
    + access.secrecy_note(
        threshold,
        f" Une classe de moins de {threshold} demandes n'est pas dessinée (secret statistique).",
    )
)

columns = st.columns(2)
for column, axe, title, x_title in (
    (columns[0], "commune", "Notes par commune souhaitée", "Commune souhaitée en premier"),
    (columns[1], "typologie", "Notes par typologie souhaitée", "Typologie souhaitée"),
):
    part = quantiles[quantiles["axe"] == axe]
    with column:
        chart(
            box(
                part,
                "modalite",
                title,
                color="public_libelle",
                colors=PUBLIC_COLOURS,
                x_title=x_title,
                y_title="Note (points)",
            ),
            key=f"cotation_boites_{axe}",
        )
definition(
    "chaque boîte va du 1er au 3e quartile des notes, le trait intérieur est la médiane, les "
    "moustaches vont du 10e au 90e centile (la note de chaque ménage n'est pas montrée)."
    + access.secrecy_note(
        threshold, f" Un groupe de moins de {threshold} demandes n'a pas de boîte."
    )
)

# --- Criteria --------------------------------------------------------------------------------
st.subheader("Les critères qui font les notes")
criteres = public_label(data.query("cotation/criteres", **params))
criteres = mask(
    criteres,
    counts=["nb_demandes"],
    shares={
        "part_demandes": ["nb_demandes", "demandes"],
        "points_apportes": ["nb_demandes"],
        "part_points": ["nb_demandes"],
    },
    threshold=threshold,
)
criteres["critere"] = criteres["libelle"].map(short)
columns = st.columns(2)
for column, public in zip(columns, PUBLICS, strict=True):
    part = criteres[criteres["public"] == public].head(12)  # ranked by the query
    fig = paired_shares(
        part,
        "critere",
        {
            "part_demandes": ("Demandes qui le portent", "#000091"),
            "part_points": ("Part des points", "#E4794A"),
        },
        f"{PUBLICS[public]} : les 12 critères les plus portés",
        horizontal=True,
        height=640,
    )
    fig.update_yaxes(autorange="reversed", title_text=None)
    top_share = part[["part_demandes", "part_points"]].max().max()
    top_share = 0.05 if pd.isna(top_share) else max(top_share, 0.05)
    fig.update_xaxes(title_text="Part (%)", range=[0, top_share * 1.25])
    fig.update_traces(textposition="outside")
    with column:
        chart(fig, key=f"cotation_criteres_{public}")
definition(
    "« demandes qui le portent » : part des demandes actives du public qui remplissent le "
    "critère (déclaré dans la demande, ou déduit : ancienneté, 1er quartile, DALO, résidence "
    "dans l'EPCI, âge) ; « part des points » : part de ce critère dans la somme des notes de la "
    "file. Un critère peu porté mais lourd pèse peu dans l'ensemble des notes."
)
with st.expander("Tous les critères, classés par nombre de demandes et par points apportés"):
    shown = criteres.copy()
    shown["public"] = shown["public_libelle"]
    shown["categorie"] = shown["categorie"].map(CATEGORIES).fillna("Hors de la grille")
    table(
        shown[
            [
                "public",
                "libelle",
                "categorie",
                "points",
                "nb_demandes",
                FLAG + "nb_demandes",
                "part_demandes",
                FLAG + "part_demandes",
                "rang_nombre",
                "points_apportes",
                FLAG + "points_apportes",
                "part_points",
                FLAG + "part_points",
                "rang_points",
            ]
        ],
        {
            "points": "int",
            "nb_demandes": "int",
            "part_demandes": "pct",
            "rang_nombre": "int",
            "points_apportes": "int",
            "part_points": "pct",
            "rang_points": "int",
        },
        threshold,
        {
            "public": "Public",
            "libelle": "Critère",
            "categorie": "Catégorie",
            "points": "Points",
            "nb_demandes": "Demandes",
            "part_demandes": "Part des demandes",
            "rang_nombre": "Rang (demandes)",
            "points_apportes": "Points apportés",
            "part_points": "Part des points",
            "rang_points": "Rang (points)",
        },
        key="cotation_table_criteres",
    )

# --- Evaluation ------------------------------------------------------------------------------
st.subheader(f"Évaluation de la grille en {annee}")
st.markdown(
    "Le PPGDID prévoit d'évaluer la cotation à trois niveaux : **la pertinence des critères et "
    "des pondérations** (la grille fait-elle ressortir les ménages prioritaires ?), **l'atteinte "
    "des objectifs de la CIA** (les ménages les mieux notés sont-ils logés ?) et **la fluidité** "
    "(le délai d'attente selon la note ; le reste relève du partage d'expérience en CIL)."
)
notes = public_label(data.query("cotation/evaluation_notes", **params))
notes = mask(notes, counts=["n"], shares=QUANTILE_SHARES, threshold=threshold)
notes["population_libelle"] = notes["population"].map(
    {"attribues": f"Ménages logés en {annee}", "file_active": f"File active au 31/12/{annee}"}
)
evaluation = public_label(data.query("cotation/evaluation", **params))
evaluation = mask(
    evaluation,
    counts=[
        "demandes",
        "demandes_prioritaires",
        "file_quart",
        "demandes_decile",
        "decile_prioritaires",
        "attributions_notees",
        "attributions_sans_note",
        "attributions_quart",
    ],
    shares={
        "part_quart": ["attributions_quart", "attributions_notees"],
        "part_file_quart": ["file_quart", "demandes"],
        "part_prioritaires_decile": ["decile_prioritaires", "demandes_decile"],
        "part_prioritaires_file": ["demandes_prioritaires", "demandes"],
    },
    threshold=threshold,
)
columns = st.columns(2)
with columns[0]:
    chart(
        box(
            notes,
            "public_libelle",
            "Les ménages logés ont-ils les meilleures notes ?",
            color="population_libelle",
            colors={
                f"Ménages logés en {annee}": "#18753C",
                f"File active au 31/12/{annee}": "#929292",
            },
            y_title="Note (points)",
        ),
        key="cotation_eval_notes",
    )
with columns[1]:
    chart(
        paired_shares(
            evaluation,
            "public_libelle",
            {
                "part_quart": (f"Attributions {annee}", "#18753C"),
                "part_file_quart": ("File active (référence)", "#929292"),
            },
            "Part au quart supérieur des notes",
            y_title="Part (%)",
        ),
        key="cotation_eval_quart",
    )
sans_note = evaluation.set_index("public").loc["ensemble"]
definition(
    f"à gauche, les notes des ménages logés en {annee} (note de l'extrait d'attributions, "
    "sinon celle de leur demande au jour de la décision) face à celles des demandes encore "
    f"actives au 31/12/{annee}. À droite, la part des attributions qui vont au quart supérieur "
    "des notes : note au moins égale au 75e centile de la file active du même public. La "
    "référence est la part de la file active qui atteint ce seuil (25 % et un peu plus, à cause "
    "des ex aequo) : une attribution au hasard y tomberait aussi souvent. "
    + (
        f"{fmt_int(sans_note['attributions_sans_note'])} attribution(s) sans note (ni note "
        "dans l'extrait ni demande liée) ne sont pas comptées."
        if not sans_note[FLAG + "attributions_sans_note"]
        else f"Moins de {threshold} attributions sans note ne sont pas comptées."
    )
)

columns = st.columns(2)
with columns[0]:
    chart(
        paired_shares(
            evaluation,
            "public_libelle",
            {
                "part_prioritaires_decile": ("Parmi les 10 % mieux notées", "#000091"),
                "part_prioritaires_file": ("Dans toute la file (référence)", "#929292"),
            },
            "Ménages prioritaires ou DALO parmi les mieux notés",
            y_title="Part (%)",
        ),
        key="cotation_eval_decile",
    )
    definition(
        "part des ménages reconnus prioritaires (article L441-1 du CCH) ou DALO parmi les "
        f"demandes actives au 31/12/{annee} dont la note atteint le 90e centile de leur public, "
        "comparée à leur part dans toute la file : plus l'écart est grand, plus la grille les "
        "fait ressortir."
    )
delais = public_label(data.query("cotation/delai_tranches", **params))
delais = mask(
    delais,
    counts=["n"],
    shares={"delai_median": ["n"], "delai_moyen": ["n"]},
    threshold=threshold,
)
with columns[1]:
    fig = bar(
        delais[delais["public"] == "ensemble"],
        "tranche",
        "delai_median",
        f"Délai d'attente médian des ménages logés en {annee}, par note",
        x_title="Note à l'attribution (points)",
        y_title="Délai médian (mois)",
        height=440,
    )
    fig.update_traces(marker_color="#18753C", texttemplate="%{y:.0f}")
    chart(fig, key="cotation_eval_delai")
    definition(
        "délai médian, en mois révolus, entre le dépôt de la demande et l'attribution, selon la "
        "note du ménage (tranches de 20 points)."
        + access.secrecy_note(
            threshold, f" Une tranche de moins de {threshold} attributions n'est pas dessinée."
        )
        + " L'ancienneté faisant partie de la note, un ménage "
        "logé après une longue attente a mécaniquement plus de points : un délai qui ne baisse "
        "pas quand la note monte ne suffit pas à conclure."
    )
with st.expander("Le détail de l'évaluation, par public"):
    shown = evaluation.copy()
    table(
        shown[
            [
                "public_libelle",
                "seuil_quart",
                "attributions_notees",
                FLAG + "attributions_notees",
                "attributions_quart",
                FLAG + "attributions_quart",
                "part_quart",
                FLAG + "part_quart",
                "part_file_quart",
                FLAG + "part_file_quart",
                "seuil_decile",
                "demandes_decile",
                FLAG + "demandes_decile",
                "part_prioritaires_decile",
                FLAG + "part_prioritaires_decile",
                "part_prioritaires_file",
                FLAG + "part_prioritaires_file",
            ]
        ],
        {
            "seuil_quart": "num",
            "attributions_notees": "int",
            "attributions_quart": "int",
            "part_quart": "pct",
            "part_file_quart": "pct",
            "seuil_decile": "num",
            "demandes_decile": "int",
            "part_prioritaires_decile": "pct",
            "part_prioritaires_file": "pct",
        },
        threshold,
        {
            "public_libelle": "Public",
            "seuil_quart": "Seuil du quart supérieur (points)",
            "attributions_notees": "Attributions notées",
            "attributions_quart": "dont au quart supérieur",
            "part_quart": "Part au quart supérieur",
            "part_file_quart": "Référence (file active)",
            "seuil_decile": "Seuil des 10 % mieux notées (points)",
            "demandes_decile": "Demandes des 10 % mieux notées",
            "part_prioritaires_decile": "dont prioritaires ou DALO",
            "part_prioritaires_file": "Prioritaires ou DALO, toute la file",
        },
        key="cotation_table_evaluation",
    )
    delais_shown = delais.copy()
    table(
        delais_shown[
            [
                "public_libelle",
                "tranche",
                "n",
                FLAG + "n",
                "delai_median",
                FLAG + "delai_median",
                "delai_moyen",
                FLAG + "delai_moyen",
            ]
        ],
        {"n": "int", "delai_median": "mois", "delai_moyen": "mois"},
        threshold,
        {
            "public_libelle": "Public",
            "tranche": "Note à l'attribution",
            "n": "Attributions",
            "delai_median": "Délai médian",
            "delai_moyen": "Délai moyen",
        },
        key="cotation_table_delais",
    )

# --- Comparison of two versions --------------------------------------------------------------
st.subheader("Comparer deux grilles")
others = [v for v in loaded if v != grille]
if not others:
    st.info(
        f"Une seule grille est chargée ({grille}). Pour mesurer l'effet d'une nouvelle grille "
        "(ou comparer à la précédente), ajoutez ses lignes dans data/grilles_cotation.csv sous "
        "un autre nom de version : la comparaison apparaîtra ici."
    )
else:
    comparee = st.selectbox("Grille comparée", others, key="cotation_grille_comparee")
    both = {**params, "grille_comparee": comparee}
    comparison = public_label(data.query("cotation/comparaison", **both))
    comparison = mask(
        comparison,
        counts=["n", "change_tranche", "monte", "descend"],
        shares={
            "part_change_tranche": ["change_tranche", "n"],
            "moyenne": ["n"],
            "moyenne_comparee": ["n"],
            "correlation_rangs": ["n"],
        },
        threshold=threshold,
    )
    rows = comparison.to_dict("records")
    st.markdown("**Demandes qui changent de tranche de note**")
    for column, row in zip(st.columns(3), rows, strict=True):
        hidden = row[FLAG + "part_change_tranche"]
        column.metric(
            row["public_libelle"],
            "secret" if hidden else fmt_pct(row["part_change_tranche"]),
            border=True,
            help="Demandes dont la tranche de 20 points n'est pas la même dans les deux grilles "
            f"(montent : {fmt_int(row['monte'])}, descendent : {fmt_int(row['descend'])}).",
        )
    st.markdown("**Corrélation des rangs** (1 = les deux grilles classent les demandes pareil)")
    for column, row in zip(st.columns(3), rows[:2], strict=False):
        hidden = row[FLAG + "correlation_rangs"]
        column.metric(
            row["public_libelle"],
            "secret" if hidden else fmt_num(row["correlation_rangs"], 2),
            border=True,
            help="Corrélation de Spearman entre les classements des demandes du public dans "
            "les deux grilles : 1 = même ordre, 0 = aucun lien.",
        )
    transitions = data.query("cotation/comparaison_tranches", **both)
    transitions = mask(transitions, counts=["n"], threshold=threshold)
    for column, public in zip(st.columns(2), PUBLICS, strict=True):
        part = transitions[transitions["public"] == public]
        wide = part.pivot(index="tranche", columns="tranche_comparee", values="n")
        flags = part.pivot(index="tranche", columns="tranche_comparee", values=FLAG + "n")
        order = {t: o for t, o in zip(part["tranche"], part["tranche_ordre"], strict=True)}
        order |= dict(zip(part["tranche_comparee"], part["tranche_comparee_ordre"], strict=True))
        wide = wide.reindex(sorted(wide.index, key=order.get))
        wide = wide[sorted(wide.columns, key=order.get)].fillna(0)  # no demand moved there
        flags = flags.reindex(index=wide.index, columns=wide.columns).fillna(False)
        matrix = wide.reset_index()
        for name in wide.columns:
            matrix[FLAG + name] = flags[name].to_numpy(dtype=bool)
        with column:
            st.markdown(f"**{PUBLICS[public]}** : tranche avec {grille} (lignes), avec {comparee}")
            table(
                matrix,
                dict.fromkeys(wide.columns, "int"),
                threshold,
                {"tranche": f"{grille} \\ {comparee}"},
                key=f"cotation_transitions_{public}",
            )
    definition(
        f"les demandes actives au 31/12/{annee} notées avec les deux grilles ; tranches de 20 "
        "points. La corrélation des rangs compare les classements des demandes d'un même public."
    )
st.caption(
    "Sources : extraits des demandes et des attributions (SNE) ; grilles de cotation du "
    f"{settings.plan} (data/grilles_cotation.csv). Les critères et leurs points sont détaillés "
    "dans la page « Positionner une demande »."
)
