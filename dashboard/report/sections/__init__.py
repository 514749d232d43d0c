"""The sections of the annual report: one module per domain (the page, its queries and its
tests carry the same name), in the order of ORDER. Each section reads the catalogue's figures
as handed out (the publication, masked as a whole) and writes one or two factual sentences
from them."""

from __future__ import annotations

from dashboard.report.sections import (  # noqa: F401 - importing a module registers it
    accueil,
    attributions,
    commissions,
    cotation,
    delais,
    enregistrements,
    evaluation,
    mutations,
    parc,
    plan,
    prioritaires,
    profil,
    sources,
)
from dashboard.report.sections.registry import SECTIONS, section

ORDER = (
    "accueil",
    "enregistrements",
    "profil",
    "mutations",
    "delais",
    "attributions",
    "prioritaires",
    "commissions",
    "cotation",
    "parc",
    "evaluation",
    "plan",
    "sources",
)
SECTIONS.sort(key=lambda builder: ORDER.index(builder.__module__.rsplit(".", 1)[1]))

__all__ = ["ORDER", "SECTIONS", "section"]
