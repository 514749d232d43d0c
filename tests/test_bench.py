"""The benchmark runs (its `--essai` form: territory only, one measure of each figure) and
reports every page of the menu. Timings are never asserted here: they are the benchmark's
output (bench/results.md), not a test."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dashboard.settings import REPO_DIR
from dashboard.views import PAGES


def _bench(tmp_path, module: str, *args: str) -> None:
    """Runs a benchmark module, its databases cached under `tmp_path`."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO_DIR,
        env={**os.environ, "BENCH_CACHE": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.browser
@pytest.mark.long
def test_benchmark_runs_and_reports_every_page(tmp_path):
    results = tmp_path / "results.md"
    results.write_text("# ancien\n\n## Analyse\n\nTexte écrit à la main.\n", encoding="utf-8")
    _bench(tmp_path, "bench.run", "--essai", "--sortie", str(results))
    text = results.read_text(encoding="utf-8")
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| ")]
    for spec in PAGES:  # pages are found in the menu: a new page is measured with no change
        # twice: a row in the table of the page's run and one in the table of its first visit
        assert rows.count(f"| {spec.title}") == 2, spec.title
    assert "| Page Streamlit d'une ligne (plancher) |" in text
    # the targets' grid has the territory measured; the scale's demand import is reported
    assert "| Territoire | mesuré | " in text
    assert "- Territoire (CCVG, ×1) : `cil import demandes` de l'extrait" in text
    assert "⚠ erreur" not in text  # no page raised under AppTest
    assert "échec (" not in text  # every page answered the year change in the browser
    assert "| Rapport" not in text.split("## Objectifs")[0]
    assert "[results-charge.md](results-charge.md)" in text
    assert "Essai : aucune visite ne précède le tour" in text  # the trial skips the warm-up
    # the hand-written analysis of the previous results is kept
    assert text.rstrip().endswith("## Analyse\n\nTexte écrit à la main.")

    # `make bench-visite` on the database the run above built: the floor and the pages asked
    # (every page's first visit is in the run above; two here, a public one and a member's)
    asked = [next(s for s in PAGES if s.public), next(s for s in PAGES if not s.public)]
    visits = tmp_path / "visite.md"
    visits.write_text("# ancien\n\n## Analyse\n\nÀ la main.\n", encoding="utf-8")
    pages = ",".join(spec.url_path for spec in asked)
    _bench(tmp_path, "bench.first_visit", "--tours", "1", "--pages", pages, "--sortie", str(visits))
    text = visits.read_text(encoding="utf-8")
    rows = [line.split(" | ")[0] for line in text.splitlines() if line.startswith("| ")]
    floor = "| Page Streamlit d'une ligne (plancher)"
    assert rows == ["| Page", floor, *(f"| {spec.title}" for spec in asked)]
    assert "échec (" not in text
    assert text.rstrip().endswith("## Analyse\n\nÀ la main.")
