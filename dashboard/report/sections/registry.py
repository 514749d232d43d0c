"""The registry of report sections: each builder registers itself with @section."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.report.content import Section
from dashboard.report.context import ReportContext

SectionBuilder = Callable[[ReportContext], Section | None]
SECTIONS: list[SectionBuilder] = []


def section(builder: SectionBuilder) -> SectionBuilder:
    SECTIONS.append(builder)
    return builder
