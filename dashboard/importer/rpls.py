"""The RPLS open-data file of the SDES, as published, restricted to the territory.

Coordinates come in the CRS named per row by `EPSG` (2154, Lambert-93, in mainland France) and
are reprojected to WGS84 here, once, so the map never reprojects. Rows without usable
coordinates are kept (they count in the commune figures) and listed in the import report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from dashboard.codes import DPE_CLASSES, FINAN_CODE_GROUPE
from dashboard.contract import IDENTIFYING_COLUMNS, RPLS_COLUMNS, RPLS_OPTIONAL
from dashboard.importer.errors import MAX_SHOWN, ImportRefused, Problem
from dashboard.importer.reader import RawTable, header_key
from dashboard.importer.validate import INSEE_PATTERN, parse_numbers
from dashboard.settings import Settings

# Metropolitan France and overseas departments, in WGS84, to catch swapped or garbage X/Y.
_PLAUSIBLE = [(-5.8, 41.0, 10.0, 51.5), (-63.5, -21.5, 56.0, 18.5)]


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


def _match(raw: RawTable) -> dict[str, str]:
    keys = {header_key(h): h for h in raw.headers}
    problems = [
        Problem(raw.file, "colonne identifiant une personne : fichier refusé", line=1, column=h)
        for k, h in keys.items()
        if k in IDENTIFYING_COLUMNS
    ]
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


def _schema(millesime: int) -> pa.DataFrameSchema:
    def number_or_empty(s: pd.Series) -> pd.Series:
        return parse_numbers(s).notna() | s.isna()

    def valid_crs(s: pd.Series) -> pd.Series:
        return s.map(_crs_ok).astype(bool)

    return pa.DataFrameSchema(
        {
            "depcom": pa.Column(
                "str", pa.Check.str_matches(INSEE_PATTERN, error="code INSEE invalide")
            ),
            "epsg": pa.Column(
                "str",
                pa.Check(valid_crs, error="système de coordonnées (EPSG) inconnu"),
                nullable=True,
            ),
            "x": pa.Column(
                "str", pa.Check(number_or_empty, error="coordonnée X non numérique"), nullable=True
            ),
            "y": pa.Column(
                "str", pa.Check(number_or_empty, error="coordonnée Y non numérique"), nullable=True
            ),
            "nbpiece": pa.Column(
                "str",
                [
                    pa.Check.str_matches(r"^\d+$", error="nombre de pièces entier attendu"),
                    pa.Check(
                        lambda s: parse_numbers(s).between(1, 20),
                        error="nombre de pièces hors bornes (1 à 20)",
                    ),
                ],
                nullable=True,
            ),
            "surfhab": pa.Column(
                "str",
                pa.Check(
                    lambda s: parse_numbers(s).between(5, 500),
                    error="surface habitable hors bornes (5 à 500 m²)",
                ),
                nullable=True,
            ),
            "construct": pa.Column(
                "str",
                pa.Check(
                    lambda s: parse_numbers(s).between(1700, millesime),
                    error=f"année de construction hors bornes (1700 à {millesime})",
                ),
                nullable=True,
            ),
            "finan_code": pa.Column(
                "str",
                pa.Check.isin(list(FINAN_CODE_GROUPE), error="code de financement RPLS inconnu"),
                nullable=True,
            ),
            "dpeenergie": pa.Column(
                "str",
                pa.Check.isin(DPE_CLASSES, error="classe DPE inconnue (A à G ou vide)"),
                nullable=True,
            ),
        },
        strict=False,
    )


_CRS_CACHE: dict[str, bool] = {}


def _crs_ok(code: object) -> bool:
    text = str(code)
    if text not in _CRS_CACHE:
        try:
            CRS.from_epsg(int(float(text)))
            _CRS_CACHE[text] = True
        except (CRSError, ValueError):
            _CRS_CACHE[text] = False
    return _CRS_CACHE[text]


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
    frame = pd.DataFrame({name: raw.frame[header] for name, header in found.items()})
    frame = frame.apply(
        lambda s: s.astype("str").str.strip().mask(s.astype("str").str.strip() == "")
    )
    frame["ligne"] = [raw.line(i) for i in range(len(frame))]
    frame["depcom"] = frame["depcom"].str.zfill(5)
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
    if "epsg" in frame:
        frame["epsg"] = frame["epsg"].str.replace(r"\.0$", "", regex=True)
    frame["finan_code"] = frame["finan_code"].str.replace(r"\.0$", "", regex=True)
    frame["dpeenergie"] = frame["dpeenergie"].str.upper()
    try:
        _schema(millesime).validate(frame, lazy=True)
    except SchemaErrors as errors:
        problems = {}
        for case in errors.failure_cases.itertuples(index=False):
            if pd.isna(case.index):
                continue
            row = int(case.index)
            key = (row, case.column, case.check)
            problems.setdefault(
                key,
                Problem(
                    raw.file,
                    str(case.check),
                    line=int(frame.at[row, "ligne"]),
                    column=found.get(str(case.column), str(case.column)),
                    value=str(case.failure_case),
                ),
            )
        ordered = sorted(problems.values(), key=lambda p: p.line or 0)
        raise ImportRefused(ordered[:MAX_SHOWN], total=len(ordered)) from None
    return _typed(frame, settings, millesime, outside)


def _typed(frame: pd.DataFrame, settings: Settings, millesime: int, outside: int) -> PreparedRpls:
    out = pd.DataFrame({"millesime": millesime, "ligne": frame["ligne"], "depcom": frame["depcom"]})
    out["libcom"] = frame.get("libcom", pd.Series(pd.NA, index=frame.index))
    out["libcom"] = out["libcom"].fillna(frame["depcom"].map(settings.commune_nom))
    parts = [frame[c].fillna("") for c in ("numvoie", "indrep", "typvoie", "nomvoie") if c in frame]
    address = parts[0].str.cat(parts[1:], sep=" ") if parts else pd.Series("", index=frame.index)
    out["adresse"] = address.str.replace(r"\s+", " ", regex=True).str.strip().replace("", pd.NA)
    out["codepostal"] = frame.get("codepostal")
    out["x"] = parse_numbers(frame["x"]) if frame["x"].notna().any() else float("nan")
    out["y"] = parse_numbers(frame["y"]) if frame["y"].notna().any() else float("nan")
    out["epsg"] = frame["epsg"]
    out["lon"], out["lat"] = float("nan"), float("nan")
    for code, rows in out[out["x"].notna() & out["y"].notna() & out["epsg"].notna()].groupby(
        "epsg"
    ):
        transformer = Transformer.from_crs(int(code), 4326, always_xy=True)
        lon, lat = transformer.transform(rows["x"].to_numpy(), rows["y"].to_numpy())
        out.loc[rows.index, "lon"] = lon
        out.loc[rows.index, "lat"] = lat
    plausible = pd.Series(False, index=out.index)
    for west, south, east, north in _PLAUSIBLE:
        plausible |= out["lon"].between(west, east) & out["lat"].between(south, north)
    out.loc[~plausible, ["lon", "lat"]] = float("nan")
    pieces = parse_numbers(frame["nbpiece"])
    out["nbpiece"] = pieces.astype("Int64")
    out["typologie"] = pieces.map(
        lambda n: None if pd.isna(n) else ("T6P" if n >= 6 else f"T{int(n)}")
    )
    out["surfhab"] = parse_numbers(frame["surfhab"])
    out["construct"] = parse_numbers(frame["construct"]).astype("Int64")
    out["finan_code"] = frame["finan_code"]
    out["financement"] = frame["finan_code"].map(FINAN_CODE_GROUPE).fillna("autre")
    qpv = frame["qpv_code"].str.replace(r"\.0$", "", regex=True)
    out["qpv"] = qpv.eq("1").fillna(False).astype(bool)
    out["qpv_libelle"] = frame.get("qpv_libelle")
    out["dpe"] = frame["dpeenergie"]
    out["typeconst"] = frame.get("typeconst")
    without = out.loc[out["lon"].isna(), "ligne"].astype(int).tolist()
    prepared = PreparedRpls(out, millesime, outside_rows=outside, without_coordinates=without)
    if outside:
        prepared.warnings.append(f"{outside} lignes hors des communes du territoire ignorées")
    if without:
        shown = ", ".join(str(n) for n in without[:30]) + (" …" if len(without) > 30 else "")
        prepared.warnings.append(
            f"{len(without)} logements sans coordonnées utilisables (gardés dans les chiffres "
            f"par commune, absents de la carte) : lignes {shown}"
        )
    return prepared
