"""The period a page shows: the year of the filter bar, or every year since the first one
followed, added up. Small territories have few attributions or cases per year, and many cells
of a year are hidden by statistical secrecy; the cumulative view keeps them readable."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.settings import Settings
from dashboard.ui import access
from dashboard.ui.filters import Filters

YEAR = "annee"
CUMUL = "cumul"


@dataclass(frozen=True)
class Period:
    debut: int
    fin: int

    @property
    def cumul(self) -> bool:
        return self.debut != self.fin

    @property
    def params(self) -> dict[str, int]:
        """The bound parameters of the queries that take a period."""
        return {"annee_debut": self.debut, "annee_fin": self.fin}

    @property
    def libelle(self) -> str:
        """« en 2025 » or « de 2019 à 2025 (cumul) », to follow a title."""
        return f"de {self.debut} à {self.fin} (cumul)" if self.cumul else f"en {self.fin}"

    @property
    def court(self) -> str:
        """« 2025 » or « 2019-2025 », for a table header or a chart title."""
        return f"{self.debut}-{self.fin}" if self.cumul else str(self.fin)


def cumulative(filters: Filters, settings: Settings) -> Period:
    return Period(min(settings.premiere_annee, filters.annee), filters.annee)


def period_choice(filters: Filters, settings: Settings, key: str, default: str = YEAR) -> Period:
    """A radio under the page title: the chosen year alone, or all years up to it added up.
    The public sees single years only (the publication holds no cumulative period: a sum of
    years minus another would give hidden cells back), so it gets no choice."""
    whole = cumulative(filters, settings)
    if not whole.cumul or not access.is_member(settings):
        return Period(filters.annee, filters.annee)
    labels = {
        YEAR: f"Année {filters.annee}",
        CUMUL: f"Années {whole.debut} à {whole.fin} cumulées",
    }
    choice = st.radio(
        "Période",
        list(labels),
        index=list(labels).index(default),
        format_func=labels.__getitem__,
        horizontal=True,
        key=key,
        help="Sur un petit territoire, les effectifs d'une seule année sont souvent inférieurs "
        "au seuil du secret statistique : le cumul des années les rend lisibles.",
    )
    return whole if choice == CUMUL else Period(filters.annee, filters.annee)
