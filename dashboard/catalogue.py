"""The catalogue of indicators: one spec beside each query (queries/<domaine>/<nom>.yml).

A spec says, once, what a query's figures are: the grain, each output column's French label,
kind (count, share, ratio, months, year, points, euros, date, text) and definition, which
counts a share or a mean rests on, the audience (public or members), the `cil indicateurs` key
a column publishes, and the fixtures its test is generated from. Pages, the annual report,
exports, the CLI and the publication for the public all read it from here: nothing else types
a label, a definition or a masking rule.

The format is documented in queries/README.md; `tests/test_catalogue.py` checks every spec
against its query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from dashboard.formatting import KINDS, kind_of
from dashboard.settings import QUERIES_DIR, Settings

AUDIENCES = ("public", "members")
SOURCES = ("SNE", "plan", "CCH", "RPLS", "observatoire")
# Dimensions of a fact (dashboard/publication.py): a count published twice under the same
# measure and the same dimensions is the same figure, masked the same way everywhere.
DIMENSIONS_WITH_PERIMETER = ("commune",)
# Dimensions whose values are alternatives, not parts: the facts of one cotation grid version
# add up to the same totals as those of another (dashboard/publication.py, `constraints`).
VARIANT_DIMENSIONS = ("grille",)
# A measure that is another measure broken down by one dimension: the same fact, whichever
# way a spec writes it (« demandes_actives_primo » = « demandes_actives » for public primo).
MEASURE_BREAKDOWNS: dict[str, tuple[str, str, str]] = {
    "demandes_actives_primo": ("demandes_actives", "public", "primo"),
    "demandes_actives_mutation": ("demandes_actives", "public", "mutation"),
}
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class CatalogueError(ValueError):
    """A spec is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Followed:
    """A column's row followed by the plan's evaluation (dashboard/evaluation.py): which row,
    under which theme and label, against which target. `where` values may hold a `{groupe}`
    placeholder, expanded over the settings' groups (one followed row each); `$annee` stands
    for the year evaluated."""

    theme: str
    order: int
    label: str = ""  # the row's label in the evaluation, {placeholders} filled; else the column's
    where: Mapping[str, Any] = field(default_factory=dict)  # default: the entry's publish_where
    target: str = ""  # a column of the same row, or « setting:<name> » (data/territoire.toml)
    higher_is_better: bool | None = None


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    kind: str
    short: str = ""  # a shorter label for cards and axes; the label stays in the help
    definition: str = ""
    source: str = ""
    rests_on: tuple[str, ...] = ()  # the counts a share, mean or median is computed from
    measure: str = ""  # the fact a count is (cross-table secrecy, dashboard/publication.py)
    publishes: str = ""  # dotted key of `cil indicateurs`, {column} placeholders allowed
    note: str = ""  # a caveat shown beside the figure (and written into its exports)
    # Dimension columns this count is the total over: a row's total (the denominator of its
    # share), the same fact as the row where these dimensions are at their total.
    over: tuple[str, ...] = ()
    # The entry's dimensions this count varies with (None: all of them); the year and the
    # perimeter always count. A total repeated on every row of a breakdown keeps only its own.
    dimensions: tuple[str, ...] | None = None
    secret: bool = True  # False for a count of dwellings in a table of households' counts
    evaluation: tuple[Followed, ...] = ()  # the rows the plan's evaluation follows

    @property
    def is_count(self) -> bool:
        return self.kind == "count"

    def label_for(self, params: Mapping[str, Any] | None = None, short: bool = False) -> str:
        return fill(self.short if short and self.short else self.label, params)


@dataclass(frozen=True)
class Dimension:
    """A key column that breaks a total down: the row whose value is `total` (NULL by
    default) adds up the others."""

    name: str  # canonical dimension of the fact (commune, typologie, guichet…)
    column: str
    total: Any = None
    # A long table holding several breakdowns (profil/repartition: one row per (dimension,
    # category)) takes each row's dimension name from this other column.
    name_from: str = ""

    def name_of(self, row: Mapping[str, Any]) -> str:
        return str(row[self.name_from]) if self.name_from else self.name


@dataclass(frozen=True)
class Fixture:
    name: str
    given: Mapping[str, Any]
    params: Mapping[str, Any]
    expect: tuple[Mapping[str, Any], ...]
    rows: int | None = None  # the exact number of rows, when the fixture says so


@dataclass(frozen=True)
class Entry:
    name: str  # the query's name: its path under queries/ without the extension
    title: str
    grain: str
    audience: str
    columns: Mapping[str, Column]
    keys: tuple[str, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    titles: Mapping[str, str] = field(default_factory=dict)
    definition: str = ""
    source: str = ""
    # How to run the query for one year and one perimeter (tokens: dashboard/publication.py),
    # for the publication, `cil indicateurs` and the agreement tests.
    params: Mapping[str, Any] = field(default_factory=dict)
    # Published for the public (and the report): None, or its options (series, perimeters).
    publication: Mapping[str, Any] | None = None
    # Which rows `cil indicateurs` reads its keys from (column: value; NULL allowed).
    publish_where: Mapping[str, Any] = field(default_factory=dict)
    secret: bool = True  # False for figures about dwellings, not households (RPLS)
    fixtures: tuple[Fixture, ...] = ()
    staging: bool = False
    # Counts of one row that add up to another count of the row (demands = mutations + primo).
    sums: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def public(self) -> bool:
        return self.audience == "public"

    def column(self, name: str) -> Column:
        try:
            return self.columns[name]
        except KeyError:
            raise KeyError(f"{self.name} : colonne inconnue du catalogue « {name} »") from None

    def label(self, column: str, params: Mapping[str, Any] | None = None) -> str:
        return self.column(column).label_for(params)

    def kinds(self) -> dict[str, str]:
        return {name: c.kind for name, c in self.columns.items()}

    def labels(self, params: Mapping[str, Any] | None = None) -> dict[str, str]:
        return {name: c.label_for(params) for name, c in self.columns.items()}

    def title_for(self, params: Mapping[str, Any] | None = None, which: str = "") -> str:
        if which:
            try:
                return fill(self.titles[which], params)
            except KeyError:
                raise KeyError(f"{self.name} : titre inconnu « {which} »") from None
        return fill(self.title, params)

    @property
    def counts(self) -> list[str]:
        """The columns counting households or demands (masked under the threshold); a count
        computed from others (a gap to a target) is hidden with them instead."""
        if not self.secret:
            return []
        return [n for n, c in self.columns.items() if c.is_count and c.secret and not c.rests_on]

    @property
    def derived(self) -> dict[str, tuple[str, ...]]:
        return {n: c.rests_on for n, c in self.columns.items() if c.rests_on}


def fill(text: str, params: Mapping[str, Any] | None) -> str:
    """`text` with its {placeholders} filled from `params` (and annee_precedente = annee-1,
    periode = « 2025 » or « 2019-2025 » from annee_debut and annee_fin); a placeholder with no
    value is left as it is, so a missing parameter shows."""
    values = dict(params or {})
    if "annee" in values and "annee_precedente" not in values:
        values["annee_precedente"] = int(values["annee"]) - 1
    if {"annee_debut", "annee_fin"} <= values.keys() and "periode" not in values:
        debut, fin = int(values["annee_debut"]), int(values["annee_fin"])
        values["periode"] = str(fin) if debut == fin else f"{debut}-{fin}"

    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    return _PLACEHOLDER.sub(one, text)


def _fail(path: Path, message: str) -> CatalogueError:
    return CatalogueError(f"{path.relative_to(QUERIES_DIR.parent)} : {message}")


def _column(path: Path, name: str, raw: Any) -> Column:
    if not isinstance(raw, dict):
        raise _fail(path, f"colonne « {name} » : un dictionnaire est attendu")
    unknown = (
        set(raw)
        - {f for f in Column.__dataclass_fields__ if f not in {"name", "kind"}}
        - {"format"}
    )
    if unknown:
        raise _fail(path, f"colonne « {name} » : champ(s) inconnu(s) {sorted(unknown)}")
    if "label" not in raw or "format" not in raw:
        raise _fail(path, f"colonne « {name} » : « label » et « format » sont obligatoires")
    try:
        kind = kind_of(str(raw["format"]))
    except ValueError:
        raise _fail(
            path, f"colonne « {name} » : format « {raw['format']} » inconnu ({', '.join(KINDS)})"
        ) from None
    source = str(raw.get("source", ""))
    if source and source not in SOURCES:
        raise _fail(path, f"colonne « {name} » : source « {source} » inconnue {SOURCES}")
    dimensions = raw.get("dimensions")
    if dimensions is not None and not isinstance(dimensions, list):
        raise _fail(path, f"colonne « {name} » : « dimensions » est une liste de dimensions")
    return Column(
        name=name,
        label=str(raw["label"]),
        kind=kind,
        short=str(raw.get("short", "")),
        definition=" ".join(str(raw.get("definition", "")).split()),
        source=source,
        rests_on=tuple(raw.get("rests_on", ())),
        measure=str(raw.get("measure", "")),
        publishes=str(raw.get("publishes", "")),
        note=" ".join(str(raw.get("note", "")).split()),
        over=tuple(raw.get("over", ())),
        dimensions=None if dimensions is None else tuple(str(d) for d in dimensions),
        secret=bool(raw.get("secret", True)),
        evaluation=_followed(path, name, raw.get("evaluation")),
    )


_FOLLOWED_FIELDS = {"theme", "order", "label", "where", "target", "higher_is_better"}


def _followed(path: Path, column: str, raw: Any) -> tuple[Followed, ...]:
    """The `evaluation:` block of a column: one dictionary, or a list of them (the same
    column followed on several rows: the total and each group)."""
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for item in items:
        where = f"colonne « {column} », evaluation"
        if not isinstance(item, dict):
            raise _fail(path, f"{where} : un dictionnaire est attendu")
        unknown = set(item) - _FOLLOWED_FIELDS
        if unknown:
            raise _fail(path, f"{where} : champ(s) inconnu(s) {sorted(unknown)}")
        if "theme" not in item or not isinstance(item.get("order"), int):
            raise _fail(path, f"{where} : « theme » et « order » (un entier) sont obligatoires")
        better = item.get("higher_is_better")
        if better is not None and not isinstance(better, bool):
            raise _fail(path, f"{where} : « higher_is_better » vaut true ou false")
        out.append(
            Followed(
                theme=str(item["theme"]),
                order=int(item["order"]),
                label=str(item.get("label", "")),
                where=dict(item.get("where") or {}),
                target=str(item.get("target", "")),
                higher_is_better=better,
            )
        )
    return tuple(out)


def _check_followed(path: Path, columns: Mapping[str, Column]) -> None:
    for column in columns.values():
        for followed in column.evaluation:
            for name in followed.where:
                if name not in columns:
                    raise _fail(
                        path, f"« {column.name} » : evaluation.where sur « {name} », absente"
                    )
            target = followed.target
            if target.startswith(SETTING):
                if target[len(SETTING) :] not in Settings.__dataclass_fields__:
                    raise _fail(path, f"« {column.name} » : paramètre « {target} » inconnu")
            elif target and target not in columns:
                raise _fail(path, f"« {column.name} » : objectif « {target} » absent des colonnes")


SETTING = "setting:"  # a target read from the settings, not from the row


def _fixture(path: Path, i: int, raw: Any) -> Fixture:
    if not isinstance(raw, dict) or "expect" not in raw:
        raise _fail(path, f"fixture n° {i + 1} : « expect » est obligatoire")
    given = raw.get("given", {})
    if isinstance(given, str):  # rows shared by several specs: a .yaml file under queries/
        shared = QUERIES_DIR / given
        if shared.suffix != ".yaml" or not shared.is_file():
            raise _fail(path, f"fixture n° {i + 1} : fichier de lignes introuvable « {given} »")
        given = _load_yaml(shared.read_text(encoding="utf-8"))
    return Fixture(
        name=str(raw.get("name", f"fixture {i + 1}")),
        given=given,
        params=raw.get("params", {}),
        expect=tuple(raw["expect"]),
        rows=raw.get("rows"),
    )


def parse(path: Path, raw: Any) -> Entry:
    name = path.relative_to(QUERIES_DIR).with_suffix("").as_posix()
    if not isinstance(raw, dict):
        raise _fail(path, "un dictionnaire YAML est attendu")
    for required in ("title", "grain", "audience", "columns"):
        if required not in raw:
            raise _fail(path, f"« {required} » est obligatoire")
    if raw["audience"] not in AUDIENCES:
        raise _fail(path, f"audience « {raw['audience']} » inconnue (attendu : public, members)")
    columns = {n: _column(path, n, c) for n, c in raw["columns"].items()}
    for column in columns.values():
        for base in column.rests_on:
            if base not in columns:
                raise _fail(path, f"« {column.name} » repose sur « {base} », absente du spec")
    _check_followed(path, columns)
    if any(c.evaluation for c in columns.values()) and not raw.get("params"):
        raise _fail(path, "une colonne suivie par l'évaluation demande « params »")
    dimensions = tuple(
        Dimension(
            name=str(d.get("name", column)),
            column=column,
            total=d.get("total"),
            name_from=str(d.get("name_from", "")),
        )
        for column, d in (raw.get("dimensions") or {}).items()
    )
    for dimension in dimensions:
        if dimension.column not in columns:
            raise _fail(path, f"dimension « {dimension.column} » absente des colonnes")
        if dimension.name_from and dimension.name_from not in columns:
            missing = dimension.name_from
            raise _fail(path, f"dimension « {dimension.column} » : colonne « {missing} » absente")
    dimension_columns = {d.column for d in dimensions}
    for column in columns.values():
        if set(column.over) - dimension_columns:
            raise _fail(path, f"« {column.name} » : « over » ne nomme pas des dimensions")
    names = {d.name for d in dimensions}
    for column in columns.values():
        unknown = set(column.dimensions or ()) - names
        if unknown:
            raise _fail(path, f"« {column.name} » : dimension(s) inconnue(s) {sorted(unknown)}")
    keys = tuple(raw.get("keys", ()))
    for key in keys:
        if key not in columns:
            raise _fail(path, f"clé « {key} » absente des colonnes")
    sums = []
    for item in raw.get("sums") or []:
        total, parts = item.get("total"), tuple(item.get("parts") or ())
        if total not in columns or not parts or any(p not in columns for p in parts):
            raise _fail(path, f"somme mal décrite : {item} (total et parts parmi les colonnes)")
        sums.append((total, parts))
    return Entry(
        name=name,
        title=str(raw["title"]),
        grain=" ".join(str(raw["grain"]).split()),
        audience=raw["audience"],
        columns=columns,
        keys=keys,
        dimensions=dimensions,
        titles=dict(raw.get("titles", {})),
        definition=" ".join(str(raw.get("definition", "")).split()),
        source=str(raw.get("source", "")),
        params=dict(raw.get("params") or {}),
        publication=_publication(path, raw.get("publication")),
        publish_where=dict(raw.get("publish_where") or {}),
        secret=bool(raw.get("secret", True)),
        fixtures=tuple(_fixture(path, i, f) for i, f in enumerate(raw.get("fixtures", []))),
        staging=name.startswith("staging/"),
        sums=tuple(sums),
    )


def _publication(path: Path, raw: Any) -> Mapping[str, Any] | None:
    if raw is None or raw is False:
        return None
    if raw is True:
        return {}
    if not isinstance(raw, dict) or set(raw) - {"series", "perimeters"}:
        raise _fail(path, "publication : true, ou {series: colonne, perimeters: territoire}")
    return raw


# libyaml's safe loader when PyYAML was built with it (the wheels are): the same documents,
# eight times faster than the pure-Python one (every process reads the ~100 specs at start).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # a safe loader: no Python objects built


def spec_path(name: str) -> Path:
    return QUERIES_DIR / f"{name}.yml"


def _specs() -> list[tuple[Path, Any]]:
    out = []
    for path in sorted(QUERIES_DIR.rglob("*.yml")):
        try:
            out.append((path, _load_yaml(path.read_text(encoding="utf-8"))))
        except yaml.YAMLError as exc:
            raise _fail(path, f"YAML illisible : {exc}") from None
    return out


@lru_cache(maxsize=1)
def entries() -> dict[str, Entry]:
    """Every spec of queries/, by query name (the staging specs apart: `staging_models`)."""
    out = {}
    for path, raw in _specs():
        if isinstance(raw, dict) and "staging" in raw:
            continue
        entry = parse(path, raw)
        out[entry.name] = entry
    return out


@dataclass(frozen=True)
class StagingModel:
    """A view or macro of queries/staging/: what one row is (`grain`) and its columns, or,
    for a scalar macro, its arguments and what it returns. `extends` names the table or view
    whose columns it keeps (the imported tables' are the data contract's); `call` is an
    example call of a table macro, with which its columns are checked."""

    name: str
    file: str  # the staging file, e.g. « staging/01_demandes »
    grain: str = ""
    source: str = ""
    extends: str = ""
    call: str = ""
    columns: Mapping[str, str] = field(default_factory=dict)
    arguments: tuple[str, ...] = ()
    returns: str = ""

    @property
    def is_table(self) -> bool:
        return bool(self.grain)


@lru_cache(maxsize=1)
def staging_models() -> dict[str, StagingModel]:
    """The models of queries/staging/ described by their specs, by view or macro name."""
    out: dict[str, StagingModel] = {}
    for path, raw in _specs():
        if not (isinstance(raw, dict) and "staging" in raw):
            continue
        file = path.relative_to(QUERIES_DIR).with_suffix("").as_posix()
        for name, model in (raw["staging"] or {}).items():
            if not isinstance(model, dict):
                raise _fail(path, f"« {name} » : un dictionnaire est attendu")
            unknown = set(model) - (set(StagingModel.__dataclass_fields__) - {"name", "file"})
            if unknown:
                raise _fail(path, f"« {name} » : champ(s) inconnu(s) {sorted(unknown)}")
            if bool(model.get("grain")) == bool(model.get("returns")):
                raise _fail(path, f"« {name} » : « grain » (vue, macro table) ou « returns »")
            source = str(model.get("source", ""))
            if source and source not in SOURCES:
                raise _fail(path, f"« {name} » : source « {source} » inconnue {SOURCES}")
            out[name] = StagingModel(
                name=name,
                file=file,
                grain=" ".join(str(model.get("grain", "")).split()),
                source=source,
                extends=str(model.get("extends", "")),
                call=str(model.get("call", "")),
                columns={str(k): str(v) for k, v in (model.get("columns") or {}).items()},
                arguments=tuple(str(a) for a in model.get("arguments", ())),
                returns=" ".join(str(model.get("returns", "")).split()),
            )
    return out


def entry(name: str) -> Entry:
    try:
        return entries()[name]
    except KeyError:
        raise CatalogueError(f"aucun spec pour la requête « {name} » ({name}.yml)") from None


def published_keys() -> dict[str, tuple[Entry, Column]]:
    """Each `cil indicateurs` key (its template) and the one column that publishes it."""
    out: dict[str, tuple[Entry, Column]] = {}
    for e in entries().values():
        for column in e.columns.values():
            if not column.publishes:
                continue
            if column.publishes in out:
                other = out[column.publishes]
                raise CatalogueError(
                    f"la clé « {column.publishes} » est publiée deux fois : {e.name}."
                    f"{column.name} et {other[0].name}.{other[1].name}"
                )
            out[column.publishes] = (e, column)
    return out
