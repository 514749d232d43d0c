"""Positionner une demande : the score of a profile picked on screen, its detail, its place among
comparable active demands and the reference waiting time, as the plan says a demander must be
told. Nothing typed here is stored: the widgets live in the session only.

The score is the grid's arithmetic (nothing secret). The place among comparable demands and
the waiting time are figures about households: members read them exact (the rank of the
score itself); the public reads only the publication (the distribution of comparable demands
by band of 20 points, the waiting time of the year), never a query on what it typed."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.codes import ORDRE_GROUPES_TYPOLOGIE
from dashboard.figures.charts import PUBLIC_COLOURS
from dashboard.figures.cotation import tranche_bars
from dashboard.grilles import ANCIENNETES, CATEGORIES, SENIORITY, depot_pour_anciennete, versions
from dashboard.reshape import long_counts
from dashboard.ui import data, show
from dashboard.ui.filters import current_filters
from dashboard.ui.layout import chart, header
from dashboard.ui.period import Period

settings = data.settings()
filters = current_filters(settings)
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
                if st.checkbox(f"{c.libelle} ({c.points} points)", key=f"sim_{c.code}"):
                    chosen.append(c.code)

jour = dt.date(annee, 12, 31)
profile = {
    "grille": grille,
    "public": public,
    "criteres": chosen,
    "date_depot": depot_pour_anciennete(anciennete, jour),
    "jour": jour,
}
note = data.fetch("cotation/note", **profile)
detail = data.fetch("cotation/profil", **profile)
total = note.row()
where = f"{typologie} à {settings.commune_nom(commune)}"

with right:
    st.subheader("Sa note")
    show.cards([show.figure(note, "total"), show.figure(note, "demande_prioritaire")], per_row=2)
    if detail.empty:
        st.info("Aucun critère : la note est de 0 point.")
    else:
        # A receipt of the points, not a statistic: plain lines that wrap on a projector.
        st.markdown(
            "\n".join(
                f"- **{detail.text(r, 'points')}** — {r['libelle']}"
                + ("" if r["dans_grille"] else " (absent de cette grille)")
                for _, r in detail.frame.iterrows()
            )
        )
    show.definitions([(note, ["total", "demande_prioritaire"])])

    st.subheader("Sa place parmi les demandes comparables")
    position = data.fetch(
        "simulateur/position",
        optional=True,  # members: the exact rank of this score; the public: the bands below
        grille=grille,
        annee=annee,
        public=public,
        typologie_groupe=typologie,
        commune=commune,
        score=int(total["total"]),
    )
    tranches = data.fetch("cotation/tranches", grille=grille, annee=annee, communes=[commune])
    group = tranches.where(public=public, typologie_groupe=typologie)
    counts = group.row()
    band = f"tranche_{int(total['tranche_ordre'])}"
    if counts["comparables"] == 0:
        st.info(f"Aucune demande active comparable ({where}) au 31/12/{annee}.")
    elif group.hidden(counts, "comparables"):
        st.info(
            f"Trop peu de demandes actives comparables ({where}) au 31/12/{annee} pour situer "
            f"la note sans exposer ces ménages ({tranches.words(counts, 'comparables')})."
        )
    elif position is not None:
        exact = position.row()
        show.cards(
            [show.figure(position, "part_inferieure"), show.figure(position, "mediane")],
            per_row=2,
        )
        st.markdown(
            f"Cette demande serait **mieux placée que {position.text(exact, 'part_inferieure')} "
            f"des demandes comparables** : {position.text(exact, 'comparables')} demandes "
            f"actives ({where}) au 31/12/{annee}, dont {position.text(exact, 'part_egale')} à "
            "égalité de note."
        )
    else:
        st.markdown(
            f"Cette note ({note.text(total, 'total')}) est dans la tranche **"
            f"{total['tranche']}** points. Parmi les {tranches.text(counts, 'comparables')} "
            f"demandes actives comparables ({where}) au 31/12/{annee}, "
            f"{tranches.words(counts, band)} ont une note de cette tranche."
        )
    chart(
        tranche_bars(
            long_counts(group, "public", [f"tranche_{k}" for k in range(6)]),
            f"{tranches.title('distribution')} : {where}",
            PUBLIC_COLOURS[str(counts["public_libelle"])],
            y_title=tranches.label("comparables"),
        ),
        key="sim_tranches",
    )
    show.definitions(
        [(tranches, ["comparables"])] + ([(position, ["part_inferieure"])] if position else []),
        "La note ne décide pas seule : les commissions d'attribution restent souveraines.",
    )

    st.subheader("Le délai d'attente de référence")
    # Members: the last three years, for enough households; the public: the published year.
    delais = data.fetch(
        "delais/delais", optional=True, annee_debut=annee - 2, annee_fin=annee, communes=[commune]
    ) or data.fetch("delais/delais", annee_debut=annee, annee_fin=annee, communes=[commune])
    delai = delais.row(axe="typologie", code=typologie)
    period = Period(delais.params["annee_debut"], delais.params["annee_fin"]).libelle
    if delai["n"] == 0 or delais.hidden(delai, "n"):
        how_many = "aucune" if delai["n"] == 0 else delais.words(delai, "n")
        st.info(
            f"Trop peu d'attributions de {where} {period} pour donner un délai de référence "
            f"— nombre d'attributions : {how_many}."
        )
    else:
        show.cards([show.figure(delais, "mediane", {"axe": "typologie", "code": typologie})])
        st.markdown(
            f"Calculé sur les **{delais.text(delai, 'n')}** ménages logés de {period} dans un "
            f"logement {where} ; la moitié d'entre eux a attendu entre "
            f"{delais.text(delai, 'q1')} et {delais.text(delai, 'q3')}."
        )
    show.definitions([(delais, ["mediane"])])

    if settings.effets_refus:
        st.subheader("Les effets d'un refus")
        st.markdown(settings.effets_refus)
