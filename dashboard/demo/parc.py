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


def generate_rpls(rng: np.random.Generator, settings: Settings, scale: float) -> pd.DataFrame:
    """The 2025 stock, one row per dwelling, with the columns of the 2025 DiDo export."""
    outlines = _outlines(settings)
    names = {c.insee: c.nom.upper() for c in settings.communes}
    frames = []
    for insee, count in DWELLINGS_2025.items():
        total = round(count * scale)
        sizes: list[int] = []
        if insee == "69027":
            sizes += [QPV_DWELLINGS * int(max(scale, 1)) // 4] * 4
        while sum(sizes) < total:
            sizes.append(int(np.clip(rng.lognormal(2.6, 0.8), 4, 90)))
        sizes[-1] -= sum(sizes) - total
        sizes = [s for s in sizes if s > 0]
        centres = _points_inside(rng, outlines[insee], len(sizes))
        if insee == "69027":  # the QPV: four large residences close together
            anchor = centres[4] if len(centres) > 4 else centres[0]
            centres[:4] = anchor + rng.normal(0, 0.0012, (4, 2))
        for r, (size, (lon, lat)) in enumerate(zip(sizes, centres, strict=True)):
            in_qpv = insee == "69027" and r < 4
            period = 0 if in_qpv else rng.choice(4, p=[p[1] for p in PERIODS])
            (first, last), _, finan = PERIODS[period]
            street = STREETS[rng.integers(len(STREETS))]
            x, y = TO_L93.transform(lon, lat)
            dpe_values, dpe_weights = DPE_BY_PERIOD[period]
            rooms = rng.choice(ROOMS[0], size=size, p=ROOMS[1])
            frames.append(
                pd.DataFrame(
                    {
                        "DEPCOM": insee,
                        "LIBCOM": names[insee],
                        "CODEPOSTAL": "",
                        "NUMVOIE": str(rng.integers(1, 120)),
                        "INDREP": "",
                        "TYPVOIE": street[0],
                        "NOMVOIE": street[1],
                        "EPSG": "2154",
                        "X": f"{x:.1f}",
                        "Y": f"{y:.1f}",
                        "NBPIECE": rooms,
                        "SURFHAB": np.round(18 + rooms * 17 + rng.normal(0, 4, size), 1),
                        "CONSTRUCT": int(rng.integers(first, last + 1)),
                        "FINAN_CODE": rng.choice(finan, size=size),
                        "QPV_CODE": "1" if in_qpv else "2",
                        "QPV_LIBELLE": QPV_LABEL if in_qpv else "",
                        "DPEENERGIE": rng.choice(dpe_values, size=size, p=dpe_weights),
                        "TYPECONST_CODE": "C" if size > 6 else rng.choice(["C", "I"]),
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
