"""The README's tables that come from the catalogue (queries/*.yml): the figures `cil
indicateurs` publishes with their definitions, and what the plan's evaluation follows. They
are written between markers and checked by tests/test_readme.py; after a change of a spec:

    .venv/bin/python -m dashboard.readme     # rewrites the tables of README.md in place
"""

from __future__ import annotations

import re
import sys

from dashboard.catalogue import published_keys
from dashboard.evaluation import followed_rows
from dashboard.settings import REPO_DIR, Settings, get_settings

README = REPO_DIR / "README.md"
MARK = "<!-- {name} : {edge} (généré par « python -m dashboard.readme », ne pas modifier) -->"
UNITS = {
    "count": "nombre",
    "share": "part",
    "ratio": "rapport",
    "months": "mois",
    "year": "année",
    "points": "points",
    "euros": "euros",
    "date": "date",
    "text": "texte",
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def definitions_table() -> str:
    """One row per `cil indicateurs` key: its label, unit, definition, whose definition it
    is and the query computing it."""
    lines = [
        "| clé de `cil indicateurs` | indicateur | unité | définition | source | requête |",
        "|---|---|---|---|---|---|",
    ]
    keys = sorted(published_keys().items(), key=lambda item: (item[1][0].name, item[0]))
    for key, (entry, column) in keys:
        # a label naming its year ({annee}) is given by its short form, when it has one
        label = column.short if "{" in column.label and column.short else column.label
        lines.append(
            f"| `{key}` | {_cell(label)} | {UNITS[column.kind]} | "
            f"{_cell(column.definition) or '—'} | {column.source or entry.source or '—'} | "
            f"`queries/{entry.name}.sql` |"
        )
    return "\n".join(lines)


def evaluation_table(settings: Settings) -> str:
    """One row per figure the plan's evaluation follows, for these settings' groups."""
    lines = ["| thème | indicateur | objectif | requête |", "|---|---|---|---|"]
    for row in followed_rows(settings):
        target = row.followed.target
        way = {True: " (à atteindre ou dépasser)", False: " (à ne pas dépasser)"}.get(
            row.followed.higher_is_better, ""
        )
        if target.startswith("setting:"):
            goal = f"paramètre `{target.split(':', 1)[1]}`{way}"
        else:
            goal = f"{row.entry.label(target)}{way}" if target else "—"
        lines.append(
            f"| {_cell(row.followed.theme)} | {_cell(row.label({}))} | {goal} | "
            f"`queries/{row.entry.name}.sql` |"
        )
    return "\n".join(lines)


def blocks(settings: Settings) -> dict[str, str]:
    return {
        "definitions": definitions_table(),
        "evaluation": evaluation_table(settings),
    }


def _pattern(name: str) -> re.Pattern[str]:
    start = re.escape(MARK.format(name=name, edge="début"))
    end = re.escape(MARK.format(name=name, edge="fin"))
    return re.compile(f"({start})\n(?:.*?\n)?({end})", re.S)


def rewrite(text: str, settings: Settings) -> str:
    """`text` (the README) with each generated block replaced by its current version."""
    for name, table in blocks(settings).items():
        pattern = _pattern(name)
        if not pattern.search(text):
            raise ValueError(f"README.md : marqueurs du tableau « {name} » introuvables")
        text = pattern.sub(lambda m, t=table: f"{m.group(1)}\n{t}\n{m.group(2)}", text)
    return text


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = rewrite(text, get_settings())
    if new != text:
        README.write_text(new, encoding="utf-8")
        print("README.md : tableaux du catalogue mis à jour.")
    else:
        print("README.md : tableaux du catalogue déjà à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
