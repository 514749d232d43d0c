"""Guichets d'enregistrement: where a demand is registered, with addresses, hours and the
guichet's permanences, as the PPGDID's information table lists them for the public. Read from
the settings (data/territoire.toml, [[guichets]] and [accueil]): no query, no household."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui import data
from dashboard.ui.layout import header

settings = data.settings()
header(
    "Guichets d'enregistrement de la demande",
    None,
    settings,
    f"Où déposer ou renouveler une demande de logement social sur le territoire de la "
    f"{settings.epci_nom_court}, et quand y être reçu. Chaque guichet enregistre la demande "
    "dans le système national : une seule demande suffit pour toutes les communes souhaitées.",
)

if settings.delai_reception:
    st.info(
        f"Tout demandeur qui le souhaite est reçu dans un délai de **{settings.delai_reception}** "
        "après l'enregistrement de sa demande (article L441-2-8 du code de la construction et de "
        "l'habitation).",
        icon=":material/schedule:",
    )

for guichet in settings.guichets:
    if guichet.par_defaut:  # « Autres guichets »: a bucket for unknown codes, not a place
        continue
    with st.container(border=True):
        st.subheader(guichet.nom)
        if guichet.en_ligne:
            st.markdown(f"**En ligne** : [{guichet.adresse}]({guichet.adresse})")
        elif guichet.adresse:
            st.markdown(f"**Adresse** : {guichet.adresse}")
        if guichet.horaires:
            st.markdown(f"**Horaires** : {guichet.horaires}")
        if guichet.permanences:
            st.markdown("**Permanences**")
            st.dataframe(
                pd.DataFrame(
                    {
                        "Lieu": [p.lieu for p in guichet.permanences],
                        "Créneau": [p.creneau for p in guichet.permanences],
                    }
                ),
                hide_index=True,
                width="stretch",
            )

st.caption(
    "Source : plan partenarial de gestion de la demande et d'information des demandeurs "
    f"({settings.plan}). Les coordonnées des guichets figurent aussi sur le portail national "
    "de la demande de logement social."
)
