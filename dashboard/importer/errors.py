"""Import problems, reported to the user in French with file, line, column, value and rule."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    file: str
    rule: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"ligne {self.line}")
        if self.column:
            where.append(f"colonne {self.column}")
        text = ", ".join(where)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "…"
            text += f", valeur « {shown} »"
        return f"{text} : {self.rule}"


class ImportRefused(Exception):
    """The file was refused; the database was not touched."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.message())

    def message(self) -> str:
        shown = self.problems[:MAX_SHOWN]
        head = (
            f"Import refusé : {self.total} erreur{'s' if self.total > 1 else ''}"
            if self.total
            else "Import refusé"
        )
        if self.total > len(shown):
            head += f" (les {len(shown)} premières ci-dessous)"
        lines = [head + ". La base n'a pas été modifiée."]
        lines += [f"  - {p}" for p in shown]
        return "\n".join(lines)


class ImportFailed(Exception):
    """The import could not be written (disk full, lock held...); the database is unchanged."""
