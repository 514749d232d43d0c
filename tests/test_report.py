"""The annual report: a paginated French PDF with a table of contents, an HTML page and an
XLSX workbook, from the same figures as the pages, small counts masked."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard.db import Database
from dashboard.formatting import fmt_int
from dashboard.plan_store import ActionStore, ApprovalError, store_path_for
from dashboard.publication import NotPublished
from dashboard.report import build_report
from dashboard.settings import REPO_DIR
from tests.builders import build_db


@pytest.fixture(scope="module")
def demo(demo_db):
    db = Database(demo_db)
    yield db
    db.close()


def pdf_text(data: bytes, tmp_path) -> tuple[int, str]:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True
    ).stdout
    return pages, text


def words_outside_the_margins(data: bytes, tmp_path) -> list[str]:
    """The words drawn past the right margin: a table wider than the page is cut at its edge
    (the plan's actions, eight columns, lost « Dernier commentaire »)."""
    path = tmp_path / "mise_en_page.pdf"
    path.write_bytes(data)
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    right_margin = 1.8 / 2.54 * 72  # rapport.css: @page margin, in points
    outside = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", xhtml, re.S), start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        for x_max, word in re.findall(r'xMax="([\d.]+)"[^>]*>([^<]*)</word>', page):
            if float(x_max) > width - right_margin + 1:
                outside.append(f"page {number} : « {word} »")
    return outside


def test_pdf_has_cover_contents_sections_and_page_numbers(demo, tmp_path, run_query):
    progress: list[float] = []
    data = build_report(demo, 2025, "pdf", lambda f, m: progress.append(f))
    assert data.startswith(b"%PDF")
    assert words_outside_the_margins(data, tmp_path) == []
    pages, text = pdf_text(data, tmp_path)
    assert pages >= 4
    assert "Bilan annuel 2025" in text and "Communauté de Communes de la Vallée du Garon" in text
    assert "Sommaire" in text and f"page 2 / {pages}" in text
    for title in (
        "Chiffres clés de l'année",
        "Évolution de la demande",
        "Enregistrement de la demande",
        "Profil de la demande",
        "Les demandes de mutation",
        "Délais d'attente et pression de la demande",
        "Attributions aux publics prioritaires",
        "Évaluation de la cotation",
        "Le parc social",
        "Évaluation à mi-parcours",
        "Plan d'actions",
        "Sources et définitions",
    ):
        assert title in text
    assert "Données de démonstration (fictives)" in text
    active = run_query(
        demo, "accueil/chiffres_cles", annee=2025, communes=demo.settings.insee_codes
    )["demandes_actives"].iloc[0]
    spaces = str.maketrans({"\u202f": " ", "\xa0": " "})
    assert f"{fmt_int(active)} demandes de logement".translate(spaces) in text.translate(spaces)
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)


def test_xlsx_and_html(demo):
    workbook = load_workbook(io.BytesIO(build_report(demo, 2025, "xlsx")))
    # a « Sommaire » first, then one sheet per table, numbered in the report's order
    assert workbook.sheetnames[0] == "Sommaire"
    assert workbook.sheetnames[1] == "01 Chiffres clés 2025"
    summary = workbook["Sommaire"]
    listed = [c.value for c in summary["A"] if c.hyperlink is not None]
    assert listed == workbook.sheetnames[1:] and all(len(n) <= 31 for n in listed)
    sheet = workbook["01 Chiffres clés 2025"]
    assert sheet["A1"].value == "Indicateur" and isinstance(sheet["C2"].value, int)
    assert sheet.page_setup.orientation == "landscape" and "Bilan annuel 2025" in (
        sheet.oddHeader.right.text
    )
    # the mid-term table: numbers in each row's unit, not text
    mid = next(workbook[n] for n in listed if "Indicateurs du plan" in n)
    header = [c.value for c in mid[1]]
    assert header[:3] == ["Thème", "Indicateur", "Unité"]
    values = [row for row in mid.iter_rows(min_row=2, values_only=True)]
    shares = [r for r in values if r[2] == "%"]
    assert shares and all(isinstance(r[3], float) or r[3] == "secret" for r in shares)
    html = build_report(demo, 2025, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="fr"' in html
    assert "data:image/png;base64," in html


def test_small_territory_report_masks_small_counts(tmp_path):
    demandes = [{"demande_id": f"D{i}", "date_depot": date(2025, 3, 1 + i)} for i in range(4)]
    db = build_db(tmp_path, publish=True, demandes=demandes)
    try:
        html = build_report(db, 2025, "html").decode("utf-8")
    finally:
        db.close()
    # 4 active demands: below the threshold of 11, never written as « 4 »
    assert "moins de 11 demandes de logement social étaient actives" in html
    assert "4 demandes de logement" not in html


def test_cli_writes_the_report(demo_db, tmp_path):
    out = tmp_path / "bilan.xlsx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.cli",
            "rapport",
            "--db",
            str(demo_db),
            "--annee",
            "2025",
            "--format",
            "xlsx",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_DIR,
    )
    assert result.returncode == 0, result.stderr
    assert "[100 %] Rapport prêt" in result.stderr
    assert load_workbook(out).sheetnames


def test_a_database_without_publication_is_explained(tmp_path):
    db = build_db(tmp_path, demandes=[{"demande_id": "D1", "date_depot": date(2025, 3, 1)}])
    try:
        with pytest.raises(NotPublished, match="cil publier"):
            build_report(db, 2025, "html")
    finally:
        db.close()


ACTIONS = [
    {
        "axe": "1. Accueil",
        "thematique": "Guichet",
        "objectif": "Ouvrir des permanences",
        "mise_en_oeuvre": "Permanences dans les 5 communes",
        "partenaires": "CCVG, Département",
        "statut": "fait",
        "annee_realisation": 2025,
    }
]


def test_cover_prints_the_avis_and_the_approval(tmp_path):
    db = build_db(
        tmp_path,
        publish=True,
        demandes=[{"demande_id": "D1", "date_depot": date(2025, 3, 1)}],
        actions=ACTIONS,
    )
    try:
        store = ActionStore(store_path_for(db.path))
        before = cover(build_report(db, 2025, "html").decode("utf-8"))
        assert "Soumis à l'avis de la CIL puis à l'approbation du conseil" in before
        store.record_approval(2025, date(2026, 3, 5), None, "cheffe.projet@ccvg.fr")
        after = cover(build_report(db, 2025, "html").decode("utf-8"))
        assert "Avis de la CIL rendu le 05/03/2026." in after
        assert "Soumis à l'approbation du conseil communautaire." in after
        store.record_approval(2025, date(2026, 3, 5), date(2026, 4, 2), "elu@ccvg.fr")
        store.record_approval(2024, date(2025, 3, 1), date(2025, 3, 20), "elu@ccvg.fr")
        html = build_report(db, 2025, "html").decode("utf-8")
        assert "Approuvé par le conseil communautaire le 02/04/2026." in cover(html)
        assert "20/03/2025" not in cover(html)  # the 2024 report's dates stay on its own
        # the plan's actions keep their « mise en œuvre » and their partners
        plan = html.split('id="plan-d-actions"')[1]
        assert "Mise en œuvre" in plan and "Permanences dans les 5 communes" in plan
        assert "Partenaires" in plan and "CCVG, Département" in plan
        with pytest.raises(ApprovalError, match="après l'avis de la CIL"):
            store.record_approval(2025, date(2026, 3, 5), date(2026, 3, 1), "elu@ccvg.fr")
    finally:
        db.close()


def cover(html: str) -> str:
    return html.split('<section class="cover">')[1].split("</section>")[0].replace("&#39;", "'")


def test_the_report_says_when_the_mid_term_evaluation_is_due(demo):
    html = build_report(demo, 2025, "html").decode("utf-8").replace("&#39;", "'")
    section = html.split('id="evaluation-a-mi-parcours"')[1].split("</section>")[0]
    assert "année de référence est 2025" in section
    assert "bilan à mi-parcours est dû en 2029" in section
    assert "2025 (référence)" in section and "dont Autre" in section


def test_cil_rapport_does_not_import_streamlit(demo_db, tmp_path):
    """The report and `cil` run where Streamlit is not installed (a server without the
    dashboard, a scheduled task): building a report in one process never imports it."""
    out = tmp_path / "bilan.html"
    script = (
        "import sys\n"
        "from dashboard.cli import main\n"
        f"code = main(['rapport', '--db', {str(demo_db)!r}, '--annee', '2025', "
        f"'--format', 'html', '--out', {str(out)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit')\n"
        "print('streamlit:', loaded)\n"
        "sys.exit(code or (1 if loaded else 0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_DIR
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "streamlit: []" in result.stdout and out.stat().st_size > 10_000
