"""`make bench`: the performance benchmark, from the territory to the national scale.

    python -m bench.run             # the three scales (national: a long first build, cached)
    python -m bench.run --rapide    # territory and department only (a few minutes)
    python -m bench.run --essai     # territory only, one run of each measure (CI: proves it runs)

Prints a table per scale and writes bench/results.md (French): see bench/report.py.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from bench import browser, first_visit, imports, pages, pandas_way, replay, report, scales
from bench.result import ScaleResult


def measure(
    scale: scales.Scale,
    repeats: int,
    with_browser: bool,
    walk_for_memory: bool,
    log,
    again_import: bool = False,
    trial: bool = False,
) -> ScaleResult:
    started = time.perf_counter()
    build = scales.ensure_built(scale, log)
    years = scale.years()
    result = ScaleResult(scale, build, years[-1])
    result.date = time.strftime("%d/%m/%Y %H:%M")

    def keep() -> None:  # saved after each step: an interrupted run still reports the rest
        result.seconds = time.perf_counter() - started
        result.load = report.load_average()
        result.save()

    log(f"[{scale.name}] pages sous AppTest ({len(pages.PAGES)} pages)…")
    national = scale.name == "national"
    # National: one server-side run per page (minutes each otherwise), which records the
    # queries; the replay, pandas and the memory walk follow.
    result.pages = pages.run_pages(scale.db, 0 if national else repeats)
    keep()
    log(f"[{scale.name}] requêtes rejouées à froid et à chaud…")
    for run in result.pages:
        result.replays[run.spec.url_path] = replay.replay(scale.db, run.calls, repeats)
    keep()
    log(f"[{scale.name}] comparaison avec pandas…")
    parquet = scales.CACHE / f"{scale.name}_parquet"
    result.pandas = pandas_way.compare(scale.db, parquet, result.year, repeats, warmup=not national)
    keep()
    if with_browser or walk_for_memory:
        log(f"[{scale.name}] navigateur : changement d'année sur chaque page…")
        result.browser, result.memory = browser.walk(
            scale.db,
            years,
            changes=0 if national else max(repeats, 1),  # national: memory, not timings
            timeout_s=900 if national else 300,
        )
    keep()
    log(f"[{scale.name}] première visite de chaque page et de la page d'une ligne…")
    result.visits = first_visit.measure(
        scale.db,
        result.year,
        1 if national else max(repeats, 1),
        900 if national else 300,
        warm_up=not trial,  # the trial proves the run works: no unmeasured visits
    )
    keep()
    log(f"[{scale.name}] import de l'extrait des demandes (cil import)…")
    result.imported = imports.import_demandes(
        scale.extracts / "demandes.csv",
        scales.CACHE / f"{scale.name}-import",
        build["lignes"]["demandes"],
        again=again_import,
    )
    keep()
    report.print_scale(result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--rapide", action="store_true", help="territoire et département")
    mode.add_argument("--essai", action="store_true", help="territoire, une mesure de chaque")
    parser.add_argument(
        "--sortie", type=Path, default=report.RESULTS, help="fichier de résultats (Markdown)"
    )
    parser.add_argument("--repetitions", type=int, help="mesures par chiffre (médiane)")
    parser.add_argument(
        "--remesurer-import",
        action="store_true",
        help="mesurer à nouveau l'import (sinon repris du cache tant que l'extrait est le même)",
    )
    parser.add_argument(
        "--echelles",
        help="ne mesurer que ces échelles (ex. national) ; les autres échelles du mode sont "
        "reprises de leur dernière mesure (bench/cache/)",
    )
    parser.add_argument(
        "--rapport",
        action="store_true",
        help="ne rien mesurer : réécrire les résultats à partir des dernières mesures gardées",
    )
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    log = print
    if args.essai:
        names, repeats = ["territoire"], 1
    elif args.rapide:
        names, repeats = ["territoire", "departement"], 3
    else:
        names, repeats = ["territoire", "departement", "national"], 5
    repeats = args.repetitions or repeats
    context = report.machine()
    started = time.perf_counter()
    measured = [] if args.rapport else args.echelles.split(",") if args.echelles else names
    results = []
    for name in names + [n for n in measured if n not in names]:
        scale = scales.SCALES[name]
        if name not in measured:
            saved = ScaleResult.load_saved(name)
            if saved is None:
                log(f"[{name}] aucune mesure gardée : échelle absente des résultats")
            else:
                log(f"[{name}] mesures reprises du {saved.date}")
                results.append(saved)
            continue
        results.append(
            measure(
                scale,
                repeats if name != "national" else 1,
                with_browser=name in ("territoire", "departement"),
                walk_for_memory=name == "national",
                log=log,
                again_import=args.remesurer_import,
                trial=args.essai,
            )
        )
    context["fin"] = report.load_average()
    context["duree_s"] = time.perf_counter() - started
    context["mode"] = "essai" if args.essai else "rapide" if args.rapide else "complet"
    context["repetitions"] = repeats
    text = report.render(results, context, args.sortie)
    args.sortie.write_text(text, encoding="utf-8")
    log(f"Résultats écrits dans {args.sortie} ({context['duree_s'] / 60:.1f} min).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
