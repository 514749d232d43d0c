"""Enregistrements : demands registered per guichet and year, the online share, the monthly
rhythm, renewals and radiations by motif, and the active file at year end per guichet."""

from __future__ import annotations

import streamlit as st

from dashboard.figures.charts import line
from dashboard.figures.counts import count_bars, yearly_count_bars
from dashboard.masking import mask
from dashboard.reshape import columns_of, pivot_masked
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.key_figures import key_figure
from dashboard.ui.layout import chart, definition, header, table

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
year, before = filters.annee, filters.annee - 1
header(
    "Enregistrements de demandes",
    filters,
    settings,
    "Les demandes de logement social enregistrées chaque année, par quel guichet, à quel "
    "rythme, et ce que devient la file des demandes : renouvellements, radiations, demandes "
    "en attente au 31 décembre.",
)
params = {"annee": year, "communes": filters.communes, "premiere_annee": settings.premiere_annee}
COMMUNE_RULE = (
    "Une demande est comptée pour la commune qu'elle souhaite en premier choix (le filtre des "
    "communes porte sur elle)."
)
guichet_colours = settings.guichet_couleurs

# --- Key figures -------------------------------------------------------------------------------
movements = mask(
    data.query("enregistrements/mouvements", **params),
    ["demandes_actives", "enregistrements", "renouvellements", "radiations"],
    threshold=threshold,
)
online = mask(
    data.query("enregistrements/en_ligne", **params),
    ["enregistrements", "en_ligne", "aux_guichets"],
    {"part_en_ligne": ["en_ligne", "enregistrements"]},
    threshold=threshold,
)
by_year = movements.set_index("annee", drop=False)
online_by_year = online.set_index("annee", drop=False)
current = by_year.loc[year]
previous = by_year.loc[before] if before in by_year.index else None

st.subheader(f"Chiffres clés {year}")
cards = st.columns(4)
with cards[0]:
    key_figure(
        current,
        previous,
        "enregistrements",
        f"Demandes enregistrées en {year}",
        "int",
        "Demandes dont la date de dépôt tombe dans l'année, tous guichets.",
        threshold,
    )
with cards[1]:
    key_figure(
        online_by_year.loc[year],
        online_by_year.loc[before] if before in online_by_year.index else None,
        "part_en_ligne",
        "Part déposée en ligne",
        "pct",
        "Demandes enregistrées sur le Portail Grand Public, sur l'ensemble des enregistrements.",
        threshold,
    )
with cards[2]:
    key_figure(
        current,
        previous,
        "demandes_actives",
        f"Demandes actives au 31/12/{year}",
        "int",
        "Demandes déposées au plus tard le 31 décembre et non radiées ce jour-là.",
        threshold,
    )
with cards[3]:
    key_figure(
        current,
        previous,
        "radiations",
        f"Radiations en {year}",
        "int",
        "Demandes radiées dans l'année, quel que soit le motif (attribution comprise).",
        threshold,
    )
if previous is not None:
    st.caption(f"Évolutions par rapport à {before}, en nombre ou en points de pourcentage.")

# --- Registrations per guichet -----------------------------------------------------------------
st.subheader("Enregistrements par guichet")
guichets = mask(
    data.query("enregistrements/par_guichet", **params),
    ["enregistrements", "demandes_actives"],
    {
        "part_enregistrements": ["enregistrements"],
        "part_actives": ["demandes_actives"],
    },
    threshold=threshold,
)
names = list(dict.fromkeys(guichets["guichet_nom"]))
wide = pivot_masked(guichets, "annee", "guichet_nom", "enregistrements")
chart(
    yearly_count_bars(
        wide,
        "annee",
        {name: name for name in names},
        f"Demandes enregistrées par guichet, {wide['annee'].min()}-{year}",
        threshold=threshold,
        colors=guichet_colours,
        y_title="Demandes enregistrées",
        height=520,
    ),
    key="enregistrements_par_guichet",
)
definition(
    "demandes dont la date de dépôt tombe dans l'année, comptées au guichet qui les a "
    "enregistrées. Un guichet que les paramètres du territoire ne connaissent pas est compté "
    f"dans « Autres guichets ». {COMMUNE_RULE}"
)
totals = columns_of(online, ["annee", "enregistrements"])
table(
    columns_of(wide.merge(totals, on="annee"), ["annee", *names, "enregistrements"]).assign(
        annee=lambda f: f["annee"].astype(str)
    ),
    {**dict.fromkeys(names, "int"), "enregistrements": "int"},
    threshold,
    labels={"annee": "Année", "enregistrements": "Tous guichets"},
    key="enregistrements_table_guichets",
    title="Demandes enregistrées par guichet et par année",
)

# --- Online share ------------------------------------------------------------------------------
online_name = next((g.nom for g in settings.guichets if g.en_ligne), "Portail Grand Public")
st.subheader("Demande en ligne et demande aux guichets")
shares = online.assign(
    serie=online_name,
    annee=online["annee"].astype(int),
)
chart(
    line(
        shares,
        "annee",
        "part_en_ligne",
        "Part des demandes déposées en ligne (Portail Grand Public)",
        color="serie",
        colors=guichet_colours,
        x_title="Année d'enregistrement",
        y_title="Part des enregistrements",
        percent=True,
    ),
    key="enregistrements_part_en_ligne",
)
definition(
    "part des demandes de l'année enregistrées sur le Portail Grand Public (la demande en "
    "ligne) ; les autres ont été enregistrées par un guichet : guichet du territoire, bailleur, "
    "autre guichet. "
    + access.secrecy_note(
        threshold, f"Une part calculée sur moins de {threshold} demandes n'est pas montrée. "
    )
    + COMMUNE_RULE
)
table(
    columns_of(
        online.assign(annee=online["annee"].astype(str)),
        ["annee", "enregistrements", "en_ligne", "aux_guichets", "part_en_ligne"],
    ),
    {"enregistrements": "int", "en_ligne": "int", "aux_guichets": "int", "part_en_ligne": "pct"},
    threshold,
    labels={
        "annee": "Année",
        "enregistrements": "Demandes enregistrées",
        "en_ligne": "en ligne",
        "aux_guichets": "aux guichets",
        "part_en_ligne": "Part en ligne",
    },
    key="enregistrements_table_en_ligne",
    title="Demandes enregistrées en ligne et aux guichets",
)

# --- Monthly rhythm ----------------------------------------------------------------------------
st.subheader(f"Rythme mensuel des enregistrements en {year}")
months = mask(
    data.query("enregistrements/rythme_mensuel", **params),
    ["enregistrements", "enregistrements_precedente"],
    threshold=threshold,
)
chart(
    yearly_count_bars(
        months,
        "libelle",
        {"enregistrements_precedente": str(before), "enregistrements": str(year)},
        f"Demandes enregistrées chaque mois, {year} comparé à {before}",
        threshold=threshold,
        colors={"enregistrements_precedente": "#A0A0A0", "enregistrements": "#000091"},
        y_title="Demandes enregistrées",
    ),
    key="enregistrements_rythme_mensuel",
)
definition(
    f"demandes dont la date de dépôt tombe dans le mois, en {year} et en {before}. {COMMUNE_RULE}"
)

# --- Renewals and radiations -------------------------------------------------------------------
st.subheader(f"Renouvellements et radiations en {year}")
radiations = mask(
    data.query("enregistrements/radiations", **params),
    ["radiations", "radiations_precedente"],
    {"part": ["radiations"], "part_precedente": ["radiations_precedente"]},
    threshold=threshold,
)
cards = st.columns(4)
with cards[0]:
    key_figure(  # no change against last year: the extract keeps only the last renewal
        current,
        None,
        "renouvellements",
        f"Demandes renouvelées en {year}",
        "int",
        "Demandes dont le dernier renouvellement tombe dans l'année. L'extrait ne garde que le "
        "dernier renouvellement de chaque demande : la comparaison avec les années passées "
        "n'a pas de sens.",
        threshold,
    )
chart(
    count_bars(
        radiations,
        "motif",
        "radiations",
        f"Demandes radiées en {year}, par motif",
        threshold=threshold,
        share="part",
        x_title="Radiations",
    ),
    key="enregistrements_radiations",
)
table(
    columns_of(
        radiations,
        ["motif", "radiations_precedente", "part_precedente", "radiations", "part"],
    ),
    {
        "radiations_precedente": "int",
        "part_precedente": "pct",
        "radiations": "int",
        "part": "pct",
    },
    threshold,
    labels={
        "motif": "Motif de radiation",
        "radiations_precedente": f"Radiations {before}",
        "part_precedente": f"Part {before}",
        "radiations": f"Radiations {year}",
        "part": f"Part {year}",
    },
    key="enregistrements_table_radiations",
    title=f"Radiations par motif, {before} et {year}",
)
definition(
    "demandes dont la date de radiation tombe dans l'année, par motif de radiation du "
    "Système national d'enregistrement : attribution d'un logement, non-renouvellement dans "
    "le délai d'un an, abandon de la demande, demandeur injoignable, irrecevabilité. "
    f"{COMMUNE_RULE}"
)

# --- Active file -------------------------------------------------------------------------------
st.subheader("La file active au 31 décembre")
history = movements.assign(annee=movements["annee"].astype(int), serie="Demandes actives")
chart(
    line(
        history,
        "annee",
        "demandes_actives",
        f"Demandes actives au 31 décembre de chaque année, {history['annee'].min()}-{year}",
        color="serie",
        colors={"Demandes actives": "#000091"},
        x_title="Année (au 31 décembre)",
        y_title="Demandes actives",
    ),
    key="enregistrements_file_active",
)
definition(
    "une demande est active au 31 décembre quand elle a été déposée au plus tard ce jour-là "
    "et qu'elle n'est pas radiée ce jour-là : sans date de radiation, ou radiée après le 31 "
    "décembre. Une demande radiée le 31 décembre n'en fait plus partie ; une demande déposée "
    f"le 31 décembre en fait partie. {COMMUNE_RULE}"
)
chart(
    count_bars(
        guichets[guichets["annee"] == year],
        "guichet_nom",
        "demandes_actives",
        f"Demandes actives au 31/12/{year}, par guichet qui les a enregistrées",
        threshold=threshold,
        share="part_actives",
        x_title="Demandes actives",
        colors=guichet_colours,
    ),
    key="enregistrements_file_active_guichets",
)
definition(
    "demandes actives au 31 décembre, comptées au guichet qui les a enregistrées (la demande "
    "reste à son guichet d'enregistrement même si elle a été renouvelée ailleurs). Entre "
    "parenthèses, la part dans la file active."
)
with st.expander("Évolution de la demande année par année"):
    table(
        columns_of(
            movements.assign(annee=movements["annee"].astype(str)),
            ["annee", "enregistrements", "renouvellements", "radiations", "demandes_actives"],
        ),
        {
            "enregistrements": "int",
            "renouvellements": "int",
            "radiations": "int",
            "demandes_actives": "int",
        },
        threshold,
        labels={
            "annee": "Année",
            "enregistrements": "Enregistrements",
            "renouvellements": "Renouvellements",
            "radiations": "Radiations",
            "demandes_actives": "Demandes actives au 31/12",
        },
        key="enregistrements_table_mouvements",
        title="Enregistrements, renouvellements, radiations et file active par année",
    )
    table(
        pivot_masked(guichets, "annee", "guichet_nom", "demandes_actives").assign(
            annee=lambda f: f["annee"].astype(str)
        ),
        dict.fromkeys(names, "int"),
        threshold,
        labels={"annee": "Au 31/12 de"},
        key="enregistrements_table_file_active",
        title="Demandes actives au 31 décembre par guichet d'enregistrement",
    )
    definition(
        "renouvellements : demandes dont le dernier renouvellement tombe dans l'année. "
        "L'extrait du SNE ne garde que le dernier renouvellement de chaque demande : pour les "
        "années passées, les renouvellements sont sous-comptés."
    )
