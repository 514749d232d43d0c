"""The benchmark's table on the terminal and bench/results.md (French), with the targets of
the issue checked figure by figure. The section « Analyse » of an existing results file is
written by hand and kept as it is when the figures are regenerated."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from bench.browser import change_median
from bench.pages import median
from bench.replay import Replay
from dashboard.settings import REPO_DIR

if TYPE_CHECKING:
    from bench.imports import ImportRun
    from bench.result import ScaleResult
    from bench.scales import Scale

RESULTS = REPO_DIR / "bench" / "results.md"
ANALYSIS_HEADING = "## Analyse"
CHARGE_LINK = (
    "Les mesures de charge (plusieurs utilisateurs à la fois) sont dans "
    "[results-charge.md](results-charge.md)."
)

# Targets of the issue, in seconds (MB for memory), per scale; None: no target at that scale.
TARGETS = {
    "requetes_chaud": {"territoire": 0.050, "national": 0.300},
    "apptest": {"territoire": 0.5, "national": 1.5},
    "navigateur": {"territoire": 1.0, "departement": 2.0},
}
RATIO_TARGET = 10.0  # national scale
DEMO_TARGET_S = 10.0  # territory
IMPORT_TARGET_S = 180.0  # national demand extract
MEMORY_TARGET_MB = 1024.0  # national
SCALE_WORDS = {"territoire": "territoire", "departement": "département", "national": "national"}


def load_average() -> str:
    return " / ".join(f"{v:.1f}".replace(".", ",") for v in os.getloadavg())


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def _chromium() -> str:
    try:
        out = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30
        ).stdout
        return out.strip().splitlines()[-1] if out.strip() else "?"
    except (OSError, subprocess.SubprocessError):
        return "absent"


def machine() -> dict:
    packages = ["duckdb", "pandas", "pyarrow", "streamlit", "plotly", "playwright"]
    return {
        "date": dt.datetime.now().strftime("%d/%m/%Y %H:%M"),
        "machine": f"{_cpu_model()}, {os.cpu_count()} cœurs, {_memory_gb():.0f} Go de mémoire",
        "systeme": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": ", ".join(f"{p} {version(p)}" for p in packages) + f", {_chromium()}",
        "debut": load_average(),
    }


# --- formatting --------------------------------------------------------------------------------
def num(value: float, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text.replace(" ", "\u202f")


def ms(seconds: float) -> str:
    if seconds is None or math.isnan(seconds):
        return "—"
    value = seconds * 1000
    return f"{num(value, 1 if value < 10 else 0)} ms"


def sec(seconds: float) -> str:
    if seconds is None or math.isnan(seconds):
        return "—"
    return f"{num(seconds, 2 if seconds < 10 else 1)} s"


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    if value is None or math.isnan(value):
        return "non mesuré"
    return "atteint" if value <= target else "**manqué**"


# --- per scale ---------------------------------------------------------------------------------
def page_rows(result: ScaleResult) -> list[dict]:
    rows = []
    browser = {b.spec.url_path: b for b in result.browser}
    for run in result.pages:
        key = run.spec.url_path
        rep = result.replays.get(key) or Replay(math.nan, math.nan, math.nan, ("", math.nan))
        nav = browser.get(key)
        rows.append(
            {
                "page": run.spec.title,
                "requetes": len(run.calls),
                "ouverture": rep.open_seconds,
                "froid": rep.cold,
                "chaud": rep.warm,
                "chaud_cpu": getattr(rep, "warm_cpu", float("nan")),
                "apptest_cpu": median(getattr(run, "cpu_seconds", [])),
                "plus_lente": rep.slowest,
                "apptest": median(run.seconds),
                "apptest_cache": median(run.cached_seconds),
                "nav": change_median(nav) if nav else float("nan"),
                "nav_ouverture": nav.open_s if nav else float("nan"),
                "nav_erreur": nav.error if nav else "",
                "erreurs": run.errors,
            }
        )
    return rows


def print_scale(result: ScaleResult) -> None:
    print(f"\n== {result.scale.label} (année {result.year}) ==")
    header = f"{'page':32} {'req':>4} {'froid':>9} {'chaud':>9} {'AppTest':>9} {'navig.':>9}"
    print(header)
    for row in page_rows(result):
        print(
            f"{row['page'][:32]:32} {row['requetes']:>4} {ms(row['froid']):>9} "
            f"{ms(row['chaud']):>9} {sec(row['apptest']):>9} {sec(row['nav']):>9}"
        )
    for c in result.pandas:
        print(f"pandas/DuckDB {c.ratio:6.1f}  {c.label[:60]}")
    if result.memory:
        print(f"mémoire du serveur : pic {result.memory['pic_mo']:.0f} Mo")


# --- results.md --------------------------------------------------------------------------------
def kept_analysis(path: Path) -> str:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if ANALYSIS_HEADING in text:
            return text[text.index(ANALYSIS_HEADING) :].rstrip() + "\n"
    return (
        f"{ANALYSIS_HEADING}\n\n(À écrire : pourquoi un objectif est manqué et ce qui "
        "l'atteindrait.)\n"
    )


def _scale_of(results: list[ScaleResult], name: str) -> ScaleResult | None:
    return next((r for r in results if r.scale.name == name), None)


def _targets_table(
    results: list[ScaleResult], imported: ImportRun, imported_scale: Scale
) -> list[str]:
    lines = ["| Objectif | Mesuré | Verdict |", "|---|---|---|"]

    def add(label: str, value: float | None, target: float, shown: str) -> None:
        lines.append(
            f"| {label} | {shown} | "
            + (verdict(value, target) if value is not None else "non mesuré")
            + " |"
        )

    for name, target in TARGETS["requetes_chaud"].items():
        r = _scale_of(results, name)
        worst = max(page_rows(r), key=lambda row: row["chaud"]) if r else None
        add(
            f"Requêtes d'une page, à chaud, {SCALE_WORDS[name]} : < {ms(target)}",
            worst["chaud"] if worst else None,
            target,
            f"{ms(worst['chaud'])} au pire ({worst['page']} ; CPU {ms(worst['chaud_cpu'])})"
            if worst
            else "non mesuré",
        )
    r = _scale_of(results, "national")
    if r and r.pandas:
        low = min(r.pandas, key=lambda c: c.ratio)
        lines.append(
            f"| Rapport pandas / DuckDB, national : ≥ {RATIO_TARGET:.0f} | {num(low.ratio, 1)} au "
            f"moins ({low.label}) | {'atteint' if low.ratio >= RATIO_TARGET else '**manqué**'} |"
        )
    else:
        lines.append(
            f"| Rapport pandas / DuckDB, national : ≥ {RATIO_TARGET:.0f} | non mesuré "
            "| non mesuré |"
        )
    for name, target in TARGETS["apptest"].items():
        r = _scale_of(results, name)
        worst = max(page_rows(r), key=lambda row: row["apptest"]) if r else None
        add(
            f"Page côté serveur (AppTest), {SCALE_WORDS[name]} : < {sec(target)}",
            worst["apptest"] if worst else None,
            target,
            f"{sec(worst['apptest'])} au pire ({worst['page']} ; CPU {sec(worst['apptest_cpu'])})"
            if worst
            else "non mesuré",
        )
    for name, target in TARGETS["navigateur"].items():
        r = _scale_of(results, name)
        rows = [row for row in page_rows(r) if not math.isnan(row["nav"])] if r else []
        worst = max(rows, key=lambda row: row["nav"]) if rows else None
        add(
            f"Changement d'année jusqu'à la page au repos (navigateur), {SCALE_WORDS[name]} : "
            f"< {sec(target)}",
            worst["nav"] if worst else None,
            target,
            f"{sec(worst['nav'])} au pire ({worst['page']})" if worst else "non mesuré",
        )
    t = _scale_of(results, "territoire")
    if t:
        add(
            f"Base de démonstration du territoire : < {sec(DEMO_TARGET_S)}",
            t.build["secondes"],
            DEMO_TARGET_S,
            sec(t.build["secondes"]),
        )
    label = f"Import d'un extrait des demandes national : < {sec(IMPORT_TARGET_S)}"
    if imported_scale.name == "national":
        add(label, imported.seconds, IMPORT_TARGET_S, sec(imported.seconds))
    else:
        lines.append(
            f"| {label} | non mesuré (extrait « {imported_scale.label} » : "
            f"{sec(imported.seconds)}) | non mesuré |"
        )
    r = _scale_of(results, "national")
    label = f"Mémoire du serveur au national : < {num(MEMORY_TARGET_MB)} Mo"
    if r and r.memory:
        add(label, r.memory["pic_mo"], MEMORY_TARGET_MB, f"pic {num(r.memory['pic_mo'])} Mo")
    else:
        lines.append(f"| {label} | non mesuré | non mesuré |")
    return lines


def render(
    results: list[ScaleResult],
    imported: ImportRun,
    imported_scale: Scale,
    context: dict,
    path: Path,
) -> str:
    out = [
        "# Banc d'essai des performances",
        "",
        "Figures produites par `make bench` (script `bench/run.py`) ; chaque chiffre est la "
        f"médiane de {context['repetitions']} mesures après une mesure d'échauffement (au "
        "national : une mesure). "
        "Relancer : `make bench` (trois échelles ; la base nationale est construite une fois "
        "et gardée dans `bench/cache/`) ou `make bench-rapide` (territoire et département).",
        "",
        CHARGE_LINK,
        "",
        f"- Date : {context['date']} ; mode : {context['mode']} ; durée : "
        f"{num(context['duree_s'] / 60, 1)} min",
        f"- Machine : {context['machine']} ; {context['systeme']} ; Python {context['python']}",
        f"- Versions : {context['versions']}",
        f"- Charge de la machine (load average 1/5/15 min) : {context['debut']} au début, "
        f"{context['fin']} à la fin (d'autres programmes tournaient : les temps en dépendent)",
        "",
        "## Volumes",
        "",
        "| Échelle | Demandes (dont actives) | Attributions | Logements (dernier millésime) | "
        "Base | Extraits CSV | Construction (`cil demo`) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n = r.build["lignes"]
        out.append(
            f"| {r.scale.label} | {num(n['demandes'])} ({num(n['demandes_actives'])}) | "
            f"{num(n['attributions'])} | {num(n['logements'])} "
            f"({num(n['logements_dernier_millesime'])}) | {num(r.build['taille_base_mo'])} Mo | "
            f"{num(r.build['taille_extraits_mo'])} Mo | {sec(r.build['secondes'])} |"
        )
    out += [
        "",
        "Facteurs de `cil demo` : "
        + " ; ".join(
            f"{r.scale.label} `--echelle {num(r.scale.demandes)} --echelle-attributions "
            f"{num(r.scale.attributions)} --echelle-parc {num(r.scale.parc)}`"
            for r in results
        )
        + ". Toutes les échelles gardent les cinq communes de la CCVG : seuls les volumes "
        "changent.",
        "",
        "## Objectifs",
        "",
        *_targets_table(results, imported, imported_scale),
        "",
    ]
    for r in results:
        out += [
            f"## {r.scale.label} — page par page (année {r.year}, toutes les communes)",
            "",
            f"Mesuré le {r.date} en {num(r.seconds / 60, 1)} min ; charge de la machine "
            f"à la fin : "
            f"{r.load}.",
            "",
            "Requêtes : toutes celles que la page lance pour cet état des filtres (relevées en "
            "faisant tourner la page), rejouées directement sur la base : « froid » sur une "
            "connexion neuve, « chaud » une seconde fois sur la même. AppTest : la page entière "
            "côté serveur, cache de Streamlit vidé (« en cache » : la même page relancée). "
            "Navigateur : d'un changement d'année jusqu'à la page au repos. Entre parenthèses, "
            "le temps CPU du processus (tous ses fils d'exécution) : il dépend peu de la charge "
            "de la machine, contrairement au temps écoulé.",
            "",
            "| Page | Requêtes | Ouverture | Froid | Chaud (CPU) | La plus lente (chaud) | "
            "AppTest (CPU) | AppTest en cache | Navigateur |",
            "|---|---:|---:|---:|---:|---|---:|---:|---:|",
        ]
        for row in page_rows(r):
            name, slow = row["plus_lente"]
            nav = sec(row["nav"]) if not row["nav_erreur"] else f"échec ({row['nav_erreur']})"
            if not r.browser:
                nav = "—"
            elif math.isnan(row["nav"]) and not math.isnan(row["nav_ouverture"]):
                nav = f"ouverture {sec(row['nav_ouverture'])}"  # national: no year change timed
            flag = " ⚠ erreur" if row["erreurs"] else ""
            out.append(
                f"| {row['page']}{flag} | {row['requetes']} | {ms(row['ouverture'])} | "
                f"{ms(row['froid'])} | {ms(row['chaud'])} ({ms(row['chaud_cpu'])}) | "
                f"`{name}` {ms(slow)} | {sec(row['apptest'])} ({sec(row['apptest_cpu'])}) | "
                f"{sec(row['apptest_cache'])} | {nav} |"
            )
        out += [
            "",
            "pandas : lire les extraits Parquet dans pandas, filtrer, grouper (ce que fait un "
            "tableau de bord pandas à chaque rechargement) ; DuckDB : la requête du produit, à "
            "chaud.",
            "",
            "| Indicateur | pandas | DuckDB | Rapport | Rapport des temps CPU |",
            "|---|---:|---:|---:|---:|",
        ]
        for c in r.pandas:
            p_cpu, o_cpu = getattr(c, "pandas_cpu", math.nan), getattr(c, "ours_cpu", math.nan)
            out.append(
                f"| {c.label} | {ms(c.pandas_s)} | {ms(c.ours_s)} | {num(c.ratio, 1)} | "
                f"{num(p_cpu / o_cpu if o_cpu else math.nan, 1)} |"
            )
        if r.memory:
            out += [
                "",
                f"Mémoire du serveur Streamlit pendant qu'un navigateur parcourt toutes les "
                f"pages : pic {num(r.memory['pic_mo'])} Mo (VmHWM), "
                f"{num(r.memory['fin_mo'])} Mo à la fin.",
            ]
        out.append("")
    out += [
        "## Import",
        "",
        f"`cil import demandes` de l'extrait « {imported_scale.label} » "
        f"({num(imported.rows)} lignes, {num(imported.csv_mb)} Mo de CSV) dans une base vide : "
        f"{sec(imported.seconds)} ; base obtenue : {num(imported.db_mb)} Mo ; mémoire de "
        f"l'import au plus haut : {num(imported.peak_mb)} Mo (mesuré le {imported.date}).",
        "",
        kept_analysis(path),
    ]
    return "\n".join(out)
