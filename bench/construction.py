"""The time each model takes to build at import, on a copy of a scale's database.

    python -m bench.construction                      # territory and department (bench/cache/)
    python -m bench.construction --echelles national  # the national base (minutes)

The copy is opened and prepared as the import opens its write (its memory limit, staging
views, no model read), then every model of queries/staging/modeles/ is built in file order,
as `dashboard/models.py` does: elapsed and CPU time (all of the process's threads) and rows
of each table. Written to bench/results-construction.md. The copy is deleted afterwards; the
cached base is untouched.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from bench import report, scales
from dashboard import models
from dashboard.db import prepare_cursor
from dashboard.duck import execute, scalar
from dashboard.settings import REPO_DIR, get_settings

RESULTS = REPO_DIR / "bench" / "results-construction.md"


def build_times(db: Path) -> tuple[list[tuple[str, float, float, int]], tuple[int, int]]:
    """(table, seconds, CPU seconds, rows) of each model, built on a copy of `db`, and the
    years scored."""
    settings = get_settings()
    with tempfile.TemporaryDirectory(prefix="bench-construction-", dir=db.parent) as folder:
        copy = Path(folder) / db.name
        shutil.copyfile(db, copy)
        con = duckdb.connect(str(copy), config=settings.duckdb_config(write=True))
        try:
            prepare_cursor(con, settings, use_models=False)
            first, last = models.years(con, settings)
            given = {"annee_debut": first, "annee_fin": last}
            out = []
            for model in models.models():
                params = {k: v for k, v in given.items() if k in model.parameters}
                started, cpu = time.perf_counter(), time.process_time()
                execute(con, f"CREATE OR REPLACE TABLE {model.table} AS {model.sql}", params)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                rows = int(scalar(con, f"SELECT count(*) FROM {model.table}"))
                # the next models read this one, as in the import (dashboard/models.py)
                execute(con, f"CREATE OR REPLACE TEMP VIEW {model.view} AS FROM {model.table}")
                out.append((model.table, seconds, cpu, rows))
        finally:
            con.close()
    return out, (first, last)


def _s(seconds: float) -> str:
    return f"{seconds:,.2f}".replace(",", " ").replace(".", ",")


def _n(count: int) -> str:
    return f"{count:,d}".replace(",", " ")


def table(name: str) -> list[str]:
    scale = scales.SCALES[name]
    scales.ensure_built(scale, print)
    rows, (first, last) = build_times(scale.db)
    lines = [
        f"## {scale.label} (31 décembre de {first} à {last})",
        "",
        "| Modèle | Lignes | Temps | CPU |",
        "|---|---:|---:|---:|",
    ]
    for model, seconds, cpu, count in rows:
        lines.append(f"| `{model}` | {_n(count)} | {_s(seconds)} s | {_s(cpu)} s |")
    total, total_cpu = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines.append(f"| **tous** | | {_s(total)} s | {_s(total_cpu)} s |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.construction", description=__doc__.split("\n")[0])
    parser.add_argument("--echelles", default="territoire,departement")
    args = parser.parse_args(argv)
    context = report.machine()
    body = [line for name in args.echelles.split(",") for line in table(name)]
    out = [
        "# Construction des modèles à l'import",
        "",
        "Produit par `python -m bench.construction` (bases de `bench/cache/`, construites par "
        "`make bench`). Chaque modèle de `queries/staging/modeles/`, construit dans l'ordre "
        "des fichiers sur une copie de la base ouverte et préparée comme l'import prépare son "
        "écriture (même limite de mémoire) : "
        "temps écoulé, temps CPU du processus (tous ses fils d'exécution) et lignes.",
        "",
        f"- Date : {context['date']} ; machine : {context['machine']}",
        f"- Charge de la machine (1/5/15 min) : {context['debut']} au début, "
        f"{report.load_average()} à la fin",
        "",
        *body,
    ]
    RESULTS.write_text("\n".join(out), encoding="utf-8")
    print("\n".join(body))
    print(f"Résultats écrits dans {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
