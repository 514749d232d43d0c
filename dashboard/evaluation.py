"""The plan's evaluation: the figures the catalogue marks `evaluation:` (queries/*.yml), read
for the years of the plan's calendar, with their change and their target.

Nothing here names an indicator: a column of a spec says that the evaluation follows it (its
theme, its row, its target), and a `{groupe}` in its row is expanded over the réservataire
groups of the settings, so that every group of data/territoire.toml has its row. The figures
come through `fetch` (the pages' `data.fetch`, the report's `ctx.fetch`): exact for members,
the publication's for the report, so that a figure masked in one section of the report is
masked in the evaluation too.

The calendar is the plan's (settings [epci]): the baseline is the year before the plan
(`plan_debut - 1`), the mid-term evaluation three years after its entry into force
(`plan_debut + 3`, « trois ans après son entrée en vigueur »), the final one its last year
(`plan_fin`). Before the mid-term year, the evaluation shows the trajectory from the baseline
to the latest year.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import exports, publication
from dashboard.catalogue import SETTING, Column, Entry, Followed, entries, fill
from dashboard.formatting import MISSING, NBSP, fmt, fmt_delta
from dashboard.masking import FLAG, SECRET
from dashboard.results import Result
from dashboard.settings import Settings

MET = "✓ atteint"
MISSED = "✗ non atteint"
UNKNOWN = "—"  # no published value to compare with the target
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# fetch(name, optional=True, **params) -> Result | None: data.fetch or ReportContext.fetch
Fetch = Callable[..., Result | None]


# --- the calendar --------------------------------------------------------------------------
@dataclass(frozen=True)
class Calendar:
    plan: str
    start: int  # first year of the plan (plan_debut)
    end: int  # last year of the plan (plan_fin)

    @classmethod
    def of(cls, settings: Settings) -> Calendar:
        return cls(settings.plan, settings.plan_debut, settings.plan_fin)

    @property
    def baseline(self) -> int:
        return self.start - 1

    @property
    def midterm(self) -> int:
        return self.start + 3

    @property
    def final(self) -> int:
        return self.end

    def stage(self, latest: int) -> str:
        """« avant » (no baseline yet), « reference » (before the mid-term year),
        « mi_parcours », « finale »."""
        if latest < self.baseline:
            return "avant"
        if latest < self.midterm:
            return "reference"
        return "mi_parcours" if latest < self.final else "finale"

    def compared(self, latest: int) -> list[int]:
        """The years side by side: the calendar's years reached, then the latest year."""
        if latest < self.baseline:
            return []
        years = [y for y in (self.baseline, self.midterm, self.final) if y <= latest]
        return years if latest in years else [*years, latest]

    def trajectory(self, latest: int) -> list[int]:
        return list(range(self.baseline, latest + 1)) if latest >= self.baseline else []

    def words(self, latest: int) -> str:
        """Where the evaluation stands in `latest`, in two sentences."""
        verb = "entre" if latest < self.start else "est entré"
        timing = (
            f"Le {self.plan} {verb} en vigueur en {self.start} : son année de référence est "
            f"{self.baseline}, l'année qui le précède ; le bilan à mi-parcours est dû en "
            f"{self.midterm}, trois ans après son entrée en vigueur, et l'évaluation finale en "
            f"{self.final}."
        )
        stage = self.stage(latest)
        if stage == "avant":
            return (
                f"{timing} L'année {latest} précède l'année de référence : l'évaluation du plan "
                f"commence avec les chiffres de {self.baseline}."
            )
        if stage == "reference":
            shown = (
                f"la situation de référence ({self.baseline}) face aux objectifs"
                if latest == self.baseline
                else f"la trajectoire de {self.baseline} à {latest}, face aux objectifs"
            )
            return (
                f"{timing} En {latest}, le bilan à mi-parcours n'est pas encore dû ; les chiffres "
                f"ci-dessous donnent {shown}."
            )
        if stage == "mi_parcours":
            after = f", et la trajectoire jusqu'en {latest}" if latest > self.midterm else ""
            return (
                f"{timing} Bilan à mi-parcours : {self.midterm} face à l'année de référence "
                f"{self.baseline}{after}."
            )
        return f"{timing} Évaluation finale : {self.final} face à l'année de référence " + (
            f"{self.baseline}."
        )


# --- what the catalogue says the evaluation follows ------------------------------------------
@dataclass(frozen=True)
class Row:
    """One followed row: a column of an entry, on the row its `where` selects."""

    entry: Entry
    column: Column
    followed: Followed
    where: dict[str, Any]
    names: dict[str, str]  # the values of the expanded placeholders ({groupe}, {groupe_nom})
    rank: tuple[int, int]

    @property
    def key(self) -> str:
        return f"{self.entry.name}.{self.column.name} {json.dumps(self.where, default=str)}"

    def label(self, params: dict[str, Any]) -> str:
        return fill(self.followed.label or self.column.label, {**params, **self.names})


def expansions(settings: Settings) -> dict[str, list[dict[str, str]]]:
    """What a placeholder of a followed row stands for: one row per value, from the settings."""
    return {
        "groupe": [{"groupe": g.code, "groupe_nom": g.nom} for g in settings.groupes_reservataires],
        "commune": [{"commune": c.insee, "commune_nom": c.nom} for c in settings.communes],
        "guichet": [{"guichet": g.code, "guichet_nom": g.nom} for g in settings.guichets],
    }


def followed_rows(settings: Settings, catalogue: Iterable[Entry] | None = None) -> list[Row]:
    """Every row the evaluation follows, in the order of the specs' `order`."""
    options = expansions(settings)
    rows = []
    for entry in catalogue if catalogue is not None else entries().values():
        for column in entry.columns.values():
            for followed in column.evaluation:
                where = dict(followed.where or entry.publish_where)
                used = {
                    name
                    for value in where.values()
                    if isinstance(value, str)
                    for name in _PLACEHOLDER.findall(value)
                }
                if len(used) > 1:
                    raise ValueError(f"{entry.name}.{column.name} : une seule liste à déployer")
                if not used:
                    rows.append(Row(entry, column, followed, where, {}, (followed.order, 0)))
                    continue
                (name,) = used
                if name not in options:
                    raise ValueError(f"{entry.name}.{column.name} : « {{{name}}} » inconnu")
                for i, names in enumerate(options[name], start=1):
                    filled = {
                        k: fill(v, names) if isinstance(v, str) else v for k, v in where.items()
                    }
                    rows.append(Row(entry, column, followed, filled, names, (followed.order, i)))
    return sorted(rows, key=lambda r: r.rank)


# --- the figures ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    value: Any  # None when hidden or missing
    text: str  # in French, or the secrecy marker
    hidden: bool
    target: Any = None


def _params(entry: Entry, settings: Settings, year: int) -> dict[str, Any]:
    options = publication.resolve(entry, settings, year, settings.insee_codes, single_grid=True)
    if len(options) != 1:
        raise ValueError(f"{entry.name} : une seule requête par année attendue")
    return options[0]


def _cell(row: Row, result: Result | None, year: int, settings: Settings) -> Cell:
    if result is None:
        return Cell(None, MISSING, False)
    where = {k: year if v == "$annee" else v for k, v in row.where.items()}
    frame = result.where(**where).frame
    if len(frame) != 1:
        return Cell(None, MISSING, False)
    line = frame.iloc[0]
    name = row.column.name
    target = row.followed.target
    if target.startswith(SETTING):
        goal = getattr(settings, target[len(SETTING) :])
    else:
        goal = result.value(line, target) if target else None
    return Cell(result.value(line, name), result.text(line, name), result.hidden(line, name), goal)


@dataclass
class Evaluation:
    """The followed rows' figures for the years of the calendar up to `latest`."""

    calendar: Calendar
    latest: int
    rows: list[Row]
    cells: dict[tuple[str, int], Cell]
    results: list[tuple[Result, list[str]]]  # the latest year's results and followed columns

    @property
    def years(self) -> list[int]:
        return self.calendar.compared(self.latest)

    @property
    def trajectory_years(self) -> list[int]:
        return self.calendar.trajectory(self.latest)

    def cell(self, row: Row, year: int) -> Cell:
        return self.cells.get((row.key, year), Cell(None, MISSING, False))

    def _lines(self, theme: str | None = None) -> Iterator[tuple[Row, dict[str, Any], dict]]:
        """Each followed row (of one theme, or all) with the start of its line (theme, label,
        kind), its cells per compared year, the latest year's, and the baseline's and latest
        year's as `before` and `now` when the two differ (a change is then shown)."""
        first, last = (self.years[0], self.years[-1]) if self.years else (None, None)
        for row in self.rows:
            if theme is not None and row.followed.theme != theme:
                continue
            cells = {year: self.cell(row, year) for year in self.years}
            now = cells.get(last, Cell(None, MISSING, False))
            line: dict[str, Any] = {
                "theme": row.followed.theme,
                "indicateur": row.label({"annee": self.latest}),
                "format": row.column.kind,
            }
            change = {"before": cells[first], "now": now} if first != last else {}
            yield row, line, {"cells": cells, "latest": now, **change}

    def comparison(self) -> pd.DataFrame:
        """One line per followed row: theme, label, kind, one text column per year compared,
        the change from the baseline to the latest year, the target and its attainment."""
        lines = []
        for row, line, found in self._lines():
            for year, cell in found["cells"].items():
                line[str(year)] = cell.text
                line[f"_valeur_{year}"] = cell.value
            line["evolution"] = self._change(row, found) if "now" in found else ""
            target = found["latest"].target
            # « — » where the plan sets no target: an empty cell would look like a lost figure
            line["objectif"] = MISSING if target is None else fmt(target, row.column.kind)
            line["atteinte"] = attainment(found["latest"], row.followed.higher_is_better) or MISSING
            lines.append(line)
        return pd.DataFrame(lines)

    @staticmethod
    def _change(row: Row, found: dict) -> str:
        before, now = found["before"], found["now"]
        if before.hidden or now.hidden:
            return SECRET
        change = fmt_delta(now.value, before.value, row.column.kind)
        return (change or MISSING).replace(NBSP + "pt", NBSP + "point")

    def headings(self) -> dict[str, str]:
        first, last = (self.years[0], self.years[-1]) if self.years else (0, 0)
        out = {"indicateur": "Indicateur"}
        out.update({str(y): self.year_heading(y) for y in self.years})
        if first != last:
            out["evolution"] = f"Évolution {first}-{last}"
        out["objectif"] = "Objectif"
        out["atteinte"] = f"Objectif en {last}"
        return out

    def year_heading(self, year: int) -> str:
        calendar = self.calendar
        role = {
            calendar.baseline: "référence",
            calendar.midterm: "mi-parcours",
            calendar.final: "fin du plan",
        }.get(year)
        return f"{year} ({role})" if role else str(year)

    def table(self, theme: str | None = None) -> pd.DataFrame:
        """The comparison as a French table headed by `headings` (one theme, or all with a
        « Thème » column)."""
        frame = self.comparison()
        headings = self.headings()
        if theme is not None:
            frame = frame[frame["theme"] == theme]
        else:
            headings = {"theme": "Thème", **headings}
        return frame[list(headings)].rename(columns=headings).reset_index(drop=True)

    def export(self, theme: str | None = None, threshold: int = 0) -> exports.ExportTable:
        """The comparison for CSV and XLSX: each row's figures as numbers in the row's own
        unit (count, share, months…), the change signed (a share's in points), a hidden
        figure as « < 11 » or « secret », as on the page."""
        lines = []
        for row, line, found in self._lines(theme):
            for year, cell in found["cells"].items():
                line[str(year)] = cell.value
                line[FLAG + str(year)] = cell.hidden
            if "now" in found:
                before, now = found["before"], found["now"]
                line["evolution"] = (
                    None
                    if before.value is None or now.value is None
                    else float(now.value) - float(before.value)
                )
                line[FLAG + "evolution"] = before.hidden or now.hidden
            line["objectif"] = found["latest"].target
            line["atteinte"] = attainment(found["latest"], row.followed.higher_is_better)
            lines.append(line)
        frame = pd.DataFrame(lines)
        headings = self.headings() if theme is not None else {"theme": "Thème", **self.headings()}
        columns = [c for c in frame.columns if c in headings or c.startswith(FLAG)]
        formats = {c: exports.BY_ROW for c in headings if c in (*map(str, self.years),)}
        formats |= {"evolution": exports.BY_ROW, "objectif": exports.BY_ROW}
        table = exports.export_frame(
            frame[[*columns, "format"]],
            {c: k for c, k in formats.items() if c in frame.columns},
            threshold,
            headings,
            row_kind="format",
            signed=["evolution"],
        )
        if "evolution" in frame:  # a change is never a count: hidden, it is « secret »
            name = headings["evolution"]
            hidden = frame[FLAG + "evolution"].to_numpy(dtype=bool)
            table.frame.loc[hidden, name] = SECRET
        return table

    def themes(self) -> list[str]:
        return list(dict.fromkeys(r.followed.theme for r in self.rows))

    def attainment_counts(self) -> dict[str, int]:
        """In the latest year, among the rows with a target: how many meet it (`atteint`),
        how many there are (`objectifs`), how many cannot be compared because their value is
        hidden by secrecy (`secret`) or missing (`sans_valeur`: no attribution, say)."""
        cells = [(self.cell(r, self.latest), r) for r in self.rows]
        targeted = [(c, r) for c, r in cells if c.target is not None]
        return {
            "objectifs": len(targeted),
            "atteint": sum(attainment(c, r.followed.higher_is_better) == MET for c, r in targeted),
            "secret": sum(c.hidden for c, _ in targeted),
            "sans_valeur": sum(c.value is None and not c.hidden for c, _ in targeted),
        }

    def trajectory(self, with_target: bool) -> pd.DataFrame:
        """Long frame (indicateur, annee, valeur, objectif) over the trajectory's years, for
        the rows with a target (`with_target`) or the counts; a hidden value is missing."""
        out = []
        for row in self.rows:
            has_target = bool(row.followed.target)
            if with_target != has_target or (not with_target and not row.column.is_count):
                continue
            for year in self.trajectory_years:
                cell = self.cell(row, year)
                out.append(
                    {
                        "indicateur": row.label({"annee": year}),
                        "annee": year,
                        "valeur": cell.value,
                        "objectif": cell.target,
                    }
                )
        return pd.DataFrame(out, columns=["indicateur", "annee", "valeur", "objectif"])


def attainment(cell: Cell, higher_is_better: bool | None) -> str:
    if cell.target is None:
        return ""
    if cell.value is None:
        return UNKNOWN
    value, target = float(cell.value), float(cell.target)
    met = value <= target + 1e-9 if higher_is_better is False else value >= target - 1e-9
    return MET if met else MISSED


def evaluate(
    fetch: Fetch,
    settings: Settings,
    latest: int,
    rows: Sequence[Row] | None = None,
) -> Evaluation:
    """The followed rows' figures for every year of the calendar and of the trajectory up to
    `latest`, each entry fetched once a year."""
    calendar = Calendar.of(settings)
    rows = list(rows if rows is not None else followed_rows(settings))
    years = sorted(set(calendar.compared(latest)) | set(calendar.trajectory(latest)))
    cells: dict[tuple[str, int], Cell] = {}
    latest_results: dict[str, tuple[Result, list[str]]] = {}
    for year in years:
        fetched: dict[str, Result | None] = {}
        for row in rows:
            name = row.entry.name
            if name not in fetched:
                params = _params(row.entry, settings, year)
                fetched[name] = fetch(name, optional=True, **params)
            cells[(row.key, year)] = _cell(row, fetched[name], year, settings)
            result = fetched[name]
            if year == latest and result is not None:
                shown = latest_results.setdefault(name, (result, []))[1]
                if row.column.name not in shown:
                    shown.append(row.column.name)
    return Evaluation(calendar, latest, rows, cells, list(latest_results.values()))
