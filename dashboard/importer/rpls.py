"""The RPLS open-data file of the SDES, as published, restricted to the territory.

Coordinates come in the CRS named per row by `EPSG` (2154, Lambert-93, in mainland France) and
are reprojected to WGS84 here, once, so the map never reprojects. Rows without usable
coordinates are kept (they count in the commune figures) and listed in the import report, and
so are the residences placed outside their own commune's outline (read with geopandas).

The file is an official publication that the user cannot correct: only what makes it unusable
refuses it (a missing column, a column identifying a person, an invalid commune code, no row
of the territory). An implausible value in one field (a surface of 2 m², an unknown financing
code) is blanked or grouped in « autre », counted and listed in the report, and the row kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyogrio.errors import DataSourceError
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from dashboard.codes import DPE_CLASSES, FINAN_CODE_GROUPE
from dashboard.contract import RPLS_COLUMNS, RPLS_OPTIONAL
from dashboard.geo import TOLERANCE_METRES, communes_frame, outside_their_commune
from dashboard.importer.errors import MAX_SHOWN, ImportRefused, Problem
from dashboard.importer.reader import RawTable, header_key
from dashboard.importer.validate import INSEE_PATTERN, parse_numbers
from dashboard.settings import Settings

# Used when the territory's outlines cannot be read: metropolitan France and overseas.
_FRANCE = [(-5.8, 41.0, 10.0, 51.5), (-63.5, -21.5, 56.0, 18.5)]
# A dwelling placed farther than this from the territory's outline box is a geocoding error.
_MARGIN_DEGREES = 0.05  # about 4 to 5 km
DEFAULT_EPSG = "2154"  # Lambert-93, mainland France
LINES_SHOWN = 30
RESIDENCES_SHOWN = 10


@dataclass
class PreparedRpls:
    frame: pd.DataFrame
    millesime: int
    warnings: list[str] = field(default_factory=list)
    outside_rows: int = 0
    without_coordinates: list[int] = field(default_factory=list)


def infer_millesime(file_name: str) -> int | None:
    found = re.findall(r"(?<!\d)(20\d\d)(?!\d)", file_name)
    return int(found[-1]) if found else None


def _lines(lines: pd.Series | list[int]) -> str:
    values = [int(v) for v in lines]
    shown = ", ".join(str(n) for n in values[:LINES_SHOWN])
    return shown + (" …" if len(values) > LINES_SHOWN else "")


def _match(raw: RawTable) -> dict[str, str]:
    keys = {header_key(h): h for h in raw.headers}
    problems = []  # identifying columns were refused before (dashboard/importer/identifying.py)
    found: dict[str, str] = {}
    for name, alternatives in {**RPLS_COLUMNS, **RPLS_OPTIONAL}.items():
        header = next((keys[header_key(a)] for a in alternatives if header_key(a) in keys), None)
        if header is not None:
            found[name] = header
        elif name in RPLS_COLUMNS:
            problems.append(
                Problem(
                    raw.file,
                    f"colonne RPLS absente (attendu : {' ou '.join(alternatives)})",
                    line=1,
                    column=alternatives[0],
                )
            )
    if problems:
        raise ImportRefused(problems)
    return found


@lru_cache(maxsize=64)
def _crs_ok(code: str) -> bool:
    try:
        return CRS.from_epsg(int(float(code))).is_projected
    except (CRSError, ValueError, TypeError):
        return False


def _outlines(contours: Path) -> gpd.GeoDataFrame | None:
    """The communes' outlines (geopandas); None when the file cannot be read."""
    try:
        return communes_frame(contours)
    except (OSError, ValueError, DataSourceError):
        return None


def _territory_box(
    outlines: gpd.GeoDataFrame | None,
) -> tuple[float, float, float, float] | None:
    """The territory's outline box in WGS84, widened by the margin; None if unreadable."""
    if outlines is None or outlines.empty:
        return None
    west, south, east, north = outlines.total_bounds
    return (
        float(west - _MARGIN_DEGREES),
        float(south - _MARGIN_DEGREES),
        float(east + _MARGIN_DEGREES),
        float(north + _MARGIN_DEGREES),
    )


def _outside_warning(frame: pd.DataFrame, outside: pd.Series, settings: Settings) -> str | None:
    """The residences (dwellings of one address, or of one 10 m square without address: as
    stg_logements groups them) placed away from their own commune's outline."""
    if not outside.any():
        return None
    rows = frame[outside]
    square = (
        (rows["x"] / 10).round().astype("Int64").astype(str)
        + "|"
        + (rows["y"] / 10).round().astype("Int64").astype(str)
    )
    key = (
        rows["depcom"]
        + "|"
        + rows["adresse"].fillna("").str.upper().mask(rows["adresse"].isna(), square)
    )
    shown = []
    for _, group in rows.groupby(key, sort=False):
        first = group.iloc[0]
        where = first["adresse"] if pd.notna(first["adresse"]) else "sans adresse"
        shown.append(
            f"{where} à {settings.commune_nom(first['depcom'])} "
            f"(ligne{'s' if len(group) > 1 else ''} {_lines(group['ligne'])})"
        )
    listed = " ; ".join(shown[:RESIDENCES_SHOWN]) + (" …" if len(shown) > RESIDENCES_SHOWN else "")
    plural = "s" if len(shown) > 1 else ""
    return (
        f"{len(shown)} résidence{plural} placée{plural} hors du contour de "
        f"{'leur' if plural else 'sa'} commune (à plus de "
        f"{TOLERANCE_METRES:.0f} m ; coordonnées à vérifier, gardées sur la carte) : {listed}"
    )


def _clean_text(frame: pd.DataFrame) -> pd.DataFrame:
    def clean(s: pd.Series) -> pd.Series:
        text = s.astype("str").str.strip()
        return text.mask(text == "")

    return frame.apply(clean)


def prepare_rpls(raw: RawTable, settings: Settings, millesime: int | None) -> PreparedRpls:
    found = _match(raw)
    millesime = millesime or infer_millesime(raw.file)
    if millesime is None:
        raise ImportRefused(
            [
                Problem(
                    raw.file,
                    "millésime RPLS inconnu : précisez --millesime AAAA (ou mettez "
                    "l'année dans le nom du fichier)",
                )
            ]
        )
    frame = _clean_text(pd.DataFrame({name: raw.frame[header] for name, header in found.items()}))
    frame["ligne"] = [raw.line(i) for i in range(len(frame))]
    # A commune code read as a number loses its leading zero (01001 -> 1001).
    frame["depcom"] = frame["depcom"].str.replace(r"\.0$", "", regex=True).str.zfill(5)
    bad_insee = frame["depcom"].isna() | ~frame["depcom"].fillna("").str.match(INSEE_PATTERN)
    if bad_insee.any():
        problems = [
            Problem(
                raw.file,
                "code INSEE de commune invalide",
                line=int(row.ligne),
                column=found["depcom"],
                value="" if pd.isna(row.depcom) else str(row.depcom),
            )
            for row in frame[bad_insee].head(MAX_SHOWN).itertuples()
        ]
        raise ImportRefused(problems, total=int(bad_insee.sum()))
    territory = frame["depcom"].isin(settings.insee_codes)
    outside = int((~territory).sum())
    frame = frame[territory].reset_index(drop=True)
    if frame.empty:
        raise ImportRefused(
            [
                Problem(
                    raw.file,
                    f"aucun logement du territoire ({outside} lignes hors des communes "
                    "de l'EPCI ignorées) : vérifiez le fichier ou les paramètres",
                )
            ]
        )
    return _typed(frame, settings, millesime, outside, found)


def _soft_check(
    frame: pd.DataFrame,
    values: pd.Series,
    bad: pd.Series,
    column: str,
    what: str,
    warnings: list[str],
) -> pd.Series:
    """Blanks the values flagged `bad` and reports them (count and file lines)."""
    bad = bad.fillna(False).astype(bool)
    if bad.any():
        examples = ", ".join(sorted({str(v) for v in frame.loc[bad, column].head(5)}))
        warnings.append(
            f"{int(bad.sum())} valeurs de {column.upper()} ignorées ({what} ; par exemple "
            f"{examples}) : lignes {_lines(frame.loc[bad, 'ligne'])}"
        )
    return values.mask(bad)


def _typed(
    frame: pd.DataFrame, settings: Settings, millesime: int, outside: int, found: dict[str, str]
) -> PreparedRpls:
    warnings: list[str] = []
    if outside:
        warnings.append(f"{outside} lignes hors des communes du territoire ignorées")
    out = pd.DataFrame({"millesime": millesime, "ligne": frame["ligne"], "depcom": frame["depcom"]})
    out["libcom"] = frame.get("libcom", pd.Series(pd.NA, index=frame.index))
    out["libcom"] = out["libcom"].fillna(frame["depcom"].map(settings.commune_nom))
    parts = [frame[c].fillna("") for c in ("numvoie", "indrep", "typvoie", "nomvoie") if c in frame]
    address = parts[0].str.cat(parts[1:], sep=" ") if parts else pd.Series("", index=frame.index)
    out["adresse"] = address.str.replace(r"\s+", " ", regex=True).str.strip().replace("", pd.NA)
    out["codepostal"] = frame.get("codepostal")

    # Coordinates: projected metres in the row's CRS, reprojected to WGS84 once, here.
    out["x"] = parse_numbers(frame["x"])
    out["y"] = parse_numbers(frame["y"])
    if "epsg" in frame:
        epsg = frame["epsg"].str.replace(r"\.0$", "", regex=True)
    else:
        epsg = pd.Series(DEFAULT_EPSG, index=frame.index)
        warnings.append(
            "colonne EPSG absente : coordonnées X et Y lues en Lambert-93 (EPSG 2154), "
            "comme dans les fichiers RPLS de métropole"
        )
    known_crs = epsg.map(lambda c: pd.notna(c) and _crs_ok(str(c))).astype(bool)
    unknown = epsg.notna() & ~known_crs
    if unknown.any():
        warnings.append(
            f"{int(unknown.sum())} logements dont le système de coordonnées (EPSG "
            f"{', '.join(sorted(epsg[unknown].unique())[:5])}) est inconnu : lignes "
            f"{_lines(out.loc[unknown, 'ligne'])}"
        )
    out["epsg"] = epsg
    out["lon"], out["lat"] = np.nan, np.nan
    usable = out["x"].notna() & out["y"].notna() & known_crs
    for code, rows in out[usable].groupby("epsg"):
        transformer = Transformer.from_crs(int(float(code)), 4326, always_xy=True)
        lon, lat = transformer.transform(rows["x"].to_numpy(), rows["y"].to_numpy())
        out.loc[rows.index, "lon"] = lon
        out.loc[rows.index, "lat"] = lat
    outlines = _outlines(settings.contours_file)
    box = _territory_box(outlines)
    plausible = pd.Series(False, index=out.index)
    for west, south, east, north in [box] if box else _FRANCE:
        plausible |= out["lon"].between(west, east) & out["lat"].between(south, north)
    far = out["lon"].notna() & ~plausible
    if far.any():
        warnings.append(
            f"{int(far.sum())} logements placés à plus de 5 km du territoire (coordonnées "
            f"erronées, ignorées) : lignes {_lines(out.loc[far, 'ligne'])}"
        )
    out.loc[~plausible, ["lon", "lat"]] = np.nan
    if outlines is not None:
        warning = _outside_warning(out, outside_their_commune(out, outlines), settings)
        if warning:
            warnings.append(warning)

    pieces = parse_numbers(frame["nbpiece"])
    pieces = _soft_check(
        frame,
        pieces,
        ~(pieces.between(1, 20) & (pieces % 1 == 0)) & frame["nbpiece"].notna(),
        "nbpiece",
        "nombre entier de pièces attendu, de 1 à 20",
        warnings,
    )
    out["nbpiece"] = pieces.round().astype("Int64")
    out["typologie"] = pieces.map(
        lambda n: None if pd.isna(n) else ("T6P" if n >= 6 else f"T{int(n)}")
    )
    surface = parse_numbers(frame["surfhab"])
    out["surfhab"] = _soft_check(
        frame,
        surface,
        ~surface.between(5, 500) & frame["surfhab"].notna(),
        "surfhab",
        "surface habitable attendue entre 5 et 500 m²",
        warnings,
    )
    year = parse_numbers(frame["construct"])
    year = _soft_check(
        frame,
        year,
        ~year.between(1500, millesime) & frame["construct"].notna(),
        "construct",
        f"année de construction attendue entre 1500 et {millesime}",
        warnings,
    )
    out["construct"] = year.round().astype("Int64")

    finan = frame["finan_code"].str.replace(r"\.0$", "", regex=True)
    unknown_finan = finan.notna() & ~finan.isin(list(FINAN_CODE_GROUPE))
    if unknown_finan.any():
        warnings.append(
            f"{int(unknown_finan.sum())} logements au code de financement RPLS inconnu "
            f"({', '.join(sorted(finan[unknown_finan].unique())[:5])}), comptés en « autre » : "
            f"lignes {_lines(out.loc[unknown_finan, 'ligne'])}"
        )
    out["finan_code"] = finan
    out["financement"] = finan.map(FINAN_CODE_GROUPE).fillna("autre")

    qpv = frame["qpv_code"].str.replace(r"\.0$", "", regex=True)
    out["qpv"] = qpv.eq("1").fillna(False).astype(bool)
    out["qpv_libelle"] = frame.get("qpv_libelle")
    dpe = frame["dpeenergie"].str.upper()
    out["dpe"] = _soft_check(
        frame,
        dpe,
        ~dpe.isin(DPE_CLASSES) & dpe.notna(),
        "dpeenergie",
        "classe énergie attendue de A à G, ou vide",
        warnings,
    )
    out["typeconst"] = frame.get("typeconst")

    without = out.loc[out["lon"].isna(), "ligne"].astype(int).tolist()
    if without:
        warnings.append(
            f"{len(without)} logements sans coordonnées utilisables (gardés dans les chiffres "
            f"par commune, absents de la carte) : lignes {_lines(without)}"
        )
    return PreparedRpls(
        out, millesime, warnings=warnings, outside_rows=outside, without_coordinates=without
    )
