"""Validation of an extract against the data contract, with pandera.

The pandera schema is generated from dashboard.contract; each failure becomes a French
Problem naming file, line, column, value and rule. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from dashboard.contract import BOOL_FALSE, BOOL_TRUE, Column, Extract
from dashboard.importer.errors import MAX_SHOWN, ImportRefused, Problem
from dashboard.importer.reader import RawTable, header_key

INSEE_PATTERN = r"^(?:\d{5}|2[AB]\d{3})$"
INSEE_LIST_PATTERN = r"^(?:\d{5}|2[AB]\d{3})(?:\|(?:\d{5}|2[AB]\d{3}))*$"
ID_PATTERN = r"^[^\s;,|]{1,64}$"
CODE_LIST_PATTERN = r"^[a-z0-9_]+(?:\|[a-z0-9_]+)*$"
MIN_DATE = pd.Timestamp("1990-01-01")
MAX_TEXT = 4000

RULE_MISSING = "valeur obligatoire manquante"
RULE_DUPLICATE = "identifiant en double (il doit être unique dans le fichier)"
RULE_DATE = "date invalide (attendu JJ/MM/AAAA ou AAAA-MM-JJ, date existante)"


@dataclass
class Validated:
    """A validated extract, typed, ready to load."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def by_distinct(parse: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
    """Applies `parse` to each distinct text once: an extract of millions of rows holds a few
    thousand distinct dates, numbers or yes/no values (the national demand extract took tens
    of minutes to validate when every row was parsed, four times per date column)."""

    def parse_distinct(values: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(values.astype("str"))
        if len(uniques) == 0:
            return parse(values)
        parsed = parse(pd.Series(uniques, dtype="str"))
        out = parsed.take(np.maximum(codes, 0)).where(codes >= 0)
        out.index = values.index
        return out

    return parse_distinct


@by_distinct
def parse_dates(values: pd.Series) -> pd.Series:
    """JJ/MM/AAAA or AAAA-MM-JJ (a time part after a space or T is ignored); NaT otherwise."""
    text = values.astype("str").str.strip().str.replace(r"[ T].*$", "", regex=True)
    french = pd.to_datetime(text, format="%d/%m/%Y", errors="coerce")
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return french.fillna(iso).astype("datetime64[s]")


@by_distinct
def parse_numbers(values: pd.Series) -> pd.Series:
    cleaned = (
        values.astype("str").str.replace("\u202f", "").str.replace("\xa0", "").str.replace(" ", "")
    )
    return pd.to_numeric(cleaned.str.replace(",", ".", regex=False), errors="coerce")


@by_distinct
def _bool_values(values: pd.Series) -> pd.Series:
    lowered = values.astype("str").str.strip().str.lower()
    return lowered.map(
        {**dict.fromkeys(BOOL_TRUE, True), **dict.fromkeys(BOOL_FALSE, False)}
    ).astype("boolean")


def match_columns(raw: RawTable, extract: Extract) -> tuple[pd.DataFrame, list[str]]:
    """Renames the file's headers to the contract's names; refuses duplicated and missing
    ones (identifying columns were refused before, dashboard/importer/identifying.py);
    returns the frame and the warnings (ignored columns)."""
    problems: list[Problem] = []
    wanted = {header_key(c.name): c for c in extract.columns}
    seen: dict[str, str] = {}
    renames: dict[str, str] = {}
    ignored: list[str] = []
    for header in raw.headers:
        key = header_key(header)
        if key in seen:
            problems.append(
                Problem(
                    raw.file,
                    f"colonne en double (déjà présente sous le nom « {seen[key]} »)",
                    line=1,
                    column=header,
                )
            )
            continue
        seen[key] = header
        if key in wanted:
            renames[header] = wanted[key].name
        else:
            ignored.append(header)
    for column in extract.columns:
        if column.required and header_key(column.name) not in seen:
            problems.append(
                Problem(
                    raw.file,
                    f"colonne obligatoire absente ({column.description})",
                    line=1,
                    column=column.name,
                )
            )
    if problems:
        raise ImportRefused(problems)
    frame = raw.frame[list(renames)].rename(columns=renames)
    for column in extract.columns:
        if column.name not in frame.columns:
            frame[column.name] = pd.Series(pd.NA, index=frame.index, dtype="str")
    frame = frame[[c.name for c in extract.columns]]
    warnings = []
    if ignored:
        warnings.append("colonnes ignorées (hors contrat) : " + ", ".join(ignored))
    return frame, warnings


def _normalise(frame: pd.DataFrame, extract: Extract) -> pd.DataFrame:
    """Trims values, turns empty strings into missing values and puts codes in their
    canonical case (motif '1' becomes '01'); original values stay for the error messages."""
    out = frame.copy()
    for column in extract.columns:
        values = out[column.name].astype("str").str.strip()
        values = values.mask(values == "")
        if column.type == "code" and column.allowed:
            canonical = {a.lower(): a for a in column.allowed}
            if all(a.isdigit() for a in column.allowed):
                width = len(column.allowed[0])
                values = values.where(
                    ~values.str.fullmatch(r"\d+").fillna(False), values.str.zfill(width)
                )
            mapped = values.str.lower().map(canonical)
            values = mapped.where(mapped.notna(), values)
        elif column.type in ("insee_list", "codes"):
            values = values.str.replace(r"\s*\|\s*", "|", regex=True)
            if column.type == "codes":
                values = values.str.lower()
        elif column.type == "insee":
            values = values.str.upper()
        out[column.name] = values.astype("str")
    return out


def _checks(column: Column, max_date: pd.Timestamp) -> list[pa.Check]:
    t = column.type
    checks: list[pa.Check] = []
    if t == "date":
        checks.append(pa.Check(lambda s: parse_dates(s).notna(), error=RULE_DATE))
        checks.append(
            pa.Check(
                lambda s: parse_dates(s).between(MIN_DATE, max_date) | parse_dates(s).isna(),
                error=f"date hors de la période plausible (1990 à {max_date:%d/%m/%Y})",
            )
        )
    elif t in ("int", "year"):
        checks.append(pa.Check.str_matches(r"^[+-]?\d+$", error="nombre entier attendu"))
    elif t == "number":
        checks.append(pa.Check(lambda s: parse_numbers(s).notna(), error="nombre attendu"))
    elif t == "bool":
        checks.append(
            pa.Check(
                lambda s: _bool_values(s).notna(), error="valeur oui/non attendue (oui, non, 1, 0)"
            )
        )
    elif t == "code":
        allowed = ", ".join(column.allowed)
        checks.append(
            pa.Check.isin(list(column.allowed), error=f"code inconnu (attendu : {allowed})")
        )
    elif t == "insee":
        checks.append(
            pa.Check.str_matches(INSEE_PATTERN, error="code INSEE invalide (5 caractères)")
        )
    elif t == "insee_list":
        checks.append(
            pa.Check.str_matches(
                INSEE_LIST_PATTERN,
                error="liste de codes INSEE invalide (codes à 5 caractères séparés par |)",
            )
        )
    elif t == "codes":
        checks.append(
            pa.Check.str_matches(
                CODE_LIST_PATTERN,
                error="liste de codes invalide (codes en minuscules séparés par |)",
            )
        )
    elif t == "id":
        checks.append(
            pa.Check.str_matches(
                ID_PATTERN, error="identifiant invalide (sans espace, 64 caractères au plus)"
            )
        )
    elif t == "text":
        checks.append(
            pa.Check(
                lambda s: s.str.len() <= MAX_TEXT,
                error=f"texte trop long (plus de {MAX_TEXT} caractères)",
            )
        )
    if column.minimum is not None or column.maximum is not None:
        low = column.minimum if column.minimum is not None else float("-inf")
        high = column.maximum if column.maximum is not None else float("inf")
        checks.append(
            pa.Check(
                lambda s, low=low, high=high: (
                    parse_numbers(s).between(low, high) | parse_numbers(s).isna()
                ),
                error=f"valeur hors des bornes ({_fmt(low)} à {_fmt(high)})",
            )
        )
    return checks


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


@dataclass(frozen=True)
class RowRule:
    """A rule between columns of one row; `column` is the one named in the message."""

    column: str
    error: str
    test: object  # Callable[[pd.DataFrame], pd.Series], True where the row is valid


def _dates(frame: pd.DataFrame, name: str) -> pd.Series:
    return parse_dates(frame[name])


ROW_RULES: dict[str, list[RowRule]] = {
    "demandes": [
        RowRule(
            "date_radiation",
            "radiation antérieure au dépôt de la demande",
            lambda f: ~(_dates(f, "date_radiation") < _dates(f, "date_depot")),
        ),
        RowRule(
            "date_renouvellement",
            "renouvellement antérieur au dépôt de la demande",
            lambda f: ~(_dates(f, "date_renouvellement") < _dates(f, "date_depot")),
        ),
        RowRule(
            "motif_radiation",
            "motif de radiation manquant alors que la demande est radiée",
            lambda f: ~(f["date_radiation"].notna() & f["motif_radiation"].isna()),
        ),
        RowRule(
            "motif_radiation",
            "motif de radiation renseigné pour une demande sans date de radiation",
            lambda f: ~(f["date_radiation"].isna() & f["motif_radiation"].notna()),
        ),
    ],
    "attributions": [
        RowRule(
            "date_bail",
            "bail signé avant la décision d'attribution",
            lambda f: ~(_dates(f, "date_bail") < _dates(f, "date_attribution")),
        ),
        RowRule(
            "motif_sans_bail",
            "motif sans bail renseigné pour une attribution dont le bail est signé",
            lambda f: ~(f["date_bail"].notna() & f["motif_sans_bail"].notna()),
        ),
    ],
}


def build_schema(extract: Extract, max_date: pd.Timestamp) -> pa.DataFrameSchema:
    columns = {
        c.name: pa.Column(
            "str",
            nullable=c.nullable,
            unique=c.unique,
            checks=_checks(c, max_date),
            coerce=False,
        )
        for c in extract.columns
    }
    wide = [
        pa.Check(rule.test, error=rule.error, ignore_na=False)
        for rule in ROW_RULES.get(extract.kind, [])
    ]
    return pa.DataFrameSchema(columns, checks=wide, strict=False)


def _problems_from(
    errors: SchemaErrors, raw: RawTable, extract: Extract, original: pd.DataFrame
) -> tuple[list[Problem], int]:
    """The first problems (in file order) and their total. Vectorised: a file where every
    row is wrong gives millions of failure cases (a 95 Mo file took 6 minutes and 2 Go when
    each case became a Problem), and only MAX_SHOWN are shown."""
    rule_columns = {r.error: r.column for r in ROW_RULES.get(extract.kind, [])}
    cases = errors.failure_cases
    cases = cases[cases["index"].notna()]
    checks = cases["check"].astype("str")
    by_row_rule = checks.isin(list(rule_columns))
    renamed = {"not_nullable": RULE_MISSING, "field_uniqueness": RULE_DUPLICATE}
    keyed = pd.DataFrame(
        {
            "row": cases["index"].astype("int64"),
            "column": checks.map(rule_columns).where(by_row_rule, cases["column"].astype("str")),
            "rule": checks.where(by_row_rule, checks.replace(renamed)),
        }
    ).drop_duplicates()
    first = keyed.sort_values(["row", "column"], kind="stable").head(MAX_SHOWN)
    problems = []
    for row, column, rule in first.itertuples(index=False):
        value = original.at[row, column] if column in original.columns else None
        value_text = None if value is None or pd.isna(value) else str(value)
        problems.append(
            Problem(raw.file, rule, line=raw.line(row), column=column, value=value_text)
        )
    return problems, len(keyed)


def _typed(frame: pd.DataFrame, extract: Extract) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for column in extract.columns:
        values = frame[column.name]
        if column.type == "date":
            out[column.name] = parse_dates(values)
        elif column.type in ("int", "year"):
            out[column.name] = parse_numbers(values).astype("Int64")
        elif column.type == "number":
            out[column.name] = parse_numbers(values).astype("Float64")
        elif column.type == "bool":
            out[column.name] = _bool_values(values)
        else:
            out[column.name] = values
    return out.reset_index(drop=True)


def validate(raw: RawTable, extract: Extract, extraction_date: dt.date | None = None) -> Validated:
    frame, warnings = match_columns(raw, extract)
    if frame.empty:
        if raw.problems:  # every row was unreadable (a truncated file): say why
            raise ImportRefused(raw.problems[:MAX_SHOWN], total=len(raw.problems))
        raise ImportRefused([Problem(raw.file, "aucune ligne de données (en-tête seul)")])
    original = frame.astype("str")
    normalised = _normalise(frame, extract)
    max_date = pd.Timestamp(extraction_date or dt.date.today()) + pd.Timedelta(days=1)
    problems, total = list(raw.problems), len(raw.problems)
    try:
        build_schema(extract, max_date).validate(normalised, lazy=True)
    except SchemaErrors as errors:
        found, count = _problems_from(errors, raw, extract, original)
        problems, total = problems + found, total + count
    if problems:
        raise ImportRefused(problems[:MAX_SHOWN], total=total)
    return Validated(_typed(normalised, extract), warnings)
