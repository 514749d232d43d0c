"""National code lists (SNE interface NUU V2, RPLS) with their French labels.

These are the same for every EPCI, so they live in code; what varies between territories is in
data/territoire.toml. Sources: data/SCHEMAS_RPLS_SNE.md.
"""

from __future__ import annotations

TYPOLOGIES: dict[str, str] = {
    "C": "Chambre",
    "T1": "T1",
    "T2": "T2",
    "T3": "T3",
    "T4": "T4",
    "T5": "T5",
    "T6P": "T6 et plus",
}

# Allocated dwellings are described RPLS-style (T1..T8, T9P); T6 and above are folded into T6P.
TYPOLOGIES_LOGEMENT_ATTRIBUE: dict[str, str] = {
    **TYPOLOGIES,
    **{f"T{n}": "T6 et plus" for n in range(6, 9)},
    "T9P": "T6 et plus",
}

# Groups used for pressure and waiting times (issue: C and T1 together, T5 and more together).
GROUPES_TYPOLOGIE: dict[str, str] = {
    "C": "C et T1",
    "T1": "C et T1",
    "T2": "T2",
    "T3": "T3",
    "T4": "T4",
    "T5": "T5 et plus",
    "T6P": "T5 et plus",
    "T6": "T5 et plus",
    "T7": "T5 et plus",
    "T8": "T5 et plus",
    "T9P": "T5 et plus",
}
ORDRE_GROUPES_TYPOLOGIE = ["C et T1", "T2", "T3", "T4", "T5 et plus"]

LOGEMENT_ACTUEL: dict[str, str] = {
    "HLM": "Locataire HLM (parc social)",
    "LP": "Locataire du parc privé",
    "RS": "Résidence sociale, foyer",
    "RHVS": "Résidence hôtelière à vocation sociale",
    "RE": "Résidence étudiante",
    "SLHT": "Sous-locataire ou hébergé temporairement",
    "SH": "Structure d'hébergement",
    "CDEFCM": "Centre de l'enfance, foyer de jeunes travailleurs",
    "CPE": "Chez ses parents ou ses enfants",
    "CP": "Chez un particulier",
    "LTG": "Logé à titre gratuit",
    "FONC": "Logement de fonction",
    "POCC": "Propriétaire occupant",
    "CAMCAR": "Camping, caravane",
    "HOT": "Hôtel",
    "SD": "Sans abri",
    "SQUAT": "Squat",
}
LOGEMENT_ACTUEL_MUTATION = "HLM"

MOTIFS_DEMANDE: dict[str, str] = {
    "01": "Sans logement ou hébergé",
    "02": "Démolition",
    "03": "Logement indigne ou non décent",
    "04": "Logement repris ou mis en vente",
    "05": "Procédure d'expulsion",
    "06": "Violences familiales",
    "07": "Handicap",
    "08": "Raisons de santé",
    "09": "Logement trop cher",
    "10": "Logement trop grand",
    "11": "Divorce, séparation",
    "12": "Décohabitation",
    "13": "Logement trop petit",
    "14": "Futur couple",
    "15": "Regroupement familial",
    "16": "Assistant(e) maternel(le) ou familial(e)",
    "17": "Problèmes d'environnement ou de voisinage",
    "18": "Mutation professionnelle",
    "19": "Rapprochement du lieu de travail",
    "20": "Rapprochement des équipements et services",
    "21": "Rapprochement de la famille",
    "22": "Accédant à la propriété en difficulté",
    "23": "Autre motif",
}

MOTIFS_RADIATION: dict[str, str] = {
    "RADATT": "Attribution d'un logement",
    "RADABA": "Abandon de la demande",
    "RADIRR": "Irrecevabilité",
    "RADCON": "Demandeur injoignable",
    "RADREN": "Non-renouvellement",
}

CONTINGENTS: dict[str, str] = {
    "PPRIOR": "Contingent préfectoral (publics prioritaires)",
    "PFONCT": "Contingent préfectoral (agents de l'État)",
    "COLTER": "Collectivités territoriales et EPCI",
    "COLACT": "Action Logement",
    "AUTRES": "Autres réservataires",
    "AUCUN": "Hors contingent (bailleur)",
}

FINANCEMENTS: dict[str, str] = {
    "PLAI": "PLAI (très social)",
    "PLUS": "PLUS (social)",
    "PLS": "PLS (intermédiaire)",
    "PLI": "PLI (intermédiaire)",
    "autre": "Autre financement",
}

# RPLS FINAN_CODE grouped as the SDES and the usual scripts do (see SCHEMAS_RPLS_SNE.md).
FINAN_CODE_GROUPE: dict[str, str] = {
    "10": "PLAI",
    "11": "PLAI",
    "12": "PLUS",
    "13": "PLUS",
    **{str(c): "PLUS" for c in range(50, 56)},
    "14": "PLS",
    "15": "PLS",
    "17": "PLS",
    "16": "PLI",
    "49": "autre",
    "99": "autre",
}

# Why an attribution decision (CALEOL) has no lease: the short list of the contract's
# `motif_sans_bail` column (the SNE records the household's refusal and the lease signing).
MOTIFS_SANS_BAIL: dict[str, str] = {
    "refus_menage": "Refus du ménage",
    "bail_en_attente": "Bail pas encore signé",
    "autre_candidat": "Logement attribué à un autre candidat (rang suivant)",
    "condition_non_levee": "Condition suspensive non levée",
    "autre": "Autre motif",
}

ISSUES_COMMISSION: dict[str, str] = {
    "proposition": "Proposition de logement",
    "bail_signe": "Bail signé",
    "refus": "Refus",
    "sans_suite": "Sans suite",
    "en_cours": "En cours",
}

STATUTS_ACTION: dict[str, str] = {
    "non_fait": "Non fait",
    "partiellement_fait": "Partiellement fait",
    "fait": "Fait",
}

DPE_CLASSES = ["A", "B", "C", "D", "E", "F", "G"]
