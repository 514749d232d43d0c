"""The models built at import against the staging views they replace, query by query.

    python -m bench.modeles                         # territory and department (bench/cache/)
    python -m bench.modeles --echelles territoire

Every catalogue query the publication runs, for the last year and the whole territory, warm
(median of 3 after a first run), on the same file opened twice: reading the models, and
reading the staging views (`Database(use_models=False)`). Written to bench/results-modeles.md.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from bench import report, scales
from bench.pages import median
from dashboard import publication, queries
from dashboard.catalogue import entries
from dashboard.db import Database
from dashboard.settings import REPO_DIR

RESULTS = REPO_DIR / "bench" / "results-modeles.md"


def timings(db: Path, use_models: bool, year: int, repeats: int = 3) -> dict[str, float]:
    """Warm seconds of each query (summed over its runs), median of `repeats`."""
    database = Database(db, use_models=use_models)
    settings = database.settings
    runs = [
        run
        for entry in entries().values()
        if entry.params and not entry.name.startswith("plan/")  # the app's store, no model
        for run in publication.runs(entry, settings, [year])
        if run.perimeter == publication.TERRITORY
    ]
    rounds: list[dict[str, float]] = []
    try:
        with database.cursor() as cursor:
            for i in range(repeats + 1):
                spent: dict[str, float] = defaultdict(float)
                for run in runs:
                    started = time.perf_counter()
                    queries.run(cursor, run.entry.name, **run.params)
                    spent[run.entry.name] += time.perf_counter() - started
                if i:  # the first round warms DuckDB's buffers
                    rounds.append(spent)
    finally:
        database.close()
    return {name: median([r[name] for r in rounds]) for name in rounds[0]}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}".replace(",", " ").replace(".", ",")


def _ratio(views: float, with_models: float) -> str:
    return f"{views / with_models:.1f}".replace(".", ",")


def table(name: str, db: Path, year: int) -> list[str]:
    views, with_models = timings(db, False, year), timings(db, True, year)
    domains: dict[str, list[str]] = defaultdict(list)
    for query in views:
        domains[query.split("/")[0]].append(query)
    lines = [
        f"## {scales.SCALES[name].label} ({year}, tout le territoire)",
        "",
        "| Domaine | Requêtes | Vues | Modèles | Rapport | La plus lente avec modèles |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for domain, names in sorted(domains.items()):
        v = sum(views[q] for q in names)
        m = sum(with_models[q] for q in names)
        slow = max(names, key=lambda q: with_models[q])
        lines.append(
            f"| {domain} | {len(names)} | {_ms(v)} ms | {_ms(m)} ms | {_ratio(v, m)} | "
            f"`{slow}` {_ms(with_models[slow])} ms |"
        )
    v, m = sum(views.values()), sum(with_models.values())
    lines.append(f"| **toutes** | {len(views)} | {_ms(v)} ms | {_ms(m)} ms | {_ratio(v, m)} | |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.modeles", description=__doc__.splitlines()[0])
    parser.add_argument("--echelles", default="territoire,departement")
    parser.add_argument("--annee", type=int, default=2025)
    args = parser.parse_args(argv)
    load_before = report.load_average()
    out = [
        "# Modèles matérialisés contre vues de préparation",
        "",
        "Produit par `python -m bench.modeles` (bases de `bench/cache/`, construites par "
        "`make bench`). Chaque requête du catalogue que publie l'import, pour la dernière "
        "année et tout le territoire, à chaud (médiane de 3 après un premier passage), sur le "
        "même fichier ouvert deux fois : en lisant les modèles construits à l'import, puis en "
        "lisant les vues qu'ils remplacent (`Database(use_models=False)`).",
        "",
        f"- Date : {time.strftime('%d/%m/%Y %H:%M')}",
    ]
    body = []
    for name in args.echelles.split(","):
        scale = scales.SCALES[name]
        scales.ensure_built(scale, print)
        body += table(name, scale.db, args.annee)
    out.append(
        f"- Charge de la machine (1/5/15 min) : {load_before} au début, "
        f"{report.load_average()} à la fin"
    )
    RESULTS.write_text("\n".join([*out, "", *body]), encoding="utf-8")
    print("\n".join(body))
    print(f"Résultats écrits dans {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
