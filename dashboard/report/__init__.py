"""`cil rapport`: the annual report (bilan annuel, article R441-2-12 du CCH) as PDF, HTML or
XLSX, built from the same queries as the pages."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dashboard import exports, publication
from dashboard.db import Database
from dashboard.plan_store import ActionStore, store_path_for
from dashboard.report.content import Chart, Report, Table
from dashboard.report.context import ReportContext
from dashboard.report.sections import SECTIONS

TEMPLATES = Path(__file__).resolve().parent / "templates"
FORMATS = ("pdf", "html", "xlsx")
Progress = Callable[[float, str], None]


def _silent(fraction: float, message: str) -> None:
    return None


def collect(database: Database, annee: int, progress: Progress = _silent) -> Report:
    """The report's sections for `annee`, read from the publication (raises NotPublished,
    in French, when the database has none or one built for other settings)."""
    settings = database.settings
    with database.cursor() as cursor:
        publication.check_current(cursor, settings)
    store = ActionStore(store_path_for(database.path))
    ctx = ReportContext(database, annee, settings, store.tables())
    sections = []
    for i, builder in enumerate(SECTIONS):
        progress(0.5 * i / len(SECTIONS), f"Section {i + 1} sur {len(SECTIONS)}")
        built = builder(ctx)
        if built is not None:
            sections.append(built)
    sources = ctx.query("commun/sources")
    return Report(
        title=f"Bilan annuel {annee}",
        subtitle=f"Mise en œuvre du {settings.plan} et de la convention intercommunale "
        "d'attribution",
        territory=settings.epci_nom,
        sections=sections,
        demo=bool(sources["demo"].any()) if not sources.empty else False,
        generated_on=dt.date.today().strftime("%d/%m/%Y"),
        approvals=approvals(ctx),
    )


def approvals(ctx: ReportContext) -> list[str]:
    """The cover's lines on the report's adoption (article R441-2-12 du CCH: the CIL's avis,
    then the council's approval), as recorded on the Bilan page, or what comes next."""
    result = ctx.fetch("plan/validations")
    assert result is not None
    rows = result.where(annee=ctx.annee).frame
    if rows.empty or (rows["avis_cil"].isna().all() and rows["approbation_conseil"].isna().all()):
        return [
            "Soumis à l'avis de la CIL puis à l'approbation du conseil communautaire (article "
            "R441-2-12 du CCH)."
        ]
    row = rows.iloc[0]
    lines = []
    if pd.notna(row["avis_cil"]):
        lines.append(f"Avis de la CIL rendu le {result.text(row, 'avis_cil')}.")
    if pd.notna(row["approbation_conseil"]):
        day = result.text(row, "approbation_conseil")
        lines.append(f"Approuvé par le conseil communautaire le {day}.")
    else:
        lines.append("Soumis à l'approbation du conseil communautaire.")
    return lines


def render_html(report: Report, progress: Progress = _silent) -> str:
    images: list[str] = []
    block_ids: dict[str, int] = {}
    charts = [
        (s, i, b) for s in report.sections for i, b in enumerate(s.blocks) if isinstance(b, Chart)
    ]
    for n, (section, index, block) in enumerate(charts):
        progress(0.5 + 0.4 * n / max(len(charts), 1), f"Graphique {n + 1} sur {len(charts)}")
        png = exports.figure_image(block.figure, "png", width=block.size[0], height=block.size[1])
        block_ids[f"{index}-{section.anchor}"] = len(images)
        images.append(base64.b64encode(png).decode())
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["j2"]))
    footer = f"{report.title} — {report.territory}".replace('"', "'")
    css = (TEMPLATES / "rapport.css").read_text(encoding="utf-8").replace("{{FOOTER}}", footer)
    return env.get_template("rapport.html.j2").render(
        report=report, images=images, block_ids=block_ids, css=css
    )


def render_pdf(report: Report, progress: Progress = _silent) -> bytes:
    from weasyprint import HTML

    html = render_html(report, progress)
    progress(0.92, "Mise en page du PDF")
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()


def render_xlsx(report: Report) -> bytes:
    """One sheet per table (numbers as numbers, with their formats), after a « Sommaire »
    sheet that lists them. Sheet names follow one rule (exports.sheet_name): the table's
    number, then its title cut at a whole word within Excel's 31 characters."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Sommaire"
    where = f"{report.title} — {report.territory}"
    rows: list[tuple[str, str, str, str]] = []
    for section in report.sections:
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            table = block.export if block.export is not None else exports.text_table(block.frame)
            name = exports.sheet_name(block.title, len(rows) + 1)
            exports.write_sheet(
                workbook.create_sheet(name), table, f"{section.title} — {block.title}", where
            )
            rows.append((name, section.title, block.title, block.note))
    assert rows, "le rapport n'a aucun tableau"
    heading = [
        report.title,
        f"{report.subtitle} — {report.territory}",
        f"Produit le {report.generated_on}. Chaque tableau est sur sa feuille ; les nombres "
        "sont des nombres (parts en %, évolutions signées) ; « < 11 » et « secret » marquent "
        "les valeurs masquées (secret statistique).",
    ]
    if report.demo:
        heading.append("Données de démonstration (fictives) : elles ne décrivent aucun ménage.")
    exports.summary_sheet(summary, heading, rows)
    workbook.properties.title = report.title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_report(database: Database, annee: int, fmt: str, progress: Progress = _silent) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format inconnu « {fmt} » (attendu : {', '.join(FORMATS)})")
    report = collect(database, annee, progress)
    if fmt == "xlsx":
        data = render_xlsx(report)
    elif fmt == "html":
        data = render_html(report, progress).encode("utf-8")
    else:
        data = render_pdf(report, progress)
    progress(1.0, "Rapport prêt")
    return data
