"""The dashboard's pages, in menu order. Each page is one file in this folder; its queries are
in queries/<page>/ and its tests in tests/ under the same name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

VIEWS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PageSpec:
    file: str
    title: str
    icon: str
    section: str
    url_path: str
    default: bool = False

    @property
    def path(self) -> Path:
        return VIEWS_DIR / self.file


PAGES: list[PageSpec] = [
    PageSpec("accueil.py", "Accueil", ":material/home:", "Vue d'ensemble", "accueil", default=True),
    PageSpec("cotation.py", "Cotation", ":material/leaderboard:", "Cotation", "cotation"),
    PageSpec(
        "simulateur.py", "Positionner une demande", ":material/calculate:", "Cotation", "simulateur"
    ),
    PageSpec("sources.py", "Sources et imports", ":material/database:", "Données", "sources"),
]
