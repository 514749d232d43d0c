"""The global filter bar (year, communes), kept in the URL so a view can be shared by link."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.settings import Settings

KEY_YEAR = "filtre_annee"
KEY_COMMUNES = "filtre_communes"


@dataclass(frozen=True)
class Filters:
    annee: int
    communes: list[str]  # INSEE codes; all the territory's when none is chosen
    toutes_communes: bool

    def libelle(self, settings: Settings) -> str:
        """The filters in words, for captions and exports."""
        where = (
            f"toutes les communes de la {settings.epci_nom_court}"
            if self.toutes_communes
            else ", ".join(settings.commune_nom(c) for c in self.communes)
        )
        return f"Année {self.annee} · {where}"


def _from_url(years: list[int], settings: Settings) -> None:
    """Initialises the widgets' state from the URL, once per session."""
    if KEY_YEAR in st.session_state:
        return
    params = st.query_params
    try:
        year = int(params.get("annee", years[-1]))
    except ValueError:
        year = years[-1]
    st.session_state[KEY_YEAR] = year if year in years else years[-1]
    wanted = [c for c in params.get("communes", "").split(",") if c in settings.insee_codes]
    st.session_state[KEY_COMMUNES] = wanted


WHOLE_TERRITORY = ""  # the public's « whole territory » choice
COMMUNES_HELP = (
    "Commune souhaitée en premier choix (demandes) ou commune du logement (attributions, parc)"
)


def filter_bar(years: list[int], settings: Settings, public: bool = False) -> Filters:
    """Year and communes. Members combine communes freely; the public sees the territory or
    one commune at a time, the views the publication holds (dashboard/publication.py)."""
    _from_url(years, settings)
    if st.session_state[KEY_YEAR] not in years:
        st.session_state[KEY_YEAR] = years[-1]
    names = {c.insee: c.nom for c in settings.communes}
    with st.sidebar:
        st.selectbox("Année", years, key=KEY_YEAR, help="Année des indicateurs affichés")
        if public:
            chosen = st.session_state.get(KEY_COMMUNES) or []
            if len(chosen) > 1:  # a members' selection (a shared link): the whole territory
                st.session_state[KEY_COMMUNES] = chosen = []
            st.session_state[KEY_COMMUNE] = chosen[0] if chosen else WHOLE_TERRITORY
            st.selectbox(
                "Commune",
                options=[WHOLE_TERRITORY, *settings.insee_codes],
                format_func=lambda c: names[c] if c else f"Toute la {settings.epci_nom_court}",
                key=KEY_COMMUNE,
                on_change=_one_commune,
                help=COMMUNES_HELP,
            )
        else:
            st.multiselect(
                "Communes",
                options=settings.insee_codes,
                format_func=names.__getitem__,
                key=KEY_COMMUNES,
                placeholder="Toutes les communes",
                help=COMMUNES_HELP,
            )
    return current_filters(settings, sync_url=True)


KEY_COMMUNE = "filtre_commune"


def _one_commune() -> None:
    commune = st.session_state[KEY_COMMUNE]
    st.session_state[KEY_COMMUNES] = [commune] if commune else []


def current_filters(settings: Settings, sync_url: bool = False) -> Filters:
    year = int(st.session_state[KEY_YEAR])
    chosen = [c for c in st.session_state.get(KEY_COMMUNES, []) if c in settings.insee_codes]
    filters = Filters(year, chosen or settings.insee_codes, not chosen)
    if sync_url:
        st.query_params["annee"] = str(year)
        if chosen:
            st.query_params["communes"] = ",".join(chosen)
        elif "communes" in st.query_params:
            del st.query_params["communes"]
    return filters
