"""The publication: what the public sees, computed once at import and masked as a whole.

As statistical offices publish, the public does not query the extracts: it reads a fixed set of
tables. For each catalogue entry with a `publication` block, the query runs for each single
year and for each perimeter (the whole territory, then each commune), with the parameters the
block gives. Every count of every table is a fact (its `measure` and its dimensions: year,
commune, and the entry's own breakdowns); the same fact shown by two tables must have the same
value (else the build fails: two definitions of one figure). Wherever facts add up (communes to
the territory, categories to their total), the sum is a constraint, and secondary suppression
(dashboard/secrecy.py) runs over the whole set at once: a count hidden in one table is hidden
in all, and none can be recovered from another table, another commune or a total.

Public pages, the annual report and `cil indicateurs --public` read only these tables
(`lookup`). Arbitrary commune selections and multi-year periods are for members, who query the
extracts directly (and see exact counts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import queue
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from dashboard import batched, queries, secrecy
from dashboard.catalogue import MEASURE_BREAKDOWNS, VARIANT_DIMENSIONS, Entry, entries
from dashboard.duck import execute, scalar
from dashboard.masking import FLAG, SECONDARY_FLAG
from dashboard.settings import Settings

TERRITORY = "*"  # the perimeter (and commune dimension) of the whole territory
META = "pub_meta"
# Parameter sets per statement (dashboard/batched.py), on a database of at most
# BATCH_MAX_DEMANDS demands. Batching pays where planning and per-statement costs dominate,
# not where scans do: demo (6 740 demands), the 42 runs of attributions/repartition 679 ms
# one by one, 57 ms batched; department (269 600), those of cotation/quantiles 2.7 s one by
# one, 12.1 s batched (each set multiplies the rows of the LATERAL join).
BATCH_SIZE = 48
BATCH_MAX_DEMANDS = 50_000
INDEX = "pub_cles"  # every (entry, parameters) published, even when its table is empty
_TOKENS = (
    "annee",
    "annee_precedente",
    "premiere_annee",
    "perimetre",
    "grille",
    "grilles",
    "delai_anormalement_long_mois",
)


class PublicationError(ValueError):
    """The catalogue cannot be published as it stands (the message says which entry)."""


class NotPublished(LookupError):
    """The view asked for is not in the publication (a members' view)."""


@dataclass(frozen=True)
class Run:
    entry: Entry
    params: dict[str, Any]
    year: int
    perimeter: str  # TERRITORY or an INSEE code


def table_name(entry: Entry) -> str:
    return "pub_" + re.sub(r"[^a-z0-9]+", "_", entry.name.lower())


def settings_digest(settings: Settings) -> str:
    """What the publication depends on in the settings (not the members' list, nor the
    addresses of the guichets): a change means the publication must be rebuilt."""
    relevant = (
        settings.communes,
        [(g.code, g.codes, g.par_defaut) for g in settings.guichets],
        settings.groupes_reservataires,
        settings.objectif_prioritaires_total,
        settings.situations_cia,
        settings.objectif_situations_cia,
        settings.objectif_q1_hors_qpv,
        settings.objectif_hors_q1_en_qpv,
        settings.commissions_par_trimestre,
        settings.seuil_secret,
        settings.delai_anormalement_long_mois,
        settings.premiere_annee,
        settings.grilles,
        settings.grille_cotation,
    )
    return hashlib.sha256(repr(relevant).encode()).hexdigest()[:16]


def params_key(params: Mapping[str, Any]) -> str:
    """The canonical text of a set of parameters (the communes in a fixed order)."""
    canonical = {}
    for name, value in params.items():
        if isinstance(value, list | tuple):
            value = sorted(value) if name == "communes" else list(value)
        canonical[name] = value
    return json.dumps(canonical, sort_keys=True, default=str)


def published_entries() -> list[Entry]:
    return [e for e in entries().values() if e.publication is not None]


def perimeters(entry: Entry, settings: Settings) -> list[str]:
    """The whole territory, then each commune when the query takes $communes and its block
    does not keep it to the territory."""
    block = entry.publication or {}
    takes_communes = "communes" in queries.parameters_of(entry.name)
    if not takes_communes or block.get("perimeters") == "territoire":
        return [TERRITORY]
    return [TERRITORY, *settings.insee_codes]


def resolve(
    entry: Entry, settings: Settings, year: int, communes: list[str], single_grid: bool = False
) -> list[dict]:
    """The parameters of `entry` for one year and a list of communes (`cil indicateurs`,
    the agreement tests): every combination when a token stands for several values (with
    `single_grid`, the settings' cotation grid only)."""
    perimeter = TERRITORY if sorted(communes) == sorted(settings.insee_codes) else "*list*"
    out = []
    names = list(entry.params)
    options = []
    for name in names:
        token = entry.params[name]
        if token == "perimetre":
            options.append([communes])
        elif single_grid and token == "grilles":
            options.append([settings.grille_cotation])
        else:
            options.append(_token(token, year, perimeter, settings))
    for combo in itertools.product(*options):
        out.append(dict(zip(names, combo, strict=True)))
    return out


def _token(value: Any, year: int, perimeter: str, settings: Settings) -> list[Any]:
    """The values a template token stands for (a list: `grilles` stands for every grid)."""
    if isinstance(value, list):
        options = [_token(v, year, perimeter, settings) for v in value]
        return [list(combo) for combo in itertools.product(*options)]
    if not isinstance(value, str) or value not in _TOKENS:
        return [value]
    return {
        "annee": lambda: [year],
        "annee_precedente": lambda: [year - 1],
        "premiere_annee": lambda: [settings.premiere_annee],
        "perimetre": lambda: [settings.insee_codes if perimeter == TERRITORY else [perimeter]],
        "grille": lambda: [settings.grille_cotation],
        "grilles": lambda: sorted({c.version for c in settings.grilles}),
        "delai_anormalement_long_mois": lambda: [settings.delai_anormalement_long_mois],
    }[value]()


def series_column(entry: Entry) -> str | None:
    """A series (one row per year up to the year asked) is published once, up to the last
    year; a request for an earlier year gets the rows up to it."""
    return (entry.publication or {}).get("series")


def runs(entry: Entry, settings: Settings, years: list[int]) -> Iterator[Run]:
    template = dict(entry.params)
    if series_column(entry) and years:
        years = [max(years)]
    wanted = queries.parameters_of(entry.name)
    missing = wanted - template.keys()
    if missing:
        raise PublicationError(f"{entry.name}.yml : publication sans valeur pour {sorted(missing)}")
    for year in years:
        for perimeter in perimeters(entry, settings):
            names = list(template)
            options = [_token(template[n], year, perimeter, settings) for n in names]
            for combo in itertools.product(*options):
                yield Run(entry, dict(zip(names, combo, strict=True)), year, perimeter)


def _fact_dimensions(
    run: Run, row: Mapping[str, Any], over: tuple[str, ...] = ()
) -> tuple[tuple[str, Any], ...]:
    """The dimensions of the facts of one row; a dimension at its total is left out, so that
    « all typologies » in one table and a table without typologies name the same fact. The
    dimension columns in `over` count as at their total (a column holding the row's total)."""
    dims: dict[str, Any] = {"annee": run.year, "commune": run.perimeter}
    for dimension in run.entry.dimensions:
        value = row[dimension.column]
        at_total = pd.isna(value) if dimension.total is None else value == dimension.total
        at_total = at_total or dimension.column in over
        # a row of the perimeter's own dimension (commune, year) replaces it
        if not at_total:
            dims[dimension.name_of(row)] = value.item() if hasattr(value, "item") else value
    return tuple(sorted((k, v) for k, v in dims.items() if v != TERRITORY))


def fact_of(entry: Entry, column: str, dims: tuple[tuple[str, Any], ...]) -> tuple:
    """The fact a count cell shows: its measure and the dimensions the column varies with
    (`dimensions` of the spec), a breakdown measure written as its base measure and its
    dimension (MEASURE_BREAKDOWNS)."""
    spec = entry.columns[column]
    if spec.dimensions is not None:
        keep = {"annee", "commune", *spec.dimensions}
        dims = tuple(d for d in dims if d[0] in keep)
    measure = spec.measure
    if measure in MEASURE_BREAKDOWNS:
        measure, name, value = MEASURE_BREAKDOWNS[measure]
        dims = tuple(sorted((*(d for d in dims if d[0] != name), (name, value))))
    return measure, dims


@dataclass
class _Cells:
    """Which fact each count cell of each published frame shows."""

    values: dict[tuple, int]
    where: dict[tuple, str]  # fact -> first table that showed it (for error messages)
    cells: list[tuple[int, int, str, tuple]]  # (frame index, row, column, fact)
    sums: list[tuple[tuple, tuple]]  # (total fact, part facts) declared by the specs


def _collect(frames: list[tuple[Run, pd.DataFrame]]) -> _Cells:
    collected = _Cells({}, {}, [], [])
    for index, (run, frame) in enumerate(frames):
        counts = [c for c in run.entry.counts if c in frame.columns]
        unmeasured = [c for c in counts if not run.entry.columns[c].measure]
        if unmeasured:
            raise PublicationError(
                f"{run.entry.name}.yml : les comptes {unmeasured} n'ont pas de « measure »"
            )
        for position, row in enumerate(_records(frame)):
            row_dims = _fact_dimensions(run, row)
            for column in counts:
                over = run.entry.columns[column].over
                dims = _fact_dimensions(run, row, over) if over else row_dims
                value = row[column]
                if value is None or pd.isna(value):
                    continue
                if float(value) != round(float(value)):
                    raise PublicationError(
                        f"{run.entry.name} : « {column} » vaut {value}, pas un effectif entier"
                    )
                fact = fact_of(run.entry, column, dims)
                count = round(float(value))
                if fact in collected.values and collected.values[fact] != count:
                    raise PublicationError(
                        f"Deux définitions pour un même chiffre : {fact} vaut "
                        f"{collected.values[fact]} dans {collected.where[fact]} et {count} dans "
                        f"{run.entry.name} ({params_key(run.params)})"
                    )
                collected.values[fact] = count
                collected.where.setdefault(fact, run.entry.name)
                collected.cells.append((index, position, column, fact))
            for total, parts in run.entry.sums:
                collected.sums.append(
                    (
                        fact_of(run.entry, total, row_dims),
                        tuple(fact_of(run.entry, p, row_dims) for p in parts),
                    )
                )
    return collected


def constraints(
    facts: Mapping[tuple, int], sums: Iterable[tuple[tuple, tuple]] = ()
) -> list[secrecy.Constraint]:
    """The sums among facts: for each measure and each dimension, the fact without that
    dimension (its total) and the facts that break it down; plus the sums the specs declare
    between measures (`sums`). A sum that holds is exact; parts that add up to less than
    their total (a category not shown) make an « at least »; parts that add up to more (a
    demand counted under several criteria) are no sum at all."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for measure, dims in facts:
        variants = tuple(d for d in dims if d[0] in VARIANT_DIMENSIONS)
        for name, _ in dims:
            if name == "annee" or name in VARIANT_DIMENSIONS:
                continue  # years are never added up, nor are the versions of a grid
            rest = tuple(d for d in dims if d[0] != name)
            groups[((measure, rest), name, ())].append((measure, dims))
            if variants:  # one version's parts also add up to the total without version
                plain = tuple(d for d in rest if d[0] not in VARIANT_DIMENSIONS)
                groups[((measure, plain), name, variants)].append((measure, dims))
    candidates = [(total, tuple(parts)) for (total, _, _), parts in groups.items()]
    candidates += list(sums)
    out, seen = [], set()
    for total, parts in candidates:
        if total not in facts or any(p not in facts for p in parts):
            continue
        parts = tuple(sorted(set(parts), key=str))
        if (total, parts) in seen:
            continue
        seen.add((total, parts))
        added = sum(facts[p] for p in parts)
        if added <= facts[total]:
            out.append(secrecy.Constraint(total, parts, exact=added == facts[total]))
    return out


def _records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """The rows of `frame` as dicts of Python values, as `to_dict("records")` gives them but
    column by column (a publication has hundreds of small frames: pandas' per-frame cost of
    `to_dict` was most of the collection's time)."""
    columns = list(frame.columns)
    for values in zip(*(frame[c].tolist() for c in columns), strict=True):
        yield dict(zip(columns, values, strict=True))


def protect(frames: list[tuple[Run, pd.DataFrame]], threshold: int) -> list[dict[str, np.ndarray]]:
    """The flags of each frame, column by column (FLAG + column: hidden; SECONDARY_FLAG +
    column: hidden to protect another cell, shown « secret »); `masked` empties the cells."""
    collected = _collect(frames)
    lines = constraints(collected.values, collected.sums)
    status = secrecy.suppress(collected.values, lines, threshold)
    # hidden cells by frame and column, set in one assignment each (not cell by cell)
    hidden: dict[tuple[int, str], list[int]] = defaultdict(list)
    secondary: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, position, column, fact in collected.cells:
        if fact in status:
            hidden[(index, column)].append(position)
            if status[fact] == secrecy.SECONDARY:
                secondary[(index, column)].append(position)
    out = []
    for index, (run, frame) in enumerate(frames):
        flags: dict[str, np.ndarray] = {}
        for column in run.entry.counts:
            if column in frame.columns:
                for prefix, positions in ((FLAG, hidden), (SECONDARY_FLAG, secondary)):
                    flag = np.zeros(len(frame), dtype=bool)
                    flag[positions.get((index, column), [])] = True
                    flags[prefix + column] = flag
        for column, bases in run.entry.derived.items():
            if column in frame.columns:
                flag = flags.get(FLAG + column, np.zeros(len(frame), dtype=bool)).copy()
                for base in bases:
                    if FLAG + base in flags:
                        flag |= flags[FLAG + base]
                flags[FLAG + column] = flag
        out.append(flags)
    return out


def masked(
    entry: Entry, parts: Sequence[tuple[Run, pd.DataFrame, dict[str, np.ndarray]]]
) -> pd.DataFrame:
    """The published table of `entry`: its frames one after the other, each row with its
    parameters' key and rank, hidden cells emptied, flag columns beside. Assembled once per
    entry, not per frame (a cell emptied in one frame makes the column float either way)."""
    table = pd.concat([frame for _, frame, _ in parts], ignore_index=True)
    lengths = [len(frame) for _, frame, _ in parts]
    names = list(dict.fromkeys(name for _, _, flags in parts for name in flags))
    flags = {
        name: np.concatenate(
            [
                f.get(name, np.zeros(n, dtype=bool))
                for (_, _, f), n in zip(parts, lengths, strict=True)
            ]
        )
        for name in names
    }
    for column in entry.columns:
        flag = flags.get(FLAG + column)
        if flag is not None and column in table.columns and flag.any():
            table[column] = table[column].mask(flag)
    keys = np.repeat(
        np.array([params_key(run.params) for run, _, _ in parts], dtype=object), lengths
    )
    ranks = np.concatenate([np.arange(n, dtype=np.int64) for n in lengths])
    front = pd.DataFrame({"_cle": keys, "_rang": ranks})
    return pd.concat([front, table, pd.DataFrame(flags)], axis=1)


def available_years(con: duckdb.DuckDBPyConnection, settings: Settings) -> list[int]:
    frame = queries.run(con, "commun/annees_disponibles", premiere_annee=settings.premiere_annee)
    return [int(y) for y in frame["annee"]]


def build(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    readers: Sequence[duckdb.DuckDBPyConnection] = (),
) -> None:
    """Rebuilds every publication table in `con` (a prepared read-write connection, inside
    the import's transaction). The queries run on `readers` at once when given (prepared
    cursors that see the same data), else one after the other on `con`."""
    years = available_years(con, settings)
    published = published_entries()
    # on the models built just before (dashboard/models.py)
    planned = [run for entry in published for run in runs(entry, settings, years)]
    size = (
        BATCH_SIZE if scalar(con, "SELECT count(*) FROM stg_demandes") <= BATCH_MAX_DEMANDS else 1
    )
    frames = list(zip(planned, _results(planned, con, readers, size), strict=True))
    flags = protect(frames, settings.seuil_secret)
    index = pd.DataFrame(
        [(run.entry.name, params_key(run.params)) for run, _ in frames], columns=["entree", "cle"]
    )
    con.register("_index", index)
    execute(con, f"CREATE OR REPLACE TABLE {INDEX} AS SELECT DISTINCT * FROM _index")
    con.unregister("_index")
    by_entry: dict[str, list[tuple[Run, pd.DataFrame, dict[str, np.ndarray]]]] = defaultdict(list)
    for (run, frame), frame_flags in zip(frames, flags, strict=True):
        by_entry[run.entry.name].append((run, frame, frame_flags))
    for entry in published:
        parts = by_entry.get(entry.name, [])
        table = table_name(entry)
        if not parts:
            execute(con, f"DROP TABLE IF EXISTS {table}")
            continue
        con.register("_publication", masked(entry, parts))
        execute(con, f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _publication")
        con.unregister("_publication")
    execute(
        con,
        f"CREATE OR REPLACE TABLE {META} AS SELECT ? AS empreinte, ? AS seuil, ? AS construite,"
        " ? AS entrees, ? AS derniere_annee",
        [
            settings_digest(settings),
            settings.seuil_secret,
            dt.datetime.now(),
            json.dumps(sorted(e.name for e in published)),
            max(years) if years else None,
        ],
    )


def _results(
    planned: list[Run],
    con: duckdb.DuckDBPyConnection,
    readers: Sequence[duckdb.DuckDBPyConnection],
    batch_size: int = BATCH_SIZE,
) -> list[pd.DataFrame]:
    """The result of each run, in order. The runs of one entry go as one statement per batch
    of `batch_size` (dashboard/batched.py; 1: one statement per run); with several readers,
    each takes the next batch as soon as it is free, the longest first, so the batches share
    the cores (DuckDB releases the GIL)."""
    batches: list[tuple[int, str, list[Run]]] = []
    start = 0
    for name, group in itertools.groupby(planned, key=lambda run: run.entry.name):
        group_runs = list(group)
        for at in range(0, len(group_runs), batch_size):
            batches.append((start + at, name, group_runs[at : at + batch_size]))
        start += len(group_runs)
    results: list[pd.DataFrame | None] = [None] * len(planned)

    def one(batch: tuple[int, str, list[Run]], cursor: duckdb.DuckDBPyConnection) -> None:
        first, name, batch_runs = batch
        frames = batched.run_many(cursor, name, [run.params for run in batch_runs])
        results[first : first + len(frames)] = frames

    if len(readers) < 2:
        for batch in batches:
            one(batch, con)
        return results  # type: ignore[return-value]
    free: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
    for reader in readers:
        free.put(reader)

    def on_free_reader(batch: tuple[int, str, list[Run]]) -> None:
        reader = free.get()
        try:
            one(batch, reader)
        finally:
            free.put(reader)

    longest_first = sorted(batches, key=lambda batch: -len(batch[2]))
    with ThreadPoolExecutor(len(readers)) as pool:
        list(pool.map(on_free_reader, longest_first))
    return results  # type: ignore[return-value]


def _series_request(
    con: duckdb.DuckDBPyConnection, entry: Entry, params: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """The year asked, and the parameters of the one published run of a series."""
    template = entry.params
    year_params = [name for name, token in template.items() if token == "annee"]
    if not year_params:
        raise PublicationError(f"{entry.name}.yml : une série doit prendre l'année (« annee »)")
    asked = int(params[year_params[0]])
    last = scalar(con, f"SELECT derniere_annee FROM {META}")
    return asked, {**params, **dict.fromkeys(year_params, last)}


def check_current(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    """Raises NotPublished, with a French message, when the publication is missing or was
    built for other settings (another threshold, other communes…)."""
    try:
        digest = scalar(con, f"SELECT empreinte FROM {META}")
    except duckdb.CatalogException:
        raise NotPublished(
            "Les chiffres publics n'ont pas encore été préparés pour cette base : lancez "
            "« cil publier » (ou importez un extrait)."
        ) from None
    if digest != settings_digest(settings):
        raise NotPublished(
            "Les paramètres du territoire ont changé depuis la préparation des chiffres "
            "publics : lancez « cil publier » pour les mettre à jour."
        )


def lookup(con: duckdb.DuckDBPyConnection, entry: Entry, params: Mapping[str, Any]) -> pd.DataFrame:
    """The published table of `entry` for `params` (the parameters its query takes)."""
    if entry.publication is None:
        raise NotPublished(f"« {entry.title} » n'est pas publié pour le public.")
    wanted = queries.parameters_of(entry.name)
    params = {k: v for k, v in params.items() if k in wanted}
    series = series_column(entry)
    if series:
        asked, params = _series_request(con, entry, params)
    key = params_key(params)
    try:
        frame = con.execute(
            f"SELECT * EXCLUDE (_cle, _rang) FROM {table_name(entry)} WHERE _cle = ? "
            "ORDER BY _rang",
            [key],
        ).df()
    except duckdb.CatalogException:
        frame = pd.DataFrame()
    if series and not frame.empty:
        frame = frame[frame[series] <= asked].reset_index(drop=True)
    if frame.empty:
        exists = scalar(
            con, f"SELECT count(*) FROM {INDEX} WHERE entree = ? AND cle = ?", [entry.name, key]
        )
        if not exists:
            raise NotPublished(
                f"« {entry.title} » n'est publié que pour une année à la fois, pour tout le "
                "territoire ou pour une commune."
            )
    return frame
