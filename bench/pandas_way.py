"""The same indicators computed the way a typical pandas dashboard does on every rerun: read
the extracts from Parquet into pandas, filter, group. Each is paired with the query of the
product that answers the same question, run warm on a prepared cursor, for the ratio."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from bench.pages import median
from dashboard import queries
from dashboard.db import Database
from dashboard.settings import Settings, get_settings

TABLES = ("demandes", "attributions", "logements")
# Registrations per guichet: no page had this query when the benchmark was written; the SQL
# below reads the same staging view as the pages do.
GUICHETS_SQL = """
SELECT guichet_code, count(*) AS enregistrements
FROM stg_demandes
WHERE annee_depot = $annee AND list_contains($communes, commune_principale)
GROUP BY guichet_code
"""


def export_parquet(db: Path, folder: Path) -> dict[str, Path]:
    """The extracts as Parquet files, the store a pandas dashboard would read (once)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {t: folder / f"{t}.parquet" for t in TABLES}
    if all(p.exists() and p.stat().st_mtime >= db.stat().st_mtime for p in paths.values()):
        return paths
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, path in paths.items():
            con.execute(f"COPY {table} TO '{path}' (FORMAT parquet)").fetchall()
    finally:
        con.close()
    return paths


def _read(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A Parquet file into pandas, dates as datetimes (Parquet dates come back as objects)."""
    frame = pd.read_parquet(path, columns=columns)
    for column in frame.columns:
        if column.startswith("date_"):
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year, 12, 31)


def _demandes(paths: dict[str, Path], communes: list[str]) -> pd.DataFrame:
    d = _read(paths["demandes"])
    d["commune_principale"] = d["communes_souhaitees"].str[0]
    return d[d["commune_principale"].isin(communes)]


def _actives(d: pd.DataFrame, year: int) -> pd.DataFrame:
    end = _end(year)
    radiation = d["date_radiation"]
    return d[(d["date_depot"] <= end) & (radiation.isna() | (radiation > end))]


def pandas_chiffres_cles(paths, settings: Settings, year: int) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """The same counts as accueil/chiffres_cles: active file on 31/12, registrations, leases
    signed in the year (SNE's satisfied demands) and decisions taken in the year."""
    communes = settings.insee_codes
    d = _demandes(paths, communes)
    a = _read(paths["attributions"])
    a = a[a["commune"].isin(communes)]
    row = {
        "annee": year,
        "demandes_actives": len(_actives(d, year)),
        "enregistrements": int((d["date_depot"].dt.year == year).sum()),
        "attributions": int((a["date_bail"].dt.year == year).sum()),
        "decisions": int((a["date_attribution"].dt.year == year).sum()),
    }
    return pd.DataFrame([row])


def pandas_pression(paths, settings: Settings, year: int) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    communes = settings.insee_codes
    act = _actives(_demandes(paths, communes), year)
    a = _read(paths["attributions"])
    a = a[(a["date_attribution"].dt.year == year) & a["commune"].isin(communes)]
    parc = _read(paths["logements"])
    parc = parc[(parc["millesime"] == parc["millesime"].max()) & parc["depcom"].isin(communes)]
    out = pd.DataFrame(
        {
            "demandes_actives": act.groupby("commune_principale").size(),
            "attributions": a.groupby("commune").size(),
            "logements": parc.groupby("depcom").size(),
        }
    ).fillna(0)
    out["pression"] = out["demandes_actives"] / out["attributions"]
    out["demandes_pour_100_logements"] = 100 * out["demandes_actives"] / out["logements"]
    return out


def pandas_reservataires(paths, settings: Settings, year: int) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    a = _read(paths["attributions"])
    a = a[(a["date_attribution"].dt.year == year) & a["commune"].isin(settings.insee_codes)]
    a = a.assign(
        groupe=a["contingent"].map(settings.groupe_par_contingent).fillna("non_classe"),
        effective=a["date_bail"].notna(),
        qpv_code=a["qpv"].map({True: "qpv", False: "hors_qpv"}),
    )
    parts = []
    for dimension in ("commune", "groupe", "typologie", "financement", "qpv_code", "bailleur"):
        g = a.groupby(dimension).agg(attributions=("effective", "size"), baux=("effective", "sum"))
        g["part"] = g["attributions"] / g["attributions"].sum()
        parts.append(g.assign(dimension=dimension))
    return pd.concat(parts)


def pandas_guichets(paths, settings: Settings, year: int) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    d = _demandes(paths, settings.insee_codes)
    d = d[d["date_depot"].dt.year == year]
    default = settings.guichet_autre.code
    guichet = d["guichet"].map(settings.guichet_par_code_source).fillna(default)
    return guichet.value_counts().rename("enregistrements").to_frame()


@dataclass(frozen=True)
class Pair:
    label: str
    pandas: Callable[..., pd.DataFrame]
    query: str  # a query of the product, or SQL when it starts with SELECT
    params: Callable[[Settings, int, int], dict]


PAIRS = [
    Pair(
        "Chiffres clés (file active, enregistrements, baux signés, décisions)",
        pandas_chiffres_cles,
        "accueil/chiffres_cles",
        lambda s, y, m: {"annee": y, "communes": s.insee_codes},
    ),
    Pair(
        "Pression par commune (file active, attributions, parc)",
        pandas_pression,
        "parc/demande_parc",
        lambda s, y, m: {"annee": y, "millesime": m, "communes": s.insee_codes, "typologies": []},
    ),
    Pair(
        "Attributions par réservataire, commune, typologie, financement, QPV, bailleur",
        pandas_reservataires,
        "attributions/repartition",
        lambda s, y, m: {"annee_debut": y, "annee_fin": y, "communes": s.insee_codes},
    ),
    Pair(
        "Enregistrements par guichet",
        pandas_guichets,
        GUICHETS_SQL,
        lambda s, y, m: {"annee": y, "communes": s.insee_codes},
    ),
]


@dataclass
class Comparison:
    label: str
    pandas_s: float
    ours_s: float
    pandas_cpu: float = float("nan")
    ours_cpu: float = float("nan")

    @property
    def ratio(self) -> float:
        return self.pandas_s / self.ours_s if self.ours_s else float("nan")


def _timed(func: Callable[[], object], repeats: int, warmup: bool = True) -> tuple[float, float]:
    """Median wall-clock and CPU times of `repeats` calls, after a warm-up call if asked."""
    times, cpus = [], []
    for i in range(repeats + warmup):
        started, cpu = time.perf_counter(), time.process_time()
        func()
        if i or not warmup:
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
    return median(times), median(cpus)


def compare(
    db: Path, parquet_dir: Path, year: int, repeats: int, warmup: bool = True
) -> list[Comparison]:
    """At the national scale a pandas run takes many seconds: its warm-up can be skipped
    (reading Parquet is then measured with the file in the system's cache or not)."""
    settings = get_settings()
    paths = export_parquet(db, parquet_dir)
    millesime = int(pd.read_parquet(paths["logements"], columns=["millesime"])["millesime"].max())
    database = Database(db, settings)
    out = []
    try:
        with database.cursor() as cursor:
            for pair in PAIRS:
                params = pair.params(settings, year, millesime)
                if pair.query.lstrip().upper().startswith("SELECT"):
                    ours = lambda p=pair, k=params: cursor.execute(p.query, k).df()  # noqa: E731
                else:
                    ours = lambda p=pair, k=params: queries.run(cursor, p.query, **k)  # noqa: E731
                ours_s, ours_cpu = _timed(ours, repeats)
                pandas_s, pandas_cpu = _timed(
                    lambda p=pair: p.pandas(paths, settings, year), repeats, warmup
                )
                out.append(Comparison(pair.label, pandas_s, ours_s, pandas_cpu, ours_cpu))
    finally:
        database.close()
    return out
