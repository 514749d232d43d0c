"""Fictitious attributions, drawn from the demands radiated for an allocation.

Prioritaire households are favoured (and DALO ones more), mutations less, as observed; the
réservataire contingent is drawn given the household's priority so that each group's
attainment lands near its CIA target, some above and some below. The lease is signed 0 to 90
days after the decision (a December decision is often leased in January: an attribution of
the next year, as the SNE counts it); decisions without a lease carry their reason (refusal,
lease pending…); a few households relocated by urban renewal or from a degraded condominium
are housed outside the QPV, so that every rule of the CIA shows on the demo.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.demandes import EXTRACTION

ATTRIBUTIONS_PER_YEAR = {
    2019: 140,
    2020: 115,
    2021: 135,
    2022: 145,
    2023: 150,
    2024: 140,
    2025: 155,
}
EFFECTIVE_SHARE = 0.92
UNLINKED_SHARE = 0.05

# Share of each contingent among attributions, and the prioritaire share reached in each:
# the État stays under its 100 % target, collectivités and bailleurs exceed 25 %, Action
# Logement and « autre » fall short; overall about 42 %.
CONTINGENT_SHARE = {
    "PPRIOR": 0.25,
    "COLTER": 0.20,
    "COLACT": 0.25,
    "AUCUN": 0.25,
    "AUTRES": 0.03,
    "PFONCT": 0.02,
}
PRIORITAIRE_RATE = {
    "PPRIOR": 0.94,
    "COLTER": 0.30,
    "COLACT": 0.21,
    "AUCUN": 0.27,
    "AUTRES": 0.20,
    "PFONCT": 0.15,
}
STOCK_WEIGHTS = {"69027": 0.60, "69043": 0.22, "69133": 0.07, "69136": 0.05, "69268": 0.06}
FINANCEMENTS = (["PLAI", "PLUS", "PLS", "PLI"], [0.25, 0.60, 0.13, 0.02])
BAILLEURS = (
    ["Deux Fleuves Rhône Habitat", "Bailleur social B", "Bailleur social C", "Bailleur social D"],
    [0.48, 0.22, 0.18, 0.12],
)
QPV_COMMUNE = "69027"
QPV_SHARE = 0.16
LEASE_DELAY_DAYS = 90  # the lease is signed 0 to 90 days after the decision
# Why a decision has no lease (contract's motif_sans_bail; None: the extract does not say).
MOTIFS_SANS_BAIL = (
    ["refus_menage", "autre_candidat", "condition_non_levee", "autre", None],
    [0.60, 0.20, 0.05, 0.05, 0.10],
)
PENDING_DAYS = 45  # a decision this close to the extraction is still waiting for its lease
ANRU_SHARE = 0.02  # households relocated by urban renewal, housed outside the QPV
COPRO_SHARE = 0.015  # households relocated from a degraded condominium


def _contingent_given_priority(prioritaire: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    codes = list(CONTINGENT_SHARE)
    share = np.array([CONTINGENT_SHARE[c] for c in codes])
    rate = np.array([PRIORITAIRE_RATE[c] for c in codes])
    p_prio = share * rate / (share * rate).sum()
    p_other = share * (1 - rate) / (share * (1 - rate)).sum()
    out = np.empty(len(prioritaire), dtype=object)
    out[prioritaire] = rng.choice(codes, size=int(prioritaire.sum()), p=p_prio)
    out[~prioritaire] = rng.choice(codes, size=int((~prioritaire).sum()), p=p_other)
    return out


def _weights(d: pd.DataFrame) -> np.ndarray:
    # Older demands are more often radiated for non-renewal than housed: the chance of an
    # allocation fades with the time already waited (median waits stay around two years).
    waited_years = (
        pd.to_datetime(d["date_radiation"]) - pd.to_datetime(d["date_depot"])
    ).dt.days.fillna(0).to_numpy() / 365.25
    return (
        1.0
        + 1.2 * d["prioritaire"].to_numpy()
        + 2.0 * d["dalo"].to_numpy()
        - 0.45 * (d["logement_actuel"].to_numpy() == "HLM")
    ) * np.exp(-waited_years / 2.5)


def generate_attributions(
    rng: np.random.Generator, demandes: pd.DataFrame, scale: float
) -> pd.DataFrame:
    """Returns the attributions; marks the radiations they cause as RADATT in `demandes`."""
    radiation = demandes["date_radiation"].to_numpy()
    rad_year = pd.DatetimeIndex(radiation).year.to_numpy()
    weights = _weights(demandes)
    rows: list[pd.DataFrame] = []
    for year, count in ATTRIBUTIONS_PER_YEAR.items():
        total = round(count * scale)
        effective = round(total * EFFECTIVE_SHARE)
        pool = np.flatnonzero(rad_year == year)
        chosen = rng.choice(
            pool,
            size=min(effective, len(pool)),
            replace=False,
            p=weights[pool] / weights[pool].sum(),
        )
        demandes.iloc[chosen, demandes.columns.get_loc("motif_radiation")] = "RADATT"
        lease = radiation[chosen]
        decided = np.maximum(
            lease - rng.integers(0, LEASE_DELAY_DAYS + 1, len(chosen)).astype("timedelta64[D]"),
            demandes["date_depot"].to_numpy()[chosen],
        )
        rows.append(pd.DataFrame({"idx": chosen, "date_attribution": decided, "date_bail": lease}))
        # Decisions that did not end in a lease (refusal after the CALEOL): the demand stays.
        failed = total - effective
        when = np.datetime64(f"{year}-01-01") + rng.integers(0, 365, failed)
        alive = np.flatnonzero(
            (demandes["date_depot"].to_numpy() < np.datetime64(f"{year}-01-01"))
            & ~(radiation < np.datetime64(f"{year + 1}-01-01"))
        )
        picked = rng.choice(alive, size=min(failed, len(alive)), replace=False)
        rows.append(
            pd.DataFrame(
                {
                    "idx": picked,
                    "date_attribution": when[: len(picked)],
                    "date_bail": np.datetime64("NaT"),
                }
            )
        )
    # New draws come from a child generator: the parent's stream, which the parc and the
    # commissions draw from next, stays as it was.
    (local,) = rng.spawn(1)
    drawn = pd.concat(rows, ignore_index=True).sort_values("date_attribution", kind="stable")
    d = demandes.iloc[drawn["idx"].to_numpy()].reset_index(drop=True)
    n = len(d)
    prioritaire = d["prioritaire"].to_numpy(dtype=bool)
    principal = d["communes_souhaitees"].str.split("|").str[0].to_numpy()
    stock = list(STOCK_WEIGHTS)
    by_stock = rng.choice(stock, size=n, p=np.array(list(STOCK_WEIGHTS.values())))
    commune = np.where(np.isin(principal, stock) & (rng.random(n) < 0.7), principal, by_stock)
    typologie = d["typologie"].replace({"C": "T1"}).to_numpy()
    qpv = (commune == QPV_COMMUNE) & (rng.random(n) < QPV_SHARE)
    linked = rng.random(n) >= UNLINKED_SHARE
    waited = pd.to_datetime(drawn["date_attribution"].to_numpy()) - pd.to_datetime(
        d["date_depot"].to_numpy()
    )
    seniority = (waited.days.to_numpy() / 30.44).astype(int)
    out = pd.DataFrame(
        {
            "attribution_id": [f"A{i:07d}" for i in range(1, n + 1)],
            "demande_id": np.where(linked, d["demande_id"].to_numpy(), None),
            "date_attribution": drawn["date_attribution"].to_numpy(),
            "date_bail": drawn["date_bail"].to_numpy(),
            "commune": commune,
            "typologie": typologie,
            "financement": rng.choice(FINANCEMENTS[0], size=n, p=FINANCEMENTS[1]),
            "bailleur": rng.choice(BAILLEURS[0], size=n, p=BAILLEURS[1]),
            "contingent": _contingent_given_priority(prioritaire, rng),
            "qpv": qpv,
            "mutation": d["logement_actuel"].to_numpy() == "HLM",
            "prioritaire": prioritaire,
            "dalo": d["dalo"].to_numpy(dtype=bool),
            "quartile_1": d["quartile_1"].to_numpy(dtype=bool),
            # drawn here, in the parent's order of draws
            "relogement_anru": (anru := ~qpv & (rng.random(n) < ANRU_SHARE)),
            "relogement_copro_degradee": ~qpv & ~anru & (local.random(n) < COPRO_SHARE),
            "motif_sans_bail": _motifs_sans_bail(
                drawn["date_attribution"], drawn["date_bail"], local
            ),
            "logement_actuel": d["logement_actuel"].to_numpy(),
            "motif": d["motif"].to_numpy(),
            "anciennete_mois": np.where(linked, None, seniority),
        }
    )
    assert (out["date_attribution"].to_numpy() <= EXTRACTION).all()
    return out


def _motifs_sans_bail(decided: pd.Series, lease: pd.Series, rng: np.random.Generator) -> np.ndarray:
    """The reason of each decision without a lease: pending when decided in the last weeks
    before the extraction, else drawn (sometimes unknown); none for a signed lease."""
    decided = pd.to_datetime(decided).to_numpy()
    without = pd.isna(lease).to_numpy()
    codes, weights = MOTIFS_SANS_BAIL
    out = np.array(rng.choice(np.array(codes, dtype=object), size=len(decided), p=weights))
    pending = decided >= EXTRACTION - np.timedelta64(PENDING_DAYS, "D")
    out[pending] = "bail_en_attente"
    out[~without] = None
    return out
