"""Parc social : where the social stock is (map of residences), what it is made of, how it
changes between RPLS millésimes, and how it compares with the demand per commune. Dwellings
are not households: the stock's figures are read from the RPLS file for everyone; the demand
next to it comes from the publication for the public."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import codes
from dashboard.figures import carte
from dashboard.figures.charts import bar, line
from dashboard.formatting import fmt_int
from dashboard.geo import communes_frame
from dashboard.ui import data, presentation, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.map_exports import map_downloads

settings = data.settings()
filters = current_filters(settings)
header(
    "Parc social : où sont les logements, lesquels, et face à quelle demande",
    filters,
    settings,
)

millesimes = data.fetch("parc/millesimes")
if millesimes.empty:
    st.info(
        "Aucun fichier RPLS (parc locatif social) n'est encore importé. Téléchargez le fichier "
        "« Données détaillées au logement » du RPLS sur le site du SDES, puis importez-le : "
        "`cil import logements rpls_2025.csv`."
    )
    st.stop()

# --- page filters ------------------------------------------------------------------------
loaded = [int(m) for m in millesimes.frame["millesime"]]
of_the_year = data.fetch("parc/millesime", annee=filters.annee).row()["millesime"]
periodes = data.fetch("parc/periodes").frame["periode"].tolist()
cols = st.columns([1, 2, 2, 2])
millesime = cols[0].selectbox(
    millesimes.label("millesime"),
    loaded,
    index=loaded.index(int(of_the_year)) if of_the_year in loaded else 0,
    key="parc_millesime",
)
financements = cols[1].multiselect(
    "Financement",
    list(codes.FINANCEMENTS),
    format_func=codes.FINANCEMENTS.__getitem__,
    key="parc_financements",
    placeholder="Tous les financements",
)
typologies = cols[2].multiselect(
    "Typologie",
    codes.ORDRE_GROUPES_TYPOLOGIE,
    key="parc_typologies",
    placeholder="Toutes les typologies",
)
periodes_choisies = cols[3].multiselect(
    "Période de construction",
    periodes,
    key="parc_periodes",
    placeholder="Toutes les périodes",
)
if of_the_year not in loaded:
    st.caption(
        f"Aucun millésime RPLS chargé ne décrit le parc de fin {filters.annee} (il faudrait "
        f"celui de {filters.annee + 1} ou un plus ancien) : la page montre le millésime choisi."
    )
stock = {
    "annee": filters.annee,
    "millesime": millesime,
    "communes": filters.communes,
    "financements": financements,
    "typologies": typologies,
    "periodes": periodes_choisies,
}
communes = data.fetch("parc/communes", **stock)
residences = data.fetch("parc/residences", **stock)

# --- map and key figures -----------------------------------------------------------------
st.subheader(f"Carte du parc social au 1er janvier {millesime}")
choix = st.columns(2)
mesure = choix[0].radio(
    "Communes colorées selon",
    list(carte.MESURES),
    format_func=carte.MESURES.__getitem__,
    horizontal=True,
    key="parc_mesure",
)
couche_nom = choix[1].radio(
    "Couleur des résidences",
    list(carte.COUCHES),
    format_func=lambda k: carte.COUCHES[k].titre,
    horizontal=True,
    key="parc_couche",
)
couche = carte.COUCHES[couche_nom]

left, right = st.columns([3, 1])
with left:
    if carte.fichiers_carte_absents():
        st.warning(
            "Les fichiers de la carte (Leaflet) ne sont pas installés sur ce serveur : lancez "
            "« make install », qui les prend dans le registre npm.",
            icon=":material/map:",
        )
    else:
        shown = residences.frame if len(residences.frame) <= carte.MAX_MARQUEURS else None
        if shown is None:
            st.info(
                f"{fmt_int(len(residences.frame))} résidences correspondent à la sélection : "
                f"trop pour les placer toutes sur la carte (au-delà de "
                f"{fmt_int(carte.MAX_MARQUEURS)}), qui ne montre que les communes. Choisissez "
                "une commune, un financement, une typologie ou une période pour voir les "
                "résidences.",
                icon=":material/info:",
            )
        fig = carte.carte_parc(
            carte.contours(settings.contours_file),
            communes.frame,
            filters.communes,
            mesure,
            shown,
            couche if shown is not None else None,
            settings.fond_carte,
            echelle_texte=1.4 if presentation.is_on() else 1.0,
        )
        st_folium(
            fig,
            height=860 if presentation.is_on() else 640,
            use_container_width=True,
            returned_objects=[],
            key="carte",
        )
        named = communes.frame.dropna(subset=["insee"])
        map_downloads(
            communes_frame(settings.contours_file),
            residences.frame,
            dict(zip(named["insee"], named["commune"], strict=True)),
            millesime,
            filters.libelle(settings),
        )
    total = communes.row(insee=None)
    show.definitions(
        [(residences, ["logements"])]
        + ([(communes, ["sans_coordonnees"])] if total["sans_coordonnees"] else []),
        "Sur la carte, la taille du rond suit le nombre de logements ; un chiffre sur fond "
        "sombre compte les logements de résidences proches regroupées (zoomez pour les "
        "séparer) ; cliquez sur un rond pour le détail.",
    )
with right:
    show.cards(
        [
            show.figure(communes, c, {"insee": None})
            for c in (
                "logements",
                "residences",
                "logements_pour_1000",
                "part_qpv",
                "part_dpe_f_g",
                "construct_median",
            )
        ],
        per_row=1,
    )

# --- stock per commune --------------------------------------------------------------------
st.subheader(communes.title())
show.table(
    communes,
    [
        "commune",
        "logements",
        "part_epci",
        "population",
        "logements_pour_1000",
        "residences",
        "geolocalises",
        "construct_median",
        "logements_qpv",
        "part_qpv",
        "dpe_connu",
        "dpe_f_g",
        "part_dpe_f_g",
        "part_dpe_inconnu",
    ],
    key="parc_communes",
)
show.definitions([(communes, ["logements", "part_epci", "population", "part_dpe_f_g"])])

repartitions = data.fetch("parc/repartitions", **stock)
COLOURS = {
    "typologie": {},
    "financement": carte.COULEURS_FINANCEMENT,
    "dpe": {**carte.COULEURS_DPE, "Non renseigné": carte.GRIS},
    "periode": {**carte.COULEURS_PERIODE, "Non renseignée": carte.GRIS},
}
for pair in (("typologie", "financement"), ("dpe", "periode")):
    for column, dimension in zip(st.columns(2), pair, strict=True):
        frame = repartitions.where(dimension=dimension).frame
        with column:
            if frame.empty:
                st.info("Aucun logement ne correspond aux filtres.")
                continue
            fig = bar(
                frame,
                "commune",
                "part",
                repartitions.title(dimension),
                color="modalite",
                colors=COLOURS[dimension],
                horizontal=True,
                percent=True,
                text=False,
                height=175 + 48 * frame["commune"].nunique(),
            )
            fig.update_yaxes(
                categoryorder="array",
                categoryarray=list(dict.fromkeys(frame["commune"])),
                autorange="reversed",
                title_text=None,
            )
            fig.update_xaxes(title_text=repartitions.label("part"))
            chart(fig, key=f"parc_{dimension}_chart")
show.definitions([(repartitions, ["part"])])

# --- evolution between millésimes ---------------------------------------------------------
if len(loaded) >= 2:
    evolution = data.fetch(
        "parc/evolution",
        communes=filters.communes,
        financements=financements,
        typologies=typologies,
        periodes=periodes_choisies,
    )
    st.subheader(evolution.title())
    cols = st.columns([3, 2])
    with cols[0]:
        fig = line(
            evolution.frame,
            "millesime",
            "logements",
            evolution.title("graphique"),
            color="commune",
            colors={**settings.commune_couleurs, "Ensemble": "#161616"},
            x_title=evolution.label("millesime"),
            y_title=evolution.label("logements"),
        )
        chart(fig, key="parc_evolution")
    with cols[1]:
        show.table(
            evolution.where(millesime=loaded[0]),
            ["commune", "logements", "variation"],
            key="parc_evolution_table",
        )
    show.definitions([(evolution, ["variation"])])

# --- demand against stock -----------------------------------------------------------------
st.subheader(f"La demande face au parc : où est la pression en {filters.annee}")
typologie = st.selectbox(
    "Typologie (demande et parc)",
    [None, *codes.ORDRE_GROUPES_TYPOLOGIE],
    format_func=lambda t: "Toutes les typologies" if t is None else t,
    key="parc_demande_typologie",
)
demande = data.fetch(
    "parc/demande_parc", annee=filters.annee, millesime=None, communes=filters.communes
)
if demande.empty:
    st.info(
        f"Aucun millésime RPLS chargé ne décrit le parc de fin {filters.annee} : la demande ne "
        "peut pas être rapportée au parc de cette année."
    )
else:
    rows = demande.where(typologie_groupe=typologie)
    fig = bar(
        rows.frame,
        "commune",
        "demandes_pour_100_logements",
        f"{demande.title('graphique')} ({rows.frame['typologie'].iloc[0]})",
        horizontal=True,
        text=False,
        height=140 + 48 * len(rows.frame),
    )
    fig.update_traces(
        marker_color=[settings.commune_couleurs.get(c, "#161616") for c in rows.frame["commune"]],
        texttemplate="%{x:.0f}",
        textposition="outside",
    )
    fig.update_xaxes(title_text=demande.label("demandes_pour_100_logements"), tickformat=",d")
    fig.update_yaxes(title_text=None)
    chart(fig, key="parc_pression")
    show.table(
        rows,
        [
            "commune",
            "logements",
            "demandes_actives",
            "attributions",
            "demandes_pour_100_logements",
            "attributions_pour_100_logements",
        ],
        key="parc_pression_table",
    )
    millesime_lu = int(demande.frame["millesime"].iloc[0])
    show.definitions(
        [(demande, ["logements", "demandes_actives", "demandes_pour_100_logements"])],
        f"Parc du millésime {millesime_lu}, le parc au 1er janvier {millesime_lu} : le plus "
        "récent chargé jusqu'au 1er janvier "
        f"{filters.annee + 1}. Le nombre de demandes par attribution (pression) est sur la page "
        "« Délais et pression ».",
    )
