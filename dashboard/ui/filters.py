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


def year_from_url(value: str | None, years: list[int]) -> int:
    """The year of the URL if it is one of the available years, else the latest."""
    text = (value or "").strip()
    if len(text) <= 4 and text.isdigit() and int(text) in years:
        return int(text)
    return years[-1]


def communes_from_url(value: str | None, settings: Settings) -> list[str]:
    """The communes of the URL: known codes only, each at most once, in the settings' order
    (so that `a,b` and `b,a` are the same view, computed and cached once), hence never more
    than the territory's communes."""
    if not value:
        return []
    asked = {code.strip() for code in value.split(",")}
    return [code for code in settings.insee_codes if code in asked]


def _from_url(years: list[int], settings: Settings) -> None:
    """Initialises the widgets' state from the URL, once per session."""
    if KEY_YEAR in st.session_state:
        return
    params = st.query_params
    st.session_state[KEY_YEAR] = year_from_url(params.get("annee"), years)
    st.session_state[KEY_COMMUNES] = communes_from_url(params.get("communes"), settings)


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
    picked = set(st.session_state.get(KEY_COMMUNES, []))
    chosen = [c for c in settings.insee_codes if c in picked]  # known, once, settings' order
    filters = Filters(year, chosen or settings.insee_codes, not chosen)
    if sync_url:
        st.query_params["annee"] = str(year)
        if chosen:
            st.query_params["communes"] = ",".join(chosen)
        elif "communes" in st.query_params:
            del st.query_params["communes"]
    return filters
