"""Positionner une demande : the score of a profile picked on screen, its detail, its position
among comparable active demands and the reference waiting time. What the plan says a demander
must be told. Nothing typed here is stored: the widgets live in the session only."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.codes import ORDRE_GROUPES_TYPOLOGIE
from dashboard.formatting import fmt_int, fmt_months, fmt_num, fmt_pct
from dashboard.grilles import ANCIENNETES, CATEGORIES, SENIORITY, depot_pour_anciennete, versions
from dashboard.masking import FLAG, mask
from dashboard.ui import access, data
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import definition, header

settings = data.settings()
filters = current_filters(settings)
threshold = access.threshold(settings)
annee = filters.annee
header(
    "Positionner une demande",
    None,
    settings,
    "Pour expliquer la cotation à un demandeur ou en réunion : choisissez un profil, voyez sa "
    "note, le détail de ses points, sa place parmi les demandes comparables et le délai "
    f"d'attente de référence. Comparaison avec la file active au 31/12/{annee}. **Rien de ce "
    "qui est choisi ici n'est enregistré.**",
)

loaded = versions(settings.grilles)
grille = settings.grille_cotation
left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader("Le profil")
    if len(loaded) > 1:
        grille = st.selectbox("Grille de cotation", loaded, index=loaded.index(grille))
    public = st.radio(
        "Situation du ménage",
        ["primo", "mutation"],
        format_func={
            "primo": "Primo-demandeur (pas locataire HLM)",
            "mutation": "Mutation (déjà locataire HLM)",
        }.__getitem__,
        horizontal=True,
        key="sim_public",
    )
    typologie = st.selectbox("Typologie souhaitée", ORDRE_GROUPES_TYPOLOGIE, key="sim_typo")
    commune = st.selectbox(
        "Commune souhaitée en premier",
        settings.insee_codes,
        format_func=settings.commune_nom,
        key="sim_commune",
    )
    anciennete = st.radio(
        "Ancienneté de la demande",
        ANCIENNETES,
        format_func={
            "moins_1_an": "Moins d'un an",
            "1_3_ans": "De 1 à 3 ans",
            "plus_3_ans": "Plus de 3 ans",
        }.__getitem__,
        horizontal=True,
        key="sim_anciennete",
    )

grid = [
    c
    for c in settings.grilles
    if c.version == grille and c.public == public and c.code not in SENIORITY
]
chosen: list[str] = []
with left:
    st.markdown("**Critères du ménage**")
    for categorie in dict.fromkeys(c.categorie for c in grid):
        with st.expander(CATEGORIES[categorie], expanded=True):
            for c in (c for c in grid if c.categorie == categorie):
                label = f"{c.libelle} ({c.points} points)"
                if st.checkbox(label, key=f"sim_{c.code}"):
                    chosen.append(c.code)

jour = dt.date(annee, 12, 31)
detail = data.query(
    "cotation/profil",
    grille=grille,
    public=public,
    criteres=chosen,
    date_depot=depot_pour_anciennete(anciennete, jour),
    jour=jour,
)
rows = detail.to_dict("records")
score = int(rows[0]["total"]) if rows else 0
prioritaire = bool(rows[0]["profil_prioritaire"]) if rows else False

with right:
    st.subheader("Sa note")
    a, b = st.columns(2)
    a.metric("Note de cotation", f"{fmt_int(score)} point{'s' if score > 1 else ''}", border=True)
    b.metric(
        "Demande prioritaire",
        "oui" if prioritaire else "non",
        border=True,
        help="Au sens de l'article L441-1 du CCH (ou DALO), sous réserve de vérification de la "
        "situation lors de l'instruction de la demande.",
    )
    if rows:
        # A receipt of the points, not a statistic: plain lines that wrap on a projector.
        st.markdown(
            "\n".join(
                f"- **{fmt_int(r['points'])}** — {r['libelle']}"
                + ("" if r["dans_grille"] else " (absent de cette grille)")
                for r in rows
            )
        )
    else:
        st.info("Aucun critère : la note est de 0 point.")
    definition(
        f"note dans la grille {grille} ({'mutation' if public == 'mutation' else 'primo'}) : "
        "la somme des points des critères retenus ; l'ancienneté compte 10 points de 1 à 3 ans, "
        "25 points au-delà de 3 ans. Le caractère prioritaire vient des critères de l'article "
        "L441-1 du CCH ; il est vérifié lors de l'instruction."
    )

    st.subheader("Sa place parmi les demandes comparables")
    position = data.query(
        "simulateur/position",
        grille=grille,
        annee=annee,
        public=public,
        typologie_groupe=typologie,
        commune=commune,
        score=score,
    )
    position = mask(
        position,
        counts=["comparables"],
        shares={
            "part_inferieure": ["comparables"],
            "part_egale": ["comparables"],
            "mediane": ["comparables"],
        },
        threshold=threshold,
    ).iloc[0]
    where = f"{typologie} à {settings.commune_nom(commune)}"
    who = "primo-demandeurs" if public == "primo" else "demandes de mutation"
    if position["comparables"] == 0:
        st.info(f"Aucune demande active comparable ({who}, {where}) au 31/12/{annee}.")
    elif position[FLAG + "comparables"]:
        st.info(
            f"Moins de {threshold} demandes actives comparables ({who}, {where}) au "
            f"31/12/{annee} : trop peu pour situer la note sans exposer ces ménages."
        )
    else:
        a, b = st.columns(2)
        a.metric(
            "Mieux placée que",
            fmt_pct(position["part_inferieure"], 0),
            border=True,
            help="Part des demandes comparables dont la note est plus basse.",
        )
        b.metric("Note médiane des comparables", fmt_num(position["mediane"], 0), border=True)
        st.markdown(
            f"Cette demande serait **mieux placée que "
            f"{fmt_pct(position['part_inferieure'], 0)} des demandes comparables** : "
            f"{fmt_int(position['comparables'])} demandes actives ({who}, {where}) au "
            f"31/12/{annee}, dont {fmt_pct(position['part_egale'], 0)} à égalité de note."
        )
    definition(
        "demandes comparables : demandes actives du même public, de la même typologie souhaitée "
        "et de la même commune souhaitée en premier, notées dans la même grille. La note ne "
        "décide pas seule : les commissions d'attribution restent souveraines."
    )

    st.subheader("Le délai d'attente de référence")
    delai = mask(
        data.query(
            "simulateur/delai_reference",
            annee=annee,
            typologie_groupe=typologie,
            commune=commune,
        ),
        counts=["n"],
        shares={"delai_median": ["n"], "delai_q1": ["n"], "delai_q3": ["n"]},
        threshold=threshold,
    ).iloc[0]
    period = f"{int(delai['annee_debut'])}-{int(delai['annee_fin'])}"
    if delai["n"] == 0 or delai[FLAG + "n"]:
        st.info(
            f"Trop peu d'attributions de {typologie} à {settings.commune_nom(commune)} en "
            f"{period}{access.secrecy_note(threshold, f' (moins de {threshold})')} pour "
            "donner un délai de référence."
        )
    else:
        st.metric(
            f"Délai médian, {typologie} à {settings.commune_nom(commune)}",
            fmt_months(delai["delai_median"]),
            border=True,
        )
        st.markdown(
            f"Calculé sur les **{fmt_int(delai['n'])}** attributions de {period} ; la moitié "
            f"des ménages a attendu entre {fmt_months(delai['delai_q1'])} et "
            f"{fmt_months(delai['delai_q3'])}."
        )
    definition(
        "délai en mois révolus entre le dépôt de la demande et la décision d'attribution, pour "
        "les logements de cette typologie dans cette commune attribués pendant les trois "
        "dernières années, tous publics confondus."
    )
