"""The three scales of the benchmark and their demo databases, built once and cached.

One `--echelle` factor would give a department or the country the CCVG's ratios (more active
demands than social dwellings); the attributions and the RPLS stock get factors of their own
so that each scale has the volumes of the issue: a department of about 100,000 active demands
and 180,000 dwellings; the country with 2.6 million active demands, about 400,000
attributions a year and 5.4 million dwellings. At scale 1 the demo has 2,524 active demands at
the extraction date, 140 attributions a year and 1,650 dwellings.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dashboard.schema import SCHEMA_VERSION
from dashboard.settings import REPO_DIR

# BENCH_CACHE: another folder (the test of the benchmark builds in a temporary one).
CACHE = Path(os.environ.get("BENCH_CACHE", REPO_DIR / "bench" / "cache"))
SEED = 2026


@dataclass(frozen=True)
class Scale:
    name: str
    label: str
    demandes: float
    attributions: float
    parc: float

    @property
    def db(self) -> Path:
        return CACHE / f"{self.name}.duckdb"

    @property
    def extracts(self) -> Path:
        return CACHE / f"{self.name}_extraits"

    @property
    def meta_path(self) -> Path:
        return CACHE / f"{self.name}.json"

    def key(self) -> dict:
        return {**asdict(self), "graine": SEED, "schema": SCHEMA_VERSION}

    def years(self) -> list[int]:
        """The years the scale's database covers, as the dashboard lists them."""
        from dashboard.db import Database
        from dashboard.publication import available_years

        database = Database(self.db)
        try:
            with database.cursor() as cursor:
                return available_years(cursor, database.settings)
        finally:
            database.close()


SCALES = {
    "territoire": Scale("territoire", "Territoire (CCVG, ×1)", 1, 1, 1),
    "departement": Scale("departement", "Département", 40, 40, 109),
    "national": Scale("national", "National", 1030, 2860, 3270),
}


def _peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def ensure_built(scale: Scale, log=print) -> dict:
    """The scale's database, built with `cil demo` unless the cache already has it.

    Returns what the build measured (time, sizes, rows), kept beside the database."""
    if scale.db.exists() and scale.meta_path.exists():
        meta = json.loads(scale.meta_path.read_text(encoding="utf-8"))
        if meta.get("key") == scale.key():
            return meta
    CACHE.mkdir(parents=True, exist_ok=True)
    scale.db.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "dashboard.cli",
        "demo",
        "--echelle",
        str(scale.demandes),
        "--echelle-attributions",
        str(scale.attributions),
        "--echelle-parc",
        str(scale.parc),
        "--graine",
        str(SEED),
        "--db",
        str(scale.db),
        "--dossier",
        str(scale.extracts),
    ]
    log(f"Construction de la base « {scale.label} » : {' '.join(command[2:])}")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_DIR, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"cil demo a échoué ({scale.name}) :\n{done.stderr}")
    meta = {
        "key": scale.key(),
        "secondes": seconds,
        "journal": done.stdout,
        "taille_base_mo": scale.db.stat().st_size / 1e6,
        "taille_extraits_mo": sum(f.stat().st_size for f in scale.extracts.iterdir()) / 1e6,
        "lignes": _row_counts(scale.db),
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    scale.meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"  prête en {seconds:.1f} s")
    return meta


def _row_counts(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
            for t in ("demandes", "attributions", "logements", "commissions")
        }
        counts["demandes_actives"] = con.execute(
            "SELECT count(*) FROM demandes WHERE date_radiation IS NULL"
        ).fetchall()[0][0]
        counts["logements_dernier_millesime"] = con.execute(
            "SELECT count(*) FROM logements "
            "WHERE millesime = (SELECT max(millesime) FROM logements)"
        ).fetchall()[0][0]
        return counts
    finally:
        con.close()


if __name__ == "__main__":  # python -m bench.scales national : build one scale only
    for name in sys.argv[1:]:
        print(json.dumps(ensure_built(SCALES[name])["lignes"]))
