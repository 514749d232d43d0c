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
    from bench.result import ScaleResult

RESULTS = REPO_DIR / "bench" / "results.md"
ANALYSIS_HEADING = "## Analyse"
CHARGE_LINK = (
    "Les mesures de charge (plusieurs utilisateurs à la fois) sont dans "
    "[results-charge.md](results-charge.md)."
)

# The targets, per scale: every page's queries warm (s), the page's server-side run (AppTest,
# s), a year change in the browser (s), a first visit above the one-line page's (s), the
# import of the demand extract (s), the server's peak memory (MB).
METRICS = ("requetes", "apptest", "navigateur", "visite", "import", "memoire")
METRIC_WORDS = {
    "requetes": "Requêtes d'une page, à chaud",
    "apptest": "Page côté serveur (AppTest)",
    "navigateur": "Changement d'année (navigateur)",
    "visite": "Première visite, au-delà de la page d'une ligne",
    "import": "Import des demandes",
    "memoire": "Pic mémoire du serveur",
}
TARGETS = {
    "territoire": dict(zip(METRICS, (0.050, 0.5, 1.0, 0.5, 5.0, 500.0), strict=True)),
    "departement": dict(zip(METRICS, (0.100, 0.8, 1.5, 0.8, 20.0, 700.0), strict=True)),
    "national": dict(zip(METRICS, (0.300, 1.5, 2.0, 1.5, 120.0, 1024.0), strict=True)),
}
# The figures of 30/11, the ones these targets were set against, transcribed from
# bench/results-2026-11-30.md (the first visit: bench/results-premiere-visite.md of that day,
# territory only); None: not measured that day.
REFERENCE_DATE = "30/11"
REFERENCE = {
    "territoire": dict(zip(METRICS, (0.577, 0.92, 0.97, 4.2, None, 373.0), strict=True)),
    "departement": dict(zip(METRICS, (2.083, 2.36, 1.74, None, None, 459.0), strict=True)),
    "national": dict(zip(METRICS, (29.15, 46.5, None, None, 427.8, 2706.0), strict=True)),
}
RATIO_TARGET = 10.0  # department and national, on every indicator
RATIO_SCALES = ("departement", "national")
DEMO_TARGET_S = 10.0  # territory
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


def _shown(metric: str, value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "non mesuré"
    if metric == "memoire":
        return f"{num(value)} Mo"
    return ms(value) if metric == "requetes" else sec(value)


def first_visit_above(result: ScaleResult) -> tuple[float, str] | None:
    """The page whose first visit exceeds the one-line page's the most, and by how much."""
    visits = getattr(result, "visits", [])
    if not visits or not visits[0].visits:
        return None
    floor = visits[0].median("idle_s")
    measured = [(v.median("idle_s") - floor, v.name) for v in visits[1:] if v.visits]
    return max(measured) if measured else None


def measured(result: ScaleResult | None) -> dict[str, tuple[float, str] | None]:
    """Each metric of the targets at one scale, with the page it was worst on."""
    if result is None:
        return dict.fromkeys(METRICS)
    rows = page_rows(result)
    out: dict[str, tuple[float, str] | None] = {}
    for metric, key in (("requetes", "chaud"), ("apptest", "apptest"), ("navigateur", "nav")):
        known = [r for r in rows if not math.isnan(r[key])]
        worst = max(known, key=lambda r: r[key]) if known else None
        out[metric] = (worst[key], worst["page"]) if worst else None
    out["visite"] = first_visit_above(result)
    imported = getattr(result, "imported", None)
    out["import"] = (imported.seconds, "") if imported else None
    out["memoire"] = (result.memory["pic_mo"], "") if result.memory else None
    return out


def _targets_table(results: list[ScaleResult]) -> list[str]:
    """The targets' grid: for each scale, the target, what was measured (with the page it
    was worst on) and its verdict, and the figure of 30/11."""
    lines = [
        "| Échelle | | " + " | ".join(METRIC_WORDS[m] for m in METRICS) + " |",
        "|---|---|" + "---:|" * len(METRICS),
    ]
    for name, targets in TARGETS.items():
        found = measured(_scale_of(results, name))
        label = SCALE_WORDS[name].capitalize()
        lines.append(
            f"| {label} | objectif | "
            + " | ".join("< " + _shown(m, targets[m]) for m in METRICS)
            + " |"
        )
        cells = []
        for metric in METRICS:
            value = found[metric]
            if value is None:
                cells.append("non mesuré")
                continue
            where = f" ({value[1]})" if value[1] else ""
            cells.append(f"{_shown(metric, value[0])}{where}, {verdict(value[0], targets[metric])}")
        lines.append(f"| {label} | mesuré | " + " | ".join(cells) + " |")
        lines.append(
            f"| {label} | le {REFERENCE_DATE} | "
            + " | ".join(_shown(m, REFERENCE[name][m]) for m in METRICS)
            + " |"
        )
    lines.append("")
    for name in RATIO_SCALES:
        r = _scale_of(results, name)
        words = f"Rapport pandas / DuckDB, {SCALE_WORDS[name]}, sur chaque indicateur : ≥ "
        words += f"{RATIO_TARGET:.0f}"
        if r and r.pandas:
            low = min(r.pandas, key=lambda c: c.ratio)
            ok = "atteint" if low.ratio >= RATIO_TARGET else "**manqué**"
            lines.append(f"- {words} : {num(low.ratio, 1)} au moins ({low.label}), {ok}.")
        else:
            lines.append(f"- {words} : non mesuré.")
    t = _scale_of(results, "territoire")
    if t:
        lines.append(
            f"- Base de démonstration du territoire (`cil demo`) : < {sec(DEMO_TARGET_S)} : "
            f"{sec(t.build['secondes'])}, {verdict(t.build['secondes'], DEMO_TARGET_S)}."
        )
    return lines


def render(results: list[ScaleResult], context: dict, path: Path) -> str:
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
        *_targets_table(results),
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
        visits = getattr(r, "visits", [])
        if visits:
            from bench.first_visit import method, table_lines  # it draws on this module

            rounds = len(visits[0].visits)
            out += [
                "",
                f"Première visite (médiane de {rounds} tour{'s' if rounds > 1 else ''}) : "
                f"{method(visits)}",
                "",
                *table_lines(visits),
            ]
        if r.memory:
            out += [
                "",
                f"Mémoire du serveur Streamlit pendant qu'un navigateur parcourt toutes les "
                f"pages : pic {num(r.memory['pic_mo'])} Mo (VmHWM), "
                f"{num(r.memory['fin_mo'])} Mo à la fin.",
            ]
        out.append("")
    out += ["## Import", ""]
    for r in results:
        imported = getattr(r, "imported", None)
        if imported is None:
            out.append(f"- {r.scale.label} : non mesuré.")
            continue
        out.append(
            f"- {r.scale.label} : `cil import demandes` de l'extrait ({num(imported.rows)} "
            f"lignes, {num(imported.csv_mb)} Mo de CSV) dans une base vide : "
            f"{sec(imported.seconds)} ; base obtenue : {num(imported.db_mb)} Mo ; mémoire de "
            f"l'import au plus haut : {num(imported.peak_mb)} Mo (mesuré le {imported.date})."
        )
    out += [
        "",
        kept_analysis(path),
    ]
    return "\n".join(out)
