"""Profil de la demande : the active file at year end (or the registrations of the year) broken
down as the SNE infocentre does, each breakdown compared with the previous year."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.comparison import compared_bars
from dashboard.masking import mask
from dashboard.reshape import columns_of
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.key_figures import key_figure
from dashboard.ui.layout import chart, definition, header, table

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
year, before = filters.annee, filters.annee - 1
header(
    "Profil de la demande",
    filters,
    settings,
    "Qui demande un logement social : l'âge du demandeur, la taille du ménage, le logement "
    "recherché, la situation actuelle et le motif de la demande, comme les présente "
    "l'infocentre national du SNE, comparés à l'année précédente.",
)
params = {"annee": year, "communes": filters.communes}

FIELDS = {
    "actives": f"Demandes actives au 31/12/{year}",
    "enregistrements": f"Demandes enregistrées en {year}",
}
field = st.radio(
    "Demandes décrites",
    list(FIELDS),
    format_func=FIELDS.__getitem__,
    horizontal=True,
    key="profil_champ",
    help="La file active (toutes les demandes en attente au 31 décembre) ou les seules "
    "demandes déposées dans l'année.",
)
previous_column = f"{field}_precedente"
WHO = {
    "actives": (
        f"demandes actives au 31 décembre de {year} et de {before} : déposées au plus tard ce "
        "jour-là et non radiées ce jour-là (une demande radiée le 31 décembre n'en fait plus "
        "partie, une demande déposée le 31 décembre en fait partie)"
    ),
    "enregistrements": (
        f"demandes dont la date de dépôt tombe en {year}, et en {before} pour comparer"
    ),
}[field]
COMMUNE_RULE = (
    "Une demande est comptée pour la commune qu'elle souhaite en premier choix (le filtre des "
    "communes porte sur elle)."
)

# --- Publics -----------------------------------------------------------------------------------
publics = mask(
    data.query("profil/publics", **params),
    ["demandes", "quartile_1", "prioritaires", "dalo"],
    {
        "part_quartile_1": ["quartile_1", "demandes"],
        "part_prioritaires": ["prioritaires", "demandes"],
        "part_dalo": ["dalo", "demandes"],
    },
    threshold=threshold,
)
mine = publics[publics["champ"] == field]
whole = mine[mine["commune"].isna()].set_index("annee")
st.subheader(f"Chiffres clés : {FIELDS[field].lower()}")
cards = st.columns(4)
for column, (name, label, kind, help_text) in zip(
    cards,
    [
        ("demandes", FIELDS[field], "int", WHO),
        (
            "part_quartile_1",
            "Part du premier quartile",
            "pct",
            "Ménages dont les ressources déclarées sont dans le premier quartile (les 25 % de "
            "demandeurs aux plus faibles ressources du territoire).",
        ),
        (
            "part_prioritaires",
            "Part des ménages prioritaires",
            "pct",
            "Ménages reconnus prioritaires (article L441-1 du CCH), DALO compris.",
        ),
        (
            "part_dalo",
            "Part des ménages DALO",
            "pct",
            "Ménages reconnus prioritaires et à loger en urgence au titre du droit au logement "
            "opposable.",
        ),
    ],
    strict=True,
):
    with column:
        key_figure(whole.loc[year], whole.loc[before], name, label, kind, help_text, threshold)
st.caption(
    f"Évolutions par rapport à {before}, en nombre ou en points de pourcentage. Un champ non "
    "renseigné dans l'extrait compte comme « non »."
)

# --- Breakdowns --------------------------------------------------------------------------------
profile = mask(
    data.query("profil/repartition", **params),
    [field, previous_column],
    {f"part_{field}": [field], f"part_{previous_column}": [previous_column]},
    threshold=threshold,
)
DIMENSIONS = {
    "age": ("Âge du demandeur", "Tranche d'âge"),
    "taille_menage": ("Taille du ménage", "Taille du ménage"),
    "typologie": ("Typologie du logement souhaité", "Typologie souhaitée"),
    "logement_actuel": ("Logement actuel", "Logement actuel"),
    "motif": ("Motif principal de la demande (les dix plus fréquents)", "Motif"),
    "commune": ("Commune souhaitée en premier choix", "Commune souhaitée"),
}
DEFINITIONS = {
    "age": "âge du demandeur au 31 décembre (file active) ou au dépôt (enregistrements), "
    "estimé à partir de l'âge donné à la date de l'extrait. Tranches choisies pour suivre les "
    "jeunes (moins de 25 ans, moins de 30 ans, critère de la cotation) et le vieillissement "
    "(65 ans et plus, 75 ans et plus).",
    "taille_menage": "nombre de personnes du ménage déclaré dans la demande.",
    "typologie": "nombre de pièces du logement recherché ; studios (C) et T1 ensemble, T5 et "
    "plus ensemble.",
    "logement_actuel": "situation de logement déclarée dans la demande, selon la liste du "
    "Système national d'enregistrement ; « Locataire HLM » : demande de mutation.",
    "motif": "motif principal déclaré dans la demande ; les dix motifs les plus fréquents "
    f"dans la file active de {year}, les autres ensemble.",
    "commune": "première des communes souhaitées.",
}


def breakdown(dimension: str) -> None:
    title, _ = DIMENSIONS[dimension]
    rows = profile[profile["dimension"] == dimension]
    chart(
        compared_bars(
            rows,
            "modalite",
            {
                previous_column: (str(before), f"part_{previous_column}"),
                field: (str(year), f"part_{field}"),
            },
            f"{title}, {before} et {year}",
            threshold=threshold,
            x_title="Demandes",
        ),
        key=f"profil_{dimension}",
    )
    definition(f"{DEFINITIONS[dimension]} Entre parenthèses, la part de l'année.")


st.subheader(f"Profil : {FIELDS[field].lower()}, comparé à {before}")
left, right = st.columns(2)
with left:
    breakdown("age")
    breakdown("typologie")
with right:
    breakdown("taille_menage")
    breakdown("commune")
breakdown("logement_actuel")
breakdown("motif")
st.caption(f"**Demandes comptées.** {WHO}. {COMMUNE_RULE}")

with st.expander("Toutes les répartitions en tableau"):
    labels = {d: label for d, (_, label) in DIMENSIONS.items()}
    table(
        columns_of(
            profile.assign(dimension=profile["dimension"].map(labels)),
            [
                "dimension",
                "modalite",
                previous_column,
                f"part_{previous_column}",
                field,
                f"part_{field}",
            ],
        ),
        {
            previous_column: "int",
            f"part_{previous_column}": "pct",
            field: "int",
            f"part_{field}": "pct",
        },
        threshold,
        labels={
            "dimension": "Répartition",
            "modalite": "Modalité",
            previous_column: str(before),
            f"part_{previous_column}": f"Part {before}",
            field: str(year),
            f"part_{field}": f"Part {year}",
        },
        key="profil_table_repartitions",
        title=f"Profil : {FIELDS[field].lower()}, {before} et {year}",
    )

# --- Per wished commune ------------------------------------------------------------------------
st.subheader(f"Par commune souhaitée, {year}")
communes = mine[mine["annee"] == year]
table(
    columns_of(
        communes,
        [
            "commune_nom",
            "demandes",
            "quartile_1",
            "part_quartile_1",
            "prioritaires",
            "part_prioritaires",
            "dalo",
            "part_dalo",
        ],
    ),
    {
        "demandes": "int",
        "quartile_1": "int",
        "part_quartile_1": "pct",
        "prioritaires": "int",
        "part_prioritaires": "pct",
        "dalo": "int",
        "part_dalo": "pct",
    },
    threshold,
    labels={
        "commune_nom": "Commune souhaitée",
        "demandes": "Demandes",
        "quartile_1": "Premier quartile",
        "part_quartile_1": "Part premier quartile",
        "prioritaires": "Prioritaires",
        "part_prioritaires": "Part prioritaires",
        "dalo": "DALO",
        "part_dalo": "Part DALO",
    },
    key="profil_table_communes",
    title=f"Publics de la demande par commune souhaitée, {year}",
)
definition(
    f"{WHO}. Premier quartile : ressources déclarées dans le premier quartile ; prioritaires : "
    "ménages reconnus prioritaires (article L441-1 du CCH), DALO compris ; DALO : reconnus "
    f"prioritaires et à loger en urgence. {COMMUNE_RULE} Le profil détaillé d'une commune "
    "s'obtient en la choisissant dans le filtre des communes."
)
