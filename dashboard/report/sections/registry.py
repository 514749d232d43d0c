"""The registry of report sections and the helpers they share."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.formatting import fmt_int, fmt_months, fmt_num, fmt_pct
from dashboard.report.content import Section
from dashboard.report.context import ReportContext

SectionBuilder = Callable[[ReportContext], Section | None]
SECTIONS: list[SectionBuilder] = []


def section(builder: SectionBuilder) -> SectionBuilder:
    SECTIONS.append(builder)
    return builder


def _value(row: pd.Series, column: str, kind: str, threshold: int) -> str:
    """A figure for a sentence, or « moins de 11 » / « non publiable » when masked."""
    if bool(row.get(f"_masque_{column}", False)):
        return f"moins de {threshold}" if kind == "int" else "non publiable (effectif trop faible)"
    return {"int": fmt_int, "pct": fmt_pct, "num": fmt_num, "mois": fmt_months}[kind](row[column])
