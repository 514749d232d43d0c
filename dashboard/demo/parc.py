"""A fictitious RPLS file in the SDES open-data format: about 1,650 dwellings at scale 1,
60 % of them in Brignais (the share the CCVG reports), grouped in residences placed inside the
real commune outlines, in Lambert-93 as RPLS gives them, with a QPV in Brignais."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from dashboard.settings import Settings

DWELLINGS_2025 = {"69027": 990, "69043": 370, "69133": 120, "69136": 75, "69268": 95}
QPV_LABEL = "QPV de Brignais (démonstration)"
QPV_DWELLINGS = 160
STREETS = [
    ("RUE", "DES TILLEULS"),
    ("AV", "DE LA GARE"),
    ("RUE", "DU MOULIN"),
    ("CHE", "DES VIGNES"),
    ("RUE", "DE LA REPUBLIQUE"),
    ("ALL", "DES CERISIERS"),
    ("RUE", "PASTEUR"),
    ("IMP", "DES LILAS"),
    ("RUE", "DU GARON"),
    ("BD", "DE L EUROPE"),
    ("RUE", "JEAN JAURES"),
    ("PL", "DU MARCHE"),
    ("RUE", "DES ECOLES"),
    ("CHE", "DU PLATEAU"),
    ("RUE", "VICTOR HUGO"),
]
# Construction periods and the RPLS financing codes usual for each.
PERIODS = [
    ((1955, 1979), 0.33, ["52", "13", "12", "50"]),
    ((1980, 1999), 0.25, ["12", "13", "14"]),
    ((2000, 2014), 0.26, ["13", "10", "14", "16"]),
    ((2015, 2024), 0.16, ["13", "10", "11", "14"]),
]
DPE_BY_PERIOD = {
    0: (["C", "D", "E", "F", "G"], [0.10, 0.35, 0.35, 0.15, 0.05]),
    1: (["B", "C", "D", "E", "F"], [0.05, 0.30, 0.40, 0.20, 0.05]),
    2: (["B", "C", "D", "E"], [0.20, 0.45, 0.30, 0.05]),
    3: (["A", "B", "C"], [0.25, 0.55, 0.20]),
}
ROOMS = ([1, 2, 3, 4, 5, 6], [0.10, 0.28, 0.34, 0.21, 0.06, 0.01])
TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)


def _outlines(settings: Settings) -> dict[str, object]:
    data = json.loads(settings.contours_file.read_text(encoding="utf-8"))
    return {f["properties"]["code_insee"]: shape(f["geometry"]) for f in data["features"]}


def _points_inside(rng: np.random.Generator, polygon: object, n: int) -> np.ndarray:
    """Uniform points inside the polygon, shrunk a little so none sits on the boundary."""
    inner = polygon.buffer(-0.002)
    west, south, east, north = inner.bounds
    found: list[np.ndarray] = []
    while sum(len(f) for f in found) < n:
        xy = np.column_stack([rng.uniform(west, east, 4 * n), rng.uniform(south, north, 4 * n)])
        found.append(xy[shapely.contains_xy(inner, xy[:, 0], xy[:, 1])])
    return np.concatenate(found)[:n]


def _sizes(rng: np.random.Generator, total: int, fixed: list[int]) -> np.ndarray:
    """Residence sizes adding up to `total`: the fixed ones first, then log-normal draws."""
    remaining = total - sum(fixed)
    draws = np.clip(rng.lognormal(2.6, 0.8, max(remaining // 4, 1) + 8), 4, 90).astype(int)
    while draws.sum() < remaining:  # rare: draw more
        draws = np.concatenate([draws, draws])
    cut = int(np.searchsorted(np.cumsum(draws), remaining))
    sizes = np.concatenate([np.asarray(fixed, dtype=int), draws[: cut + 1]])
    sizes[-1] -= sizes.sum() - total
    return sizes[sizes > 0]


def generate_rpls(rng: np.random.Generator, settings: Settings, scale: float) -> pd.DataFrame:
    """The 2025 stock, one row per dwelling, with the columns of the 2025 DiDo export.

    Vectorised per commune (no loop per residence): at scale 100 (a department's stock) it
    takes a few seconds."""
    rng = np.random.default_rng(rng.integers(2**63))  # later generators do not depend on this
    outlines = _outlines(settings)
    names = {c.insee: c.nom.upper() for c in settings.communes}
    period_weights = [p[1] for p in PERIODS]
    frames = []
    for insee, count in DWELLINGS_2025.items():
        total = round(count * scale)
        fixed = [QPV_DWELLINGS * int(max(scale, 1)) // 4] * 4 if insee == "69027" else []
        sizes = _sizes(rng, total, fixed)
        n = len(sizes)
        centres = _points_inside(rng, outlines[insee], n)
        in_qpv = np.zeros(n, dtype=bool)
        if insee == "69027":  # the QPV: four large residences close together
            anchor = centres[4] if n > 4 else centres[0]
            centres[:4] = anchor + rng.normal(0, 0.0012, (4, 2))
            in_qpv[:4] = True
        period = np.where(in_qpv, 0, rng.choice(len(PERIODS), size=n, p=period_weights))
        first = np.array([p[0][0] for p in PERIODS])[period]
        last = np.array([p[0][1] for p in PERIODS])[period]
        built = rng.integers(first, last + 1)
        # a few residences completed in 2024: the 2024 millésime does not have them yet
        recent = np.flatnonzero(period == len(PERIODS) - 1)
        built[recent[: max(1, len(recent) // 5)]] = 2024
        # one address per residence: streets in turn, odd numbers going up
        order = rng.permutation(n)
        street = order % len(STREETS)
        number = 1 + 2 * (order // len(STREETS))
        x, y = TO_L93.transform(centres[:, 0], centres[:, 1])
        residence = np.repeat(np.arange(n), sizes)
        size = len(residence)
        rooms = rng.choice(ROOMS[0], size=size, p=ROOMS[1])
        dwelling_period = period[residence]
        finan = np.empty(size, dtype=object)
        dpe = np.empty(size, dtype=object)
        for p, (_, _, codes) in enumerate(PERIODS):
            rows = dwelling_period == p
            finan[rows] = rng.choice(codes, size=int(rows.sum()))
            values, weights = DPE_BY_PERIOD[p]
            dpe[rows] = rng.choice(values, size=int(rows.sum()), p=weights)
        dpe[rng.random(size) < 0.04] = ""  # a few dwellings without an energy diagnosis
        small = sizes[residence] <= 6
        frames.append(
            pd.DataFrame(
                {
                    "DEPCOM": insee,
                    "LIBCOM": names[insee],
                    "CODEPOSTAL": "",
                    "NUMVOIE": number[residence].astype(str),
                    "INDREP": "",
                    "TYPVOIE": np.array([s[0] for s in STREETS])[street][residence],
                    "NOMVOIE": np.array([s[1] for s in STREETS])[street][residence],
                    "EPSG": "2154",
                    "X": np.char.mod("%.1f", x)[residence],
                    "Y": np.char.mod("%.1f", y)[residence],
                    "NBPIECE": rooms,
                    "SURFHAB": np.round(18 + rooms * 17 + rng.normal(0, 4, size), 1),
                    "CONSTRUCT": built[residence],
                    "FINAN_CODE": finan,
                    "QPV_CODE": np.where(in_qpv[residence], "1", "2"),
                    "QPV_LIBELLE": np.where(in_qpv[residence], QPV_LABEL, ""),
                    "DPEENERGIE": dpe,
                    "TYPECONST_CODE": np.where(small, rng.choice(["C", "I"], size=size), "C"),
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["CODEPOSTAL"] = frame["DEPCOM"].map(
        {"69027": "69530", "69043": "69630", "69133": "69390", "69136": "69700", "69268": "69390"}
    )
    # A few dwellings without usable coordinates, as real files have.
    missing = rng.choice(len(frame), size=max(2, len(frame) // 400), replace=False)
    frame.loc[missing, ["X", "Y"]] = ""
    frame["SURFHAB"] = frame["SURFHAB"].map(lambda v: f"{v:.1f}".replace(".", ","))
    return frame


def previous_millesime(frame: pd.DataFrame) -> pd.DataFrame:
    """The 2024 file: the same stock without what was completed in 2024, with the column
    names used up to millésime 2024 (DEPCOM_CODE, DEPCOM_LIBELLE)."""
    older = frame[frame["CONSTRUCT"] < 2024].copy()
    return older.rename(columns={"DEPCOM": "DEPCOM_CODE", "LIBCOM": "DEPCOM_LIBELLE"})


def outside_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Two dwellings of a neighbouring commune: the import must ignore them, with a count."""
    extra = frame.head(2).copy()
    extra["DEPCOM"] = "69204"
    extra["LIBCOM"] = "SAINT-GENIS-LAVAL"
    return extra
