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
    # Shown without sign-in (masked figures, no export): the information the PPGDID gives the
    # public and the demanders. Every other page is for signed-in members of the CIL.
    public: bool = False

    @property
    def path(self) -> Path:
        return VIEWS_DIR / self.file


PAGES: list[PageSpec] = [
    PageSpec(
        "accueil.py",
        "Accueil",
        ":material/home:",
        "Vue d'ensemble",
        "accueil",
        default=True,
        public=True,
    ),
    PageSpec(
        "guichets.py",
        "Guichets d'enregistrement",
        ":material/storefront:",
        "Vue d'ensemble",
        "guichets",
        public=True,
    ),
    PageSpec(
        "enregistrements.py",
        "Enregistrements",
        ":material/edit_document:",
        "La demande",
        "enregistrements",
    ),
    PageSpec("profil.py", "Profil de la demande", ":material/groups_2:", "La demande", "profil"),
    PageSpec("mutations.py", "Mutations", ":material/swap_horiz:", "La demande", "mutations"),
    PageSpec(
        "delais.py",
        "Délais et pression",
        ":material/hourglass_top:",
        "La demande",
        "delais",
        public=True,
    ),
    PageSpec(
        "attributions.py",
        "Attributions",
        ":material/key:",
        "Attributions",
        "attributions",
        public=True,
    ),
    PageSpec(
        "prioritaires.py",
        "Publics prioritaires",
        ":material/priority_high:",
        "Attributions",
        "prioritaires",
    ),
    PageSpec(
        "commissions.py",
        "Commissions de coordination",
        ":material/groups:",
        "Attributions",
        "commissions",
    ),
    PageSpec(
        "cotation.py", "Cotation", ":material/leaderboard:", "Cotation", "cotation", public=True
    ),
    PageSpec(
        "simulateur.py",
        "Positionner une demande",
        ":material/calculate:",
        "Cotation",
        "simulateur",
        public=True,
    ),
    PageSpec("parc.py", "Parc social", ":material/apartment:", "Parc social", "parc", public=True),
    PageSpec("bilan.py", "Bilan annuel", ":material/description:", "Pilotage du plan", "bilan"),
    PageSpec(
        "evaluation.py",
        "Évaluation à mi-parcours",
        ":material/timeline:",
        "Pilotage du plan",
        "evaluation",
    ),
    PageSpec("plan.py", "Plan d'actions", ":material/checklist:", "Pilotage du plan", "plan"),
    PageSpec("sources.py", "Sources et imports", ":material/database:", "Données", "sources"),
    PageSpec(
        "importer.py", "Importer des extraits", ":material/upload_file:", "Données", "importer"
    ),
]
