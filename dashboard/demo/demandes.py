"""Fictitious SNE demands, calibrated on what the PPGDID 2026-2032 publishes for the CCVG.

Registrations per guichet and year are set so that, at scale 1, the CCVG guichet registers 124
demands in 2025 and Deux Fleuves Rhône Habitat 55, the Portail Grand Public being the majority;
a mean lifetime of about five years leaves about 978 active demands registered by the CCVG
guichet at the end of 2025; mutation requests are about 45 % of the active file at that date.
Everything is vectorised: the national scale (millions of rows) is built in seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.settings import Settings

FIRST_YEAR = 2013  # earlier deposits fill the active file of 2019 as in reality
LAST_YEAR = 2025
EXTRACTION = np.datetime64("2026-01-15")

# Registrations per year by guichet code, at scale 1 (the CCVG guichet opened in 2019).
REGISTRATIONS: dict[str, dict[int, int]] = {
    "CCVG": {2019: 420, 2020: 380, 2021: 400, 2022: 360, 2023: 260, 2024: 180, 2025: 124},
    "DFRH": {
        **dict.fromkeys(range(2013, 2019), 110),
        2019: 90,
        2020: 80,
        2021: 75,
        2022: 70,
        2023: 65,
        2024: 60,
        2025: 55,
    },
    "PGP": {
        2015: 40,
        2016: 60,
        2017: 80,
        2018: 100,
        2019: 150,
        2020: 190,
        2021: 200,
        2022: 210,
        2023: 220,
        2024: 225,
        2025: 230,
    },
    "AUTRE": {**dict.fromkeys(range(2013, 2019), 260), **dict.fromkeys(range(2019, 2026), 28)},
}
MONTH_WEIGHTS = np.array([1.0, 1.0, 1.1, 1.0, 1.0, 0.95, 0.8, 0.6, 1.25, 1.2, 1.1, 0.9])
MEAN_LIFETIME_DAYS = 5.0 * 365.25

TYPOLOGIES = (
    ["C", "T1", "T2", "T3", "T4", "T5", "T6P"],
    [0.02, 0.11, 0.33, 0.31, 0.18, 0.04, 0.01],
)
HOUSING = (
    [
        "HLM",
        "LP",
        "CPE",
        "CP",
        "SH",
        "HOT",
        "RHVS",
        "SLHT",
        "RS",
        "LTG",
        "POCC",
        "SD",
        "SQUAT",
        "CAMCAR",
        "FONC",
        "RE",
        "CDEFCM",
    ],
    [
        0.44,
        0.24,
        0.12,
        0.04,
        0.03,
        0.01,
        0.005,
        0.02,
        0.02,
        0.01,
        0.025,
        0.005,
        0.003,
        0.002,
        0.005,
        0.008,
        0.005,
    ],
)
WITHOUT_OWN_HOME = {"SH", "HOT", "RHVS", "SLHT", "RS", "SD", "SQUAT", "CAMCAR", "CPE", "CP", "LTG"}
MOTIFS_MUTATION = (
    ["13", "10", "09", "08", "07", "17", "19", "21", "11", "23", "03"],
    [0.25, 0.08, 0.15, 0.10, 0.07, 0.12, 0.05, 0.05, 0.07, 0.04, 0.02],
)
MOTIFS_OTHER = (
    ["09", "12", "11", "13", "04", "03", "08", "06", "05", "19", "21", "22", "07", "02", "23"],
    [0.20, 0.16, 0.11, 0.14, 0.06, 0.05, 0.05, 0.03, 0.03, 0.05, 0.04, 0.02, 0.02, 0.01, 0.03],
)
OUTSIDE_COMMUNES = ["69204", "69149", "69089", "69123", "69202", "69250"]
RADIATION_OTHER = (["RADREN", "RADABA", "RADCON", "RADIRR"], [0.55, 0.25, 0.12, 0.08])
WISHED_WEIGHTS = {"69027": 0.45, "69043": 0.22, "69133": 0.09, "69136": 0.08, "69268": 0.11}


def _choice(rng: np.random.Generator, options: tuple[list, list], size: int) -> np.ndarray:
    values, weights = options
    weights = np.asarray(weights, dtype=float)
    return rng.choice(np.asarray(values, dtype=object), size=size, p=weights / weights.sum())


def _deposit_dates(rng: np.random.Generator, year: int, n: int) -> np.ndarray:
    months = rng.choice(12, size=n, p=MONTH_WEIGHTS / MONTH_WEIGHTS.sum())
    starts = np.array([np.datetime64(f"{year}-{m + 1:02d}-01") for m in range(12)])
    lengths = np.array(
        [
            (np.datetime64(f"{year + (m == 11)}-{(m + 1) % 12 + 1:02d}-01") - starts[m]).astype(int)
            for m in range(12)
        ]
    )
    return starts[months] + (rng.random(n) * lengths[months]).astype(int)


def generate_demandes(rng: np.random.Generator, settings: Settings, scale: float) -> pd.DataFrame:
    guichets, dates = [], []
    for guichet, per_year in REGISTRATIONS.items():
        for year, count in per_year.items():
            n = round(count * scale)
            guichets.append(np.full(n, guichet, dtype=object))
            dates.append(_deposit_dates(rng, year, n))
    guichet = np.concatenate(guichets)
    depot = np.concatenate(dates)
    order = np.argsort(depot, kind="stable")
    guichet, depot = guichet[order], depot[order]
    n = len(depot)

    housing = _choice(rng, HOUSING, n)
    mutation = housing == "HLM"
    motif = np.where(mutation, _choice(rng, MOTIFS_MUTATION, n), _choice(rng, MOTIFS_OTHER, n))
    no_home = np.isin(housing, list(WITHOUT_OWN_HOME))
    motif = np.where(no_home & (rng.random(n) < 0.7), "01", motif)
    typologie = _choice(rng, TYPOLOGIES, n)
    base_size = {"C": 1, "T1": 1, "T2": 1.6, "T3": 2.6, "T4": 3.6, "T5": 4.6, "T6P": 6}
    taille = np.clip(
        np.round(np.vectorize(base_size.get)(typologie) + rng.normal(0, 0.6, n)), 1, 12
    ).astype(int)
    # Applicants of the SNE are mostly 25-50 years old (mean about 43 at deposit).
    age_at_deposit = np.clip(rng.gamma(4.5, 5.5, n) + 18, 18, 95)
    age = np.clip(age_at_deposit + (EXTRACTION - depot).astype(int) / 365.25, 18, 105).astype(int)

    prio_odds = 0.12 + 0.35 * no_home + 0.4 * np.isin(motif, ["06", "07", "05", "03"])
    prioritaire = rng.random(n) < np.clip(prio_odds, 0, 0.9)
    dalo = prioritaire & (rng.random(n) < 0.14)
    quartile_1 = rng.random(n) < np.where(prioritaire, 0.45, 0.22)

    territory = list(WISHED_WEIGHTS)
    weights = np.array([WISHED_WEIGHTS[c] for c in territory])
    principal = rng.choice(np.asarray(territory, dtype=object), size=n, p=weights / weights.sum())
    principal = np.where(rng.random(n) < 0.05, rng.choice(OUTSIDE_COMMUNES, n), principal)
    extra_count = rng.choice([0, 1, 2, 3], size=n, p=[0.35, 0.3, 0.2, 0.15])
    others = rng.choice(np.asarray(territory + OUTSIDE_COMMUNES[:3], dtype=object), size=(n, 3))
    wished = [
        "|".join(dict.fromkeys([p, *row[:k]]))
        for p, row, k in zip(principal, others, extra_count, strict=True)
    ]
    residence = np.where(
        rng.random(n) < 0.68,
        rng.choice(np.asarray(territory, dtype=object), size=n, p=weights / weights.sum()),
        rng.choice(OUTSIDE_COMMUNES, size=n),
    )

    lifetime = rng.exponential(MEAN_LIFETIME_DAYS, n).astype(int) + 20
    radiation = depot + lifetime
    radiated = radiation <= EXTRACTION
    frame = pd.DataFrame(
        {
            "demande_id": [f"D{i:08d}" for i in range(1, n + 1)],
            "date_depot": depot,
            "date_radiation": np.where(radiated, radiation, np.datetime64("NaT")),
            "guichet": guichet,
            "commune_residence": residence,
            "communes_souhaitees": wished,
            "typologie": typologie,
            "taille_menage": taille,
            "age_demandeur": age,
            "logement_actuel": housing,
            "motif": motif,
            "quartile_1": quartile_1,
            "prioritaire": prioritaire,
            "dalo": dalo,
        }
    )
    frame["motif_radiation"] = np.where(radiated, _choice(rng, RADIATION_OTHER, n), None)
    end = np.where(radiated, radiation, EXTRACTION)
    years_alive = np.floor((end - depot).astype(int) / 365.25).astype(int)
    frame["date_renouvellement"] = np.where(
        years_alive >= 1,
        depot + (years_alive * 365.25).astype(int),
        np.datetime64("NaT"),
    )
    frame["criteres_cotation"] = _criteria(rng, frame, settings)
    return frame


def _criteria(rng: np.random.Generator, d: pd.DataFrame, settings: Settings) -> list[str]:
    """Declared cotation criteria with plausible frequencies; the derived ones (seniority,
    first quartile, DALO, lives in the EPCI, under 30) are left to the scoring query."""
    n = len(d)
    r = lambda: rng.random(n)  # noqa: E731 - a fresh draw per criterion
    motif, housing = d["motif"].to_numpy(), d["logement_actuel"].to_numpy()
    mutation = housing == "HLM"
    flags = {
        "sans_logement": np.isin(housing, ["SD", "SQUAT", "CAMCAR", "HOT"]) & (r() < 0.9),
        "heberge_tiers": np.isin(housing, ["CP", "CPE", "LTG"]) & (r() < 0.6),
        "hebergement_transition": np.isin(housing, ["SH", "RS", "RHVS", "SLHT"]) & (r() < 0.8),
        "violences_couple": (motif == "06") & (r() < 0.6),
        "handicap": ((motif == "07") & (r() < 0.8)) | (r() < 0.04),
        "parent_isole": (d["taille_menage"].to_numpy() >= 2) & (r() < 0.22),
        "travaille_epci": r() < 0.25,
        "travailleur_essentiel": r() < 0.06,
        "taux_effort_eleve": (motif == "09") & (r() < 0.7),
        "suroccupation_mineur": (motif == "13")
        & (d["taille_menage"].to_numpy() >= 3)
        & (r() < 0.45),
        "sous_occupation": (motif == "10") & (r() < 0.8),
        "logement_repris": (motif == "04") & (r() < 0.9) & ~mutation,
        "logement_demoli": (motif == "02") & (r() < 0.9),
        "menace_expulsion": (motif == "05") & (r() < 0.8),
        "logement_non_decent": (motif == "03") & (r() < 0.6),
        "non_decent_mineur": (motif == "03") & (d["taille_menage"].to_numpy() >= 3) & (r() < 0.4),
        "habitat_indigne": (motif == "03") & (r() < 0.2),
        "eloignement_travail": (motif == "19") & (r() < 0.7),
        "personne_agee_inadaptee": (d["age_demandeur"].to_numpy() >= 70) & (r() < 0.2),
        "travailleur_pauvre": ~mutation & (r() < 0.08),
        "chomage_longue_duree": r() < 0.03,
        "assistant_familial_domicile": r() < 0.01,
        "victime_viol": r() < 0.003,
        "traite_proxenetisme": r() < 0.001,
        "sortie_prostitution": r() < 0.001,
        "sortie_act": ~mutation & (r() < 0.002),
    }
    names = np.array(list(flags), dtype=object)
    matrix = np.column_stack(list(flags.values()))
    return ["|".join(names[row]) for row in matrix]
