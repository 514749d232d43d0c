"""What a report is made of: sections holding sentences, charts and tables. Section builders
(sections.py) produce them from the same SQL files as the pages; renderers turn them into
HTML, PDF or XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard.exports import ExportTable


@dataclass
class Chart:
    figure: go.Figure
    definition: str = ""
    size: tuple[int, int] = (1000, 560)  # pixels of the printed image (width, height)


@dataclass
class Table:
    title: str
    frame: pd.DataFrame  # for display: already masked and formatted in French (text)
    export: ExportTable | None = None  # numbers kept as numbers, for the XLSX version
    note: str = ""


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Chart | Table] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        import re
        import unicodedata

        text = unicodedata.normalize("NFKD", self.title).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass
class Report:
    title: str
    subtitle: str
    territory: str
    sections: list[Section]
    demo: bool
    generated_on: str
    approvals: list[str] = field(default_factory=list)  # the CIL's avis, the council's approval
