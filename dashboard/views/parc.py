"""Parc social : where the social stock is (map of residences), what it is made of, how it
changes between RPLS millésimes, and how it compares with the demand per commune."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from dashboard import codes
from dashboard.figures import carte
from dashboard.figures.charts import bar, line
from dashboard.formatting import fmt_int, fmt_num, fmt_pct
from dashboard.masking import mask
from dashboard.ui import access, data, presentation
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, definition, header, table
from dashboard.ui.map_exports import map_downloads

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
header(
    "Parc social : où sont les logements, lesquels, et face à quelle demande",
    filters,
    settings,
)

millesimes = data.query("parc/millesimes")
if millesimes.empty:
    st.info(
        "Aucun fichier RPLS (parc locatif social) n'est encore importé. Téléchargez le fichier "
        "« Données détaillées au logement » du RPLS sur le site du SDES, puis importez-le : "
        "`cil import logements rpls_2025.csv`."
    )
    st.stop()

# --- page filters ------------------------------------------------------------------------
periodes = data.query("parc/periodes")["periode"].tolist()
cols = st.columns([1, 2, 2, 2])
millesime = cols[0].selectbox(
    "Millésime RPLS",
    millesimes["millesime"].astype(int).tolist(),
    key="parc_millesime",
    help="Le RPLS décrit le parc au 1er janvier de son millésime.",
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
params = {
    "millesime": millesime,
    "communes": filters.communes,
    "financements": financements,
    "typologies": typologies,
    "periodes": periodes_choisies,
}
ensemble = (
    f"Ensemble {settings.epci_nom_court}" if filters.toutes_communes else "Ensemble sélection"
)
communes = data.query("parc/communes", **params)
communes["commune"] = communes["commune"].replace({"Ensemble": ensemble})
total = communes[communes["insee"].isna()].to_dict("records")[0]
par_commune = communes[communes["insee"].notna()]

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
    format_func=lambda k: {
        "financement": "Financement",
        "periode": "Période de construction",
        "dpe": "Classe énergie (DPE)",
        "qpv": "QPV",
    }[k],
    horizontal=True,
    key="parc_couche",
)
couche = carte.COUCHES[couche_nom]
residences = data.query("parc/residences", **params)

left, right = st.columns([3, 1])
with left:
    absents = carte.fichiers_carte_absents()
    if absents:
        st.warning(
            "Les fichiers de la carte (Leaflet) ne sont pas installés sur ce serveur : lancez "
            "« make install », qui les prend dans le registre npm.",
            icon=":material/map:",
        )
    else:
        shown = residences if len(residences) <= carte.MAX_MARQUEURS else None
        if shown is None:
            st.info(
                f"{fmt_int(len(residences))} résidences correspondent à la sélection : trop "
                f"pour les placer toutes sur la carte (au-delà de "
                f"{fmt_int(carte.MAX_MARQUEURS)}), qui ne montre que les communes. Choisissez "
                "une commune, un financement, une typologie ou une période pour voir les "
                "résidences.",
                icon=":material/info:",
            )
        fig = carte.carte_parc(
            carte.contours(settings.contours_file),
            par_commune,
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
        map_downloads(
            carte.contours(settings.contours_file),
            residences,
            dict(zip(par_commune["insee"], par_commune["commune"], strict=True)),
            millesime,
            filters.libelle(settings),
        )
    sans_position = int(total["logements"] - total["geolocalises"])
    definition(
        "une résidence regroupe les logements sociaux d'une même adresse (ou, sans adresse, "
        "placés à moins de 10 m les uns des autres) ; la taille du rond suit le nombre de "
        "logements, un chiffre sur fond sombre compte les logements de résidences proches "
        "regroupées (zoomez pour les séparer) ; cliquez sur un rond pour le détail. La couleur "
        "d'une résidence est celle de la majorité de ses logements. "
        + (
            f"{fmt_int(sans_position)} logements sans coordonnées dans le fichier RPLS sont "
            "comptés dans les chiffres mais absents de la carte."
            if sans_position
            else ""
        )
    )
with right:
    st.metric(
        "Logements sociaux",
        fmt_int(total["logements"]),
        border=True,
        help=f"Parc du fichier RPLS au 1er janvier {millesime}, avec les filtres de la page.",
    )
    st.metric("Résidences", fmt_int(total["residences"]), border=True)
    st.metric("Logements pour 1 000 habitants", fmt_num(total["logements_pour_1000"]), border=True)
    st.metric("Part en quartier prioritaire (QPV)", fmt_pct(total["part_qpv"]), border=True)
    st.metric(
        "Part en classe énergie F ou G",
        fmt_pct(total["part_dpe_f_g"]),
        border=True,
        help="Parmi les logements qui ont un diagnostic de performance énergétique (DPE).",
    )
    st.metric(
        "Année de construction médiane",
        "—"
        if total["construct_median"] != total["construct_median"]
        else f"{int(total['construct_median'])}",
        border=True,
    )

# --- stock per commune --------------------------------------------------------------------
st.subheader("Le parc par commune")
table(
    communes.drop(columns=["insee"]),
    {
        "logements": "int",
        "part_epci": "pct",
        "population": "int",
        "logements_pour_1000": "num",
        "residences": "int",
        "geolocalises": "int",
        "construct_median": "year",
        "logements_qpv": "int",
        "part_qpv": "pct",
        "dpe_connu": "int",
        "dpe_f_g": "int",
        "part_dpe_f_g": "pct",
        "part_dpe_inconnu": "pct",
    },
    threshold,
    {
        "commune": "Commune",
        "logements": "Logements sociaux",
        "part_epci": f"Part du parc {settings.epci_nom_court}",
        "population": "Population",
        "logements_pour_1000": "Pour 1 000 habitants",
        "residences": "Résidences",
        "geolocalises": "Sur la carte",
        "construct_median": "Construction (médiane)",
        "logements_qpv": "En QPV",
        "part_qpv": "Part en QPV",
        "dpe_connu": "Avec DPE",
        "dpe_f_g": "DPE F ou G",
        "part_dpe_f_g": "Part F ou G",
        "part_dpe_inconnu": "Part sans DPE",
    },
    key="parc_communes",
)
definition(
    f"logements sociaux du fichier RPLS au 1er janvier {millesime} (parc des bailleurs "
    "sociaux, hors logements non conventionnés des SEM), avec les filtres de la page ; la part "
    f"du parc {settings.epci_nom_court} est calculée sur toutes ses communes ; la population "
    "est la population municipale des paramètres ; la part F ou G est calculée sur les "
    "logements ayant une classe énergie."
)

repartitions = data.query("parc/repartitions", **params)
repartitions["commune"] = repartitions["commune"].replace({"Ensemble": ensemble})


def mix_chart(dimension: str, title: str, colors: dict[str, str], key: str) -> None:
    frame = repartitions[repartitions["dimension"] == dimension]
    if frame.empty:
        st.info("Aucun logement ne correspond aux filtres.")
        return
    fig = bar(
        frame,
        "commune",
        "part",
        title,
        color="modalite",
        colors=colors,
        horizontal=True,
        percent=True,
        text=False,
        height=175 + 48 * frame["commune"].nunique(),
    )
    order = frame.sort_values("commune_ordre")["commune"].unique().tolist()
    fig.update_yaxes(
        categoryorder="array", categoryarray=order, autorange="reversed", title_text=None
    )
    fig.update_xaxes(title_text="Part des logements")
    chart(fig, key=key)


mix = st.columns(2)
with mix[0]:
    mix_chart(
        "typologie",
        "Typologie des logements",
        {},
        "parc_typologies_chart",
    )
with mix[1]:
    mix_chart(
        "financement",
        "Financement d'origine",
        carte.COULEURS_FINANCEMENT,
        "parc_financements_chart",
    )
mix = st.columns(2)
with mix[0]:
    mix_chart(
        "dpe",
        "Classe énergie (DPE)",
        {**carte.COULEURS_DPE, "Non renseigné": carte.GRIS},
        "parc_dpe_chart",
    )
with mix[1]:
    mix_chart(
        "periode",
        "Période de construction",
        {**carte.COULEURS_PERIODE, "Non renseignée": carte.GRIS},
        "parc_periodes_chart",
    )
definition(
    "répartition des logements de chaque commune : typologie selon le nombre de pièces (T1 = "
    "une pièce principale) ; financement d'origine regroupé comme le fait le SDES (PLAI : très "
    "social ; PLUS : social, y compris le parc HLM ancien ; PLS et PLI : intermédiaire) ; "
    "classe énergie du DPE ; période de construction bornée par les réglementations "
    "thermiques (1974, 2000, 2012)."
)

# --- evolution between millésimes ---------------------------------------------------------
if len(millesimes) >= 2:
    st.subheader("Évolution du parc entre les millésimes RPLS")
    evolution = data.query(
        "parc/evolution",
        communes=filters.communes,
        financements=financements,
        typologies=typologies,
        periodes=periodes_choisies,
    )
    evolution["commune"] = evolution["commune"].replace({"Ensemble": ensemble})
    cols = st.columns([3, 2])
    with cols[0]:
        fig = line(
            evolution,
            "millesime",
            "logements",
            "Logements sociaux au 1er janvier, par commune",
            color="commune",
            colors={**settings.commune_couleurs, ensemble: "#161616"},
            x_title="Millésime RPLS (parc au 1er janvier)",
            y_title="Logements",
        )
        chart(fig, key="parc_evolution")
    with cols[1]:
        last = evolution[evolution["millesime"] == evolution["millesime"].max()]
        table(
            last[["commune", "logements", "variation"]],
            {"logements": "int", "variation": "int"},
            threshold,
            {
                "commune": "Commune",
                "logements": f"Logements {int(last['millesime'].max())}",
                "variation": "Évolution sur un millésime",
            },
            key="parc_evolution_table",
        )
    definition(
        "logements sociaux de chaque millésime RPLS chargé (avec les filtres de la page) ; "
        "l'évolution compare au millésime chargé précédent : mises en service, moins les "
        "ventes, démolitions et changements d'usage."
    )

# --- demand against stock -----------------------------------------------------------------
st.subheader(f"La demande face au parc : où est la pression en {filters.annee}")
pression = data.query(
    "parc/demande_parc",
    millesime=millesime,
    annee=filters.annee,
    communes=filters.communes,
    typologies=typologies,
)
pression["commune"] = pression["commune"].replace({"Ensemble": ensemble})
pression = mask(
    pression,
    counts=["demandes_actives", "attributions"],
    shares={
        "demandes_pour_100_logements": ["demandes_actives"],
        "attributions_pour_100_logements": ["attributions"],
        "pression": ["demandes_actives", "attributions"],
    },
    threshold=threshold,
)
shown = pression[pression["insee"].notna()]
fig = bar(
    shown,
    "commune",
    "demandes_pour_100_logements",
    "Demandes actives pour 100 logements sociaux",
    horizontal=True,
    text=False,
    height=140 + 48 * len(shown),
)
fig.update_traces(
    marker_color=[settings.commune_couleurs.get(c, "#000091") for c in shown["commune"]],
    texttemplate="%{x:.0f}",
    textposition="outside",
)
fig.update_xaxes(title_text="Demandes actives pour 100 logements", tickformat=",d")
fig.update_yaxes(title_text=None)
chart(fig, key="parc_pression")
table(
    pression.drop(columns=["insee"]),
    {
        "logements": "int",
        "demandes_actives": "int",
        "attributions": "int",
        "demandes_pour_100_logements": "num",
        "attributions_pour_100_logements": "num",
        "pression": "num",
    },
    threshold,
    {
        "commune": "Commune",
        "logements": "Logements",
        "demandes_actives": f"Demandes actives au 31/12/{filters.annee}",
        "attributions": f"Attributions {filters.annee}",
        "demandes_pour_100_logements": "Demandes pour 100 logements",
        "attributions_pour_100_logements": "Attributions pour 100 logements",
        "pression": "Demandes par attribution",
    },
    key="parc_pression_table",
)
definition(
    f"demandes actives au 31/12/{filters.annee} dont la commune souhaitée en premier est la "
    f"commune, et attributions de {filters.annee} pour un logement de la commune, rapportées "
    f"au parc social du millésime {millesime} ; seul le filtre de typologie s'applique ici "
    "(une demande n'a ni financement ni période de construction). Plus il y a de demandes pour "
    "100 logements, plus la commune est demandée au regard de son parc."
)
