"""Report section of the « sources » domain: the extracts the report was built from, and the
definitions of the figures it published, read from the catalogue (the page, its queries and
its tests carry the same name)."""

from __future__ import annotations

from dashboard.catalogue import published_keys
from dashboard.report.content import Section
from dashboard.report.context import ReportContext
from dashboard.report.sections.registry import section


def glossary(fetched: list[str], year: int) -> list[str]:
    """« Label : definition. » for each figure the catalogue publishes (a `cil indicateurs`
    key) among the entries the report read, each definition once, in the report's order."""
    lines: dict[str, str] = {}
    for name in fetched:
        for _, (spec, column) in published_keys().items():
            if spec.name == name and column.definition and column.definition not in lines:
                label = column.label_for({"annee": year}, short=True)
                lines[column.definition] = f"{label} : {column.definition}"
    return [_sentence(line) for line in lines.values()]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "»", ")")) else text + "."


@section
def sources(ctx: ReportContext) -> Section:
    extracts = ctx.fetch("commun/sources")
    assert extracts is not None
    table = ctx.table_of(extracts, ["extrait", "millesime", "fichier", "lignes", "date_extraction"])
    secrecy = (
        f"Secret statistique : les effectifs inférieurs à {ctx.threshold} sont remplacés par "
        f"« < {ctx.threshold} », d'autres cases par « secret » quand elles permettraient de "
        "les retrouver, et les parts calculées sur eux ne sont pas publiées."
    )
    return Section("Sources et définitions", [*glossary(ctx.fetched, ctx.annee), secrecy], [table])
