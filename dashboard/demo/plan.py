"""Commissions de coordination (26 since 2019, about half of the cases ending in a lease, as the
PPGDID reports) and the PPGDID 2026-2032 action list (axes and actions from the plan's text;
the statuses are fictitious)."""

from __future__ import annotations

import numpy as np
import pandas as pd

COMMISSIONS_PER_YEAR = {2019: 3, 2020: 3, 2021: 4, 2022: 4, 2023: 4, 2024: 4, 2025: 4}
ISSUES_SETTLED = (["bail_signe", "proposition", "refus", "sans_suite"], [0.52, 0.12, 0.14, 0.22])
ISSUES_RECENT = (
    ["bail_signe", "proposition", "refus", "sans_suite", "en_cours"],
    [0.30, 0.20, 0.10, 0.10, 0.30],
)
COMMUNES = (["69027", "69043", "69133", "69136", "69268"], [0.45, 0.25, 0.10, 0.08, 0.12])
TYPOLOGIES = (["T1", "T2", "T3", "T4", "T5"], [0.12, 0.38, 0.30, 0.16, 0.04])


def generate_commissions(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    rows = []
    case = 0
    for year, count in COMMISSIONS_PER_YEAR.items():
        # four a year: one a quarter, as the plan wants; fewer: months drawn freely
        if count == 4:
            months = np.array([3 * q + int(rng.integers(1, 4)) for q in range(4)])
        else:
            months = np.sort(rng.choice(np.arange(1, 13), size=count, replace=False))
        for month in months:
            date = np.datetime64(f"{year}-{month:02d}-{int(rng.integers(5, 26)):02d}")
            recent = date >= np.datetime64("2025-06-01")
            issues = ISSUES_RECENT if recent else ISSUES_SETTLED
            for _ in range(round(rng.integers(3, 8) * max(scale, 1) ** 0.5)):
                case += 1
                rows.append(
                    {
                        "date_commission": date,
                        "dossier_id": f"C{case:05d}",
                        "commune_souhaitee": rng.choice(COMMUNES[0], p=COMMUNES[1]),
                        "typologie": rng.choice(TYPOLOGIES[0], p=TYPOLOGIES[1]),
                        "issue": rng.choice(issues[0], p=issues[1]),
                    }
                )
    return pd.DataFrame(rows)


AXES = {
    1: "1. Le service d'accueil et d'information des demandeurs",
    2: "2. Le dispositif de gestion partagée de la demande et d'information du demandeur",
    3: "3. La gestion des situations spécifiques",
    4: "4. La cotation de la demande",
    5: "5. La location voulue",
}

# (axe, thématique, objectif opérationnel, mise en œuvre, partenaires, statut, année)
ACTIONS = [
    (
        1,
        "Lieux d'accueil",
        "Labelliser les lieux d'accueil de niveau 1 et 2",
        "Signature des conventions « lieu d'accueil » au plus tard trois mois après l'adoption du "
        "PPGDID",
        "CCVG, communes, CCAS, bailleurs",
        "partiellement_fait",
        None,
    ),
    (
        1,
        "Guichet enregistreur",
        "Maintenir les permanences du guichet de la CCVG",
        "Permanences hebdomadaires ou bimensuelles dans les 5 communes et à la Maison du Rhône "
        "de Chaponost",
        "CCVG, Département",
        "fait",
        2026,
    ),
    (
        1,
        "Information des demandeurs",
        "Délivrer une information homogène quel que soit le lieu",
        "Ateliers mensuels d'information et d'orientation coanimés avec un travailleur social",
        "CCVG, CCAS de Chaponost, Département",
        "fait",
        2026,
    ),
    (
        1,
        "Délai de réception",
        "Recevoir tout demandeur qui le souhaite dans le mois",
        "Suivi du délai entre l'enregistrement et le premier entretien",
        "CCVG, bailleurs",
        "non_fait",
        None,
    ),
    (
        2,
        "Gestion partagée",
        "Utiliser le module de gestion partagée du SNE",
        "Saisie des événements de la demande (CALEOL, visites, refus, baux) par tous les "
        "partenaires",
        "CCVG, bailleurs, réservataires, État",
        "partiellement_fait",
        None,
    ),
    (
        2,
        "Connaissance de la demande",
        "Analyser les évolutions de la demande",
        "Observatoire de la demande et des attributions présenté chaque année à la CIL",
        "CCVG, État, bailleurs",
        "partiellement_fait",
        None,
    ),
    (
        2,
        "Caractéristiques du parc",
        "Informer sur le parc social et la satisfaction de la demande",
        "Carte du parc social et indicateurs de délai d'attente par commune et typologie",
        "CCVG, bailleurs",
        "non_fait",
        None,
    ),
    (
        3,
        "Publics prioritaires",
        "Atteindre les objectifs d'accueil de la CIA",
        "Suivi annuel des attributions aux publics prioritaires par réservataire",
        "État, réservataires, bailleurs",
        "partiellement_fait",
        None,
    ),
    (
        3,
        "Commission de coordination",
        "Examiner les situations complexes chaque trimestre",
        "Commission de coordination trimestrielle présidée par le président de la CCVG",
        "CCVG, État, communes, CCAS, bailleurs, Département, réservataires",
        "fait",
        2026,
    ),
    (
        3,
        "Mutations",
        "Faciliter les parcours résidentiels dans le parc social",
        "Travail qualitatif sur les mutations bloquées en commission de coordination",
        "Bailleurs, CCVG",
        "non_fait",
        None,
    ),
    (
        4,
        "Grille de cotation",
        "Intégrer le critère « travailleurs essentiels »",
        "Nouveau critère local coté dans les grilles primo-demandeurs et mutations",
        "CCVG, État, bailleurs",
        "fait",
        2026,
    ),
    (
        4,
        "Évaluation de la cotation",
        "Évaluer la pertinence des critères et des pondérations",
        "Bilan annuel puis à mi-parcours : objectifs de la CIA, fluidité du système",
        "CCVG, bailleurs, réservataires, communes",
        "non_fait",
        None,
    ),
    (
        4,
        "Information sur la cotation",
        "Informer le demandeur de sa cotation",
        "Critères et pondérations, positionnement, délai d'attente de référence",
        "CCVG, guichets enregistreurs",
        "partiellement_fait",
        None,
    ),
    (
        5,
        "Location voulue",
        "Poursuivre la démarche de location voulue",
        "Publication d'offres de logements sur lesquelles les demandeurs se positionnent",
        "Bailleurs, CCVG",
        "non_fait",
        None,
    ),
]


def generate_actions() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "axe": AXES[axe],
                "thematique": theme,
                "objectif": objective,
                "mise_en_oeuvre": how,
                "partenaires": partners,
                "statut": status,
                "annee_realisation": year,
            }
            for axe, theme, objective, how, partners, status, year in ACTIONS
        ]
    ).astype({"annee_realisation": "Int64"})
